/**
 * Fills a freshly set-up workbook with the demo records of sheets-template/demo-data.json, by
 * header, through the emulated SpreadsheetApp and the server's own append helper — the same
 * path a script takes, so the demo data lands exactly as the CRM would write it.
 *
 * The file is dated around its `_anchor` day (tools/make-demo-data.ts). Seeding moves every date
 * by the whole number of days from the anchor to the runtime's today, so a demo opened any day
 * has tasks due today, late deals and recent exchanges, whatever day the file was generated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapHeaders } from '../../core/schema/header-map';
import { TABS } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import { toCellValue, type CellValue } from '../../core/text/sheet-safe';
import { appendRows, readHeaderRow } from '../../server/sheets/sheet-io';
import type { LocalRuntime } from '../runtime/runtime';

export const DEMO_DATA_PATH = path.resolve(__dirname, '../../../sheets-template/demo-data.json');

export type DemoRecord = Record<string, unknown>;

/** Tab key → records; `_`-prefixed keys (`_anchor`, `_comment`) describe the file. */
export type DemoData = Record<string, unknown>;

/** Fields holding dated lines (`2026-09-14 10:05 Qualifié`, DESIGN.md §4) besides date columns. */
const DATED_LINE_FIELDS: ReadonlySet<string> = new Set(['historiqueEtapes']);

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A wall time without offset: read in the runtime's time zone. */
const WALL_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const LINE_DAY = /^(\s*)(\d{4}-\d{2}-\d{2})(?=[ T]|$)/gm;

export function readDemoData(file = DEMO_DATA_PATH): DemoData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoData;
}

export function seedDemoData(runtime: LocalRuntime, file = DEMO_DATA_PATH): number {
  const timeZone = runtime.timeZone;
  const raw = readDemoData(file);
  const data = shiftDemoData(raw, demoShiftDays(raw, runtime), timeZone);
  return runtime.withServices((services) => {
    const spreadsheet = (
      services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
    ).getActiveSpreadsheet();
    let written = 0;
    for (const tab of TABS) {
      const records = demoRecords(data, tab.key);
      const sheet = spreadsheet.getSheetByName(tab.name);
      if (records.length === 0 || !sheet) continue;
      const map = mapHeaders(tab, readHeaderRow(sheet));
      const rows = records.map((record) => {
        const row: CellValue[] = new Array<CellValue>(map.width).fill('');
        for (const field of tab.fields) {
          const column = map.columnOf.get(field.key);
          if (column !== undefined && record[field.key] !== undefined)
            row[column] = toDemoCell(field, record[field.key], timeZone);
        }
        return row;
      });
      appendRows(sheet, rows);
      written += rows.length;
    }
    return written;
  });
}

export function demoRecords(data: DemoData, tabKey: string): DemoRecord[] {
  const records = data[tabKey];
  return Array.isArray(records) ? (records as DemoRecord[]) : [];
}

/** Days from the file's anchor to the runtime's today in its time zone; 0 without an anchor. */
export function demoShiftDays(
  data: DemoData,
  runtime: Pick<LocalRuntime, 'now' | 'timeZone'>,
): number {
  const anchor = data._anchor;
  if (typeof anchor !== 'string' || !ISO_DAY.test(anchor)) return 0;
  const today = dayIn(runtime.now(), runtime.timeZone);
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${anchor}T00:00:00Z`)) / DAY);
}

/**
 * The data with every date, date-time and dated line moved by `days` calendar days. Wall times
 * keep their hour: a meeting at 10:00 stays at 10:00 across a change of summer time. A date-time
 * written with an offset becomes the wall time it meant in `timeZone`.
 */
export function shiftDemoData(data: DemoData, days: number, timeZone = 'Europe/Paris'): DemoData {
  const shifted: DemoData = { ...data };
  for (const tab of TABS) {
    const records = demoRecords(data, tab.key);
    if (records.length === 0) continue;
    shifted[tab.key] = records.map((record) => {
      const copy: DemoRecord = { ...record };
      for (const field of tab.fields) {
        const value = record[field.key];
        if (typeof value !== 'string') continue;
        if (field.type === 'date') copy[field.key] = shiftDay(value, days);
        else if (field.type === 'datetime') copy[field.key] = shiftDateTime(value, days, timeZone);
        else if (DATED_LINE_FIELDS.has(field.key))
          copy[field.key] = value.replace(
            LINE_DAY,
            (_line, indent: string, day: string) => `${indent}${shiftDay(day, days)}`,
          );
      }
      return copy;
    });
  }
  if (typeof data._anchor === 'string') shifted._anchor = shiftDay(data._anchor, days);
  return shifted;
}

const DAY = 86_400_000;

function shiftDay(day: string, days: number): string {
  if (!ISO_DAY.test(day)) return day;
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function shiftDateTime(value: string, days: number, timeZone: string): string {
  const wall = WALL_TIME.exec(value);
  if (wall) return `${shiftDay(wall[1] ?? '', days)}${value.slice(10)}`;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  const parts = wallParts(instant, timeZone);
  return `${shiftDay(parts.day, days)}T${parts.time}`;
}

function toDemoCell(field: FieldDef, value: unknown, timeZone: string): CellValue {
  if ((field.type === 'date' || field.type === 'datetime') && typeof value === 'string') {
    if (ISO_DAY.test(value)) return midnightIn(value, timeZone);
    const wall = WALL_TIME.exec(value);
    if (wall) {
      const [, day = '', hour = '0', minute = '0', second = '0'] = wall;
      return wallTimeIn(day, Number(hour), Number(minute), Number(second), timeZone);
    }
    return new Date(value);
  }
  return toCellValue(value);
}

/** Midnight of a calendar day in a time zone, as an instant. */
export function midnightIn(day: string, timeZone: string): Date {
  return wallTimeIn(day, 0, 0, 0, timeZone);
}

/** A wall time of a calendar day in a time zone, as an instant. */
export function wallTimeIn(
  day: string,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): Date {
  const wanted = Date.parse(`${day}T00:00:00Z`) + ((hour * 60 + minute) * 60 + second) * 1000;
  // Two corrections: the first guess can sit on the other side of a summer-time change.
  let instant = wanted;
  for (let i = 0; i < 2; i++) instant += wanted - asUtc(new Date(instant), timeZone);
  return new Date(instant);
}

/** `yyyy-MM-dd` of an instant in a time zone. */
export function dayIn(instant: Date, timeZone: string): string {
  return wallParts(instant, timeZone).day;
}

function wallParts(instant: Date, timeZone: string): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    day: `${get('year')}-${get('month')}-${get('day')}`,
    time: `${get('hour')}:${get('minute')}:${get('second')}`,
  };
}

/** The wall time an instant shows in a time zone, read as if it were UTC (ms). */
function asUtc(instant: Date, timeZone: string): number {
  const { day, time } = wallParts(instant, timeZone);
  return Date.parse(`${day}T${time}Z`);
}
