/**
 * Writes records into a tab read under the document lock (`readTable`): new records appended in
 * one call, changed records written back in blocks of contiguous rows and schema columns. A block
 * never spans a user's own column, so a user's formulas and values there are never rewritten.
 */
import { CrmError } from '../../core/errors';
import { toCellValue, type CellValue } from '../../core/text/sheet-safe';
import { appendRows, writeBlock } from '../sheets/sheet-io';
import { allocateIds } from './id-allocator';
import { rowToRecord, type TableSnapshot } from './table-snapshot';

export interface RecordChange {
  readonly id: string;
  /** Schema key → new cell value. */
  readonly values: Readonly<Record<string, CellValue>>;
}

export interface AppliedChange {
  readonly id: string;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/** Appends records with fresh IDs; returns them with their ID. */
export function appendRecords(
  table: TableSnapshot,
  records: ReadonlyArray<Readonly<Record<string, CellValue>>>,
): Array<Record<string, CellValue>> {
  if (records.length === 0) return [];
  const prefix = table.tab.idPrefix;
  const ids = prefix ? allocateIds(prefix, table.rowIndexById.keys(), records.length) : [];
  const created = records.map((record, index) => {
    const id = ids[index];
    return id === undefined ? { ...record } : { ...record, id };
  });
  const rows = created.map((record) => {
    const row: CellValue[] = new Array<CellValue>(table.width).fill('');
    for (const [key, value] of Object.entries(record)) {
      const column = table.map.columnOf.get(key);
      if (column !== undefined) row[column] = toCellValue(value);
    }
    return row;
  });
  appendRows(table.sheet, rows);
  return created;
}

/** Writes changes to existing records, found by ID in the snapshot. */
export function writeChanges(
  table: TableSnapshot,
  changes: readonly RecordChange[],
): AppliedChange[] {
  const applied: AppliedChange[] = [];
  // Row index → (column → value), merged when one record is changed twice.
  const cellsByRow = new Map<number, Map<number, CellValue>>();
  for (const change of changes) {
    const index = table.rowIndexById.get(change.id);
    const row = index === undefined ? undefined : table.rows[index];
    if (index === undefined || !row) {
      throw new CrmError(
        'NOT_FOUND',
        `Fiche ${change.id} introuvable dans l'onglet ${table.tab.name}.`,
      );
    }
    if (table.loaded && !table.loaded.has(index)) {
      // Writing a row read by its keys only would blank its other columns.
      throw new CrmError('INTERNAL', `Fiche ${change.id} modifiée sans avoir été lue en entier.`);
    }
    const before = rowToRecord(table, row);
    const cells = cellsByRow.get(index) ?? new Map<number, CellValue>();
    for (const [key, value] of Object.entries(change.values)) {
      const column = table.map.columnOf.get(key);
      if (column === undefined) continue;
      cells.set(column, toCellValue(value));
      row[column] = toCellValue(value);
    }
    cellsByRow.set(index, cells);
    applied.push({ id: change.id, before, after: rowToRecord(table, row) });
  }
  const schemaColumns = new Set(table.map.columnOf.values());
  for (const block of contiguousRowBlocks([...cellsByRow.keys()])) {
    const changedColumns = new Set<number>();
    for (const index of block)
      for (const column of cellsByRow.get(index)?.keys() ?? []) changedColumns.add(column);
    for (const [first, last] of columnSpans(changedColumns, schemaColumns)) {
      const values = block.map(
        (index) => (table.rows[index] ?? []).slice(first, last + 1) as CellValue[],
      );
      writeBlock(table.sheet, (block[0] ?? 0) + 2, first + 1, values);
    }
  }
  return applied;
}

/** Sorted row indexes cut into runs of consecutive rows. */
function contiguousRowBlocks(indexes: number[]): number[][] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const blocks: number[][] = [];
  for (const index of sorted) {
    const current = blocks[blocks.length - 1];
    if (current && current[current.length - 1] === index - 1) current.push(index);
    else blocks.push([index]);
  }
  return blocks;
}

/**
 * Column spans covering the changed columns, extended over unchanged schema columns (whose values
 * were just read under the lock) but cut at any column that is not the CRM's.
 */
function columnSpans(
  changed: ReadonlySet<number>,
  schema: ReadonlySet<number>,
): Array<[number, number]> {
  const sorted = [...changed].sort((a, b) => a - b);
  const spans: Array<[number, number]> = [];
  for (const column of sorted) {
    const current = spans[spans.length - 1];
    if (current && rangeIsSchema(current[1] + 1, column - 1, schema)) current[1] = column;
    else spans.push([column, column]);
  }
  return spans;
}

function rangeIsSchema(from: number, to: number, schema: ReadonlySet<number>): boolean {
  for (let c = from; c <= to; c++) if (!schema.has(c)) return false;
  return true;
}
