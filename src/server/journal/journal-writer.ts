/**
 * Appends audit lines to the Journal tab, by header, in one write (DESIGN.md §3 "Journal").
 * Callers hold the document lock.
 */
import { mapHeaders, requireColumns } from '../../core/schema/header-map';
import { getTab } from '../../core/schema/tabs';
import { toCellValue, type CellValue } from '../../core/text/sheet-safe';
import { appendRows, readHeaderRow } from '../sheets/sheet-io';

export interface JournalEntry {
  readonly at: Date;
  readonly user: string;
  readonly action: string;
  readonly tab?: string;
  readonly recordId?: string;
  readonly field?: string;
  readonly oldValue?: unknown;
  readonly newValue?: unknown;
  readonly detail?: string;
}

export function appendJournal(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  entries: readonly JournalEntry[],
): void {
  if (entries.length === 0) return;
  const tab = getTab('journal');
  const sheet = spreadsheet.getSheetByName(tab.name);
  // Before the first setup there is nowhere to write; the caller's own report says what happened.
  if (!sheet) return;
  const headers = readHeaderRow(sheet);
  const map = mapHeaders(tab, headers);
  requireColumns(tab, map, ['horodatage', 'action']);
  const rows = entries.map((entry) => {
    const row: CellValue[] = new Array<CellValue>(Math.max(map.width, 1)).fill('');
    const put = (key: string, value: unknown) => {
      const column = map.columnOf.get(key);
      if (column !== undefined) row[column] = value instanceof Date ? value : toCellValue(value);
    };
    put('horodatage', entry.at);
    put('utilisateur', entry.user);
    put('action', entry.action);
    put('onglet', entry.tab);
    put('recordId', entry.recordId);
    put('champ', entry.field);
    put('ancienneValeur', entry.oldValue);
    put('nouvelleValeur', entry.newValue);
    put('detail', entry.detail);
    return row;
  });
  appendRows(sheet, rows);
}
