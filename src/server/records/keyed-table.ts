/**
 * Reading a big tab without reading all of it. A sidebar action needs a handful of records out of
 * tens of thousands: it reads the header row, the few key columns that say which rows matter
 * (IDs, links), then only those rows, in a bounded number of blocks. Calls stay constant whatever
 * the number of rows, and the cells read drop from the whole tab to a few columns (DESIGN.md §8).
 * Reads go through A1 notation with the tab's name, which spares a getSheetByName per tab.
 */
import { CrmError } from '../../core/errors';
import { mapHeaders, requireColumns } from '../../core/schema/header-map';
import type { TabDef } from '../../core/schema/types';
import { blockA1, headerRowA1, openColumnsA1 } from '../sheets/a1';
import { getSheetOrFail, type TableSnapshot } from './table-snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Most blocks one load reads; nearby rows are merged into a block, far ones too past this. */
const MAX_BLOCKS = 2;

export interface KeyedTable extends TableSnapshot {
  /** Indexes (into `rows`) read in full; the other rows hold only the key columns. */
  readonly loaded: Set<number>;
}

/**
 * The header and the given key columns of every row. `rows` has one entry per data row, as wide
 * as the header, with only the key columns filled until `loadRows` reads the row in full.
 */
export function readKeyed(
  spreadsheet: Spreadsheet,
  tab: TabDef,
  keys: readonly string[],
): KeyedTable {
  const header = readHeader(spreadsheet, tab);
  const map = mapHeaders(tab, header);
  const wanted = [...new Set(keys)].filter((key) => tab.fields.some((f) => f.key === key));
  requireColumns(
    tab,
    map,
    wanted.filter((key) => key === 'id'),
  );
  const columns = wanted
    .map((key) => map.columnOf.get(key))
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b);
  const width = map.width;
  const rows: unknown[][] = [];
  for (const [first, last] of columnSpans(columns)) {
    const values = spreadsheet
      .getRange(openColumnsA1(tab.name, 2, first + 1, last + 1))
      .getValues();
    values.forEach((value, index) => {
      const row = rows[index] ?? (rows[index] = new Array<unknown>(width).fill(''));
      for (let c = first; c <= last; c++) row[c] = value[c - first] ?? '';
    });
  }
  // Open-ended ranges run to the bottom of the grid: drop the empty rows below the data.
  let end = rows.length;
  while (end > 0 && columns.every((c) => isBlank(rows[end - 1]?.[c]))) end--;
  rows.length = end;
  const rowIndexById = new Map<string, number>();
  const idColumn = map.columnOf.get('id');
  if (idColumn !== undefined) {
    rows.forEach((row, index) => {
      const id = String(row[idColumn] ?? '').trim();
      if (id !== '' && !rowIndexById.has(id)) rowIndexById.set(id, index);
    });
  }
  let sheet: GoogleAppsScript.Spreadsheet.Sheet | undefined;
  return {
    tab,
    map,
    width,
    rows,
    rowIndexById,
    loaded: new Set<number>(),
    // Only writes need the Sheet object; a read-only action never pays for it.
    get sheet() {
      sheet ??= getSheetOrFail(spreadsheet, tab);
      return sheet;
    },
  };
}

/** Reads the given rows in full, in at most MAX_BLOCKS blocks; returns them as loaded. */
export function loadRows(
  spreadsheet: Spreadsheet,
  table: KeyedTable,
  indexes: Iterable<number>,
): void {
  const wanted = [...new Set(indexes)]
    .filter((i) => i >= 0 && i < table.rows.length && !table.loaded.has(i))
    .sort((a, b) => a - b);
  if (wanted.length === 0 || table.width === 0) return;
  for (const [first, last] of mergeIntoBlocks(wanted, MAX_BLOCKS)) {
    const values = spreadsheet
      .getRange(blockA1(table.tab.name, first + 2, last - first + 1, table.width))
      .getValues();
    values.forEach((value, offset) => {
      table.rows[first + offset] = value.slice(0, table.width);
      table.loaded.add(first + offset);
    });
  }
}

/** The row indexes whose key values pass the test. */
export function matchingRows(
  table: TableSnapshot,
  test: (keys: Record<string, unknown>) => boolean,
): number[] {
  const found: number[] = [];
  table.rows.forEach((row, index) => {
    const keys: Record<string, unknown> = {};
    for (const [key, column] of table.map.columnOf) keys[key] = row[column] ?? '';
    if (test(keys)) found.push(index);
  });
  return found;
}

function readHeader(spreadsheet: Spreadsheet, tab: TabDef): unknown[] {
  let values: unknown[][];
  try {
    values = spreadsheet.getRange(headerRowA1(tab.name)).getValues();
  } catch (error) {
    // A missing tab surfaces as "Range not found"; say it the CRM's way.
    getSheetOrFail(spreadsheet, tab);
    throw error;
  }
  const header = values[0] ?? [];
  let width = header.length;
  while (width > 0 && isBlank(header[width - 1])) width--;
  if (width === 0) {
    throw new CrmError(
      'STRUCTURE',
      `L'onglet « ${tab.name} » n'a pas d'en-têtes — lancez CRM UTPLA › Installer / réparer la structure.`,
    );
  }
  return header.slice(0, width);
}

/** Sorted columns grouped into spans; a gap of a few columns is cheaper to read than a call. */
function columnSpans(columns: readonly number[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const column of columns) {
    const current = spans[spans.length - 1];
    if (current && column - current[1] <= 6) current[1] = column;
    else spans.push([column, column]);
  }
  return spans;
}

/**
 * Runs of adjacent row indexes, the two closest runs merged until at most `max` remain. Merging
 * only by position, never by how cheap a gap looks, keeps the number of calls the same whatever
 * the size of the tab.
 */
export function mergeIntoBlocks(sorted: readonly number[], max: number): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  for (const index of sorted) {
    const current = blocks[blocks.length - 1];
    if (current && index === current[1] + 1) current[1] = index;
    else blocks.push([index, index]);
  }
  while (blocks.length > max) {
    let best = 0;
    for (let i = 1; i < blocks.length - 1; i++) {
      const gap = (blocks[i + 1] as [number, number])[0] - (blocks[i] as [number, number])[1];
      const bestGap =
        (blocks[best + 1] as [number, number])[0] - (blocks[best] as [number, number])[1];
      if (gap < bestGap) best = i;
    }
    const [a, b] = [blocks[best] as [number, number], blocks[best + 1] as [number, number]];
    blocks.splice(best, 2, [a[0], b[1]]);
  }
  return blocks;
}

function isBlank(value: unknown): boolean {
  return value === '' || value === null || value === undefined;
}
