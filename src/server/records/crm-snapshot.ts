/**
 * The record tabs a view needs, each read once, as active records (archived ones left out).
 * Search, the 360° card and the task list are built from it in memory.
 */
import { getTab } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
import { loadRows, matchingRows, readKeyed } from './keyed-table';
import { readTable, rowToRecord } from './table-snapshot';

export type CrmRecord = Record<string, unknown>;

export function readActiveRecords(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tabKey: TabKey,
): CrmRecord[] {
  const table = readTable(spreadsheet, getTab(tabKey));
  return table.rows
    .map((row) => rowToRecord(table, row))
    .filter((record) => String(record.id ?? '') !== '' && record.etat !== 'Archivé');
}

/**
 * Only the given columns of the active records: what search, rules and indexes need from a big
 * tab. `id` and `etat` are always read.
 */
export function readActiveKeys(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tabKey: TabKey,
  keys: readonly string[],
): CrmRecord[] {
  const table = readKeyed(spreadsheet, getTab(tabKey), ['id', 'etat', ...keys]);
  return table.rows
    .map((row) => rowToRecord(table, row))
    .filter((record) => String(record.id ?? '') !== '' && record.etat !== 'Archivé');
}

/** Active records whose key columns pass `test`, read in full (key columns, then those rows). */
export function readActiveWhere(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tabKey: TabKey,
  keys: readonly string[],
  test: (keys: CrmRecord) => boolean,
): CrmRecord[] {
  // The state is checked on the rows read in full: reading its column too would cost a call.
  const table = readKeyed(spreadsheet, getTab(tabKey), ['id', ...keys]);
  const rows = matchingRows(table, (k) => String(k.id ?? '') !== '' && test(k));
  loadRows(spreadsheet, table, rows);
  return rows
    .map((index) => rowToRecord(table, table.rows[index] ?? []))
    .filter((record) => record.etat !== 'Archivé');
}

/** The given columns of every record, archived ones included (rules that look at history). */
export function readKeys(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tabKey: TabKey,
  keys: readonly string[],
): CrmRecord[] {
  const table = readKeyed(spreadsheet, getTab(tabKey), ['id', ...keys]);
  return table.rows
    .map((row) => rowToRecord(table, row))
    .filter((record) => String(record.id ?? '') !== '');
}

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}
