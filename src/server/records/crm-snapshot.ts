/**
 * The record tabs a view needs, each read once, as active records (archived ones left out).
 * Search, the 360° card and the task list are built from it in memory.
 */
import { getTab } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
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

export function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value).trim();
}
