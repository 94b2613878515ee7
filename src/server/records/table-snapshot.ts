/**
 * One tab read in one call: its header map and data rows, with an index from record ID to row.
 * Rows are located by ID at each execution, never by a remembered row number, because users
 * sort, filter and insert rows between two calls (DESIGN.md §3).
 */
import { mapHeaders, requireColumns, type HeaderMap } from '../../core/schema/header-map';
import type { TabDef } from '../../core/schema/types';
import { CrmError } from '../../core/errors';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface TableSnapshot {
  readonly tab: TabDef;
  readonly sheet: Sheet;
  readonly map: HeaderMap;
  /** Width of the rows as read (header row width, user columns included). */
  readonly width: number;
  /** Data rows (sheet row 2 is index 0), exactly as getValues returned them. */
  readonly rows: unknown[][];
  /** Record ID → index in `rows`. */
  readonly rowIndexById: ReadonlyMap<string, number>;
  /** Rows read in full when the tab was read by key columns; absent when every row was read. */
  readonly loaded?: ReadonlySet<number>;
}

export function getSheetOrFail(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tab: TabDef,
): Sheet {
  const sheet = spreadsheet.getSheetByName(tab.name);
  if (!sheet) {
    throw new CrmError(
      'STRUCTURE',
      `Onglet « ${tab.name} » introuvable — lancez CRM UTPLA › Installer / réparer la structure.`,
    );
  }
  return sheet;
}

/** Reads the whole tab with one getValues (plus the two size calls it needs). */
export function readTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tab: TabDef,
): TableSnapshot {
  const sheet = getSheetOrFail(spreadsheet, tab);
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const values =
    lastRow > 0 && lastColumn > 0 ? sheet.getRange(1, 1, lastRow, lastColumn).getValues() : [];
  const header = values[0] ?? [];
  const map = mapHeaders(tab, header);
  if (tab.idPrefix) requireColumns(tab, map, ['id']);
  const rows = values.slice(1);
  const rowIndexById = new Map<string, number>();
  const idColumn = map.columnOf.get('id');
  if (idColumn !== undefined) {
    rows.forEach((row, index) => {
      const id = String(row[idColumn] ?? '').trim();
      // The first row wins when a user duplicated a line; the duplicate is left alone.
      if (id !== '' && !rowIndexById.has(id)) rowIndexById.set(id, index);
    });
  }
  return { tab, sheet, map, width: Math.max(lastColumn, map.width), rows, rowIndexById };
}

/** The schema fields of one row, by key (user columns are not part of a record). */
export function rowToRecord(
  table: TableSnapshot,
  row: readonly unknown[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, column] of table.map.columnOf) record[key] = row[column] ?? '';
  return record;
}
