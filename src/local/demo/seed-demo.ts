/**
 * Fills a freshly set-up workbook with the demo records of sheets-template/demo-data.json, by
 * header, through the emulated SpreadsheetApp and the server's own append helper — the same
 * path a script takes, so the demo data lands exactly as the CRM would write it.
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

type DemoData = Record<string, Array<Record<string, unknown>>>;

export function seedDemoData(runtime: LocalRuntime, file = DEMO_DATA_PATH): number {
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as DemoData;
  return runtime.withServices((services) => {
    const spreadsheet = (
      services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
    ).getActiveSpreadsheet();
    let written = 0;
    for (const tab of TABS) {
      const records = data[tab.key];
      const sheet = spreadsheet.getSheetByName(tab.name);
      if (!records || records.length === 0 || !sheet) continue;
      const map = mapHeaders(tab, readHeaderRow(sheet));
      const rows = records.map((record) => {
        const row: CellValue[] = new Array<CellValue>(map.width).fill('');
        for (const field of tab.fields) {
          const column = map.columnOf.get(field.key);
          if (column !== undefined && record[field.key] !== undefined)
            row[column] = toDemoCell(field, record[field.key], runtime.timeZone);
        }
        return row;
      });
      appendRows(sheet, rows);
      written += rows.length;
    }
    return written;
  });
}

function toDemoCell(field: FieldDef, value: unknown, timeZone: string): CellValue {
  if ((field.type === 'date' || field.type === 'datetime') && typeof value === 'string') {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? midnightIn(value, timeZone) : new Date(value);
  }
  return toCellValue(value);
}

/** Midnight of a calendar day in a time zone, as an instant. */
export function midnightIn(day: string, timeZone: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (asUtc - guess.getTime()));
}
