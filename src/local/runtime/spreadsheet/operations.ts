/**
 * Every change to a workbook is one of these plain, serialisable operations, applied by
 * `applyOperation` alone. Recording changes this way lets an execution re-apply exactly its own
 * writes on top of a newer copy another process saved (workbook.ts), the way Sheets applies each
 * write to the cells it names. Coordinates are 1-based like SpreadsheetApp's; sheets are named by
 * their stable sheetId, never by position or name.
 *
 * The SpreadsheetApp layer validates arguments and throws Apps Script's errors before an
 * operation is made; `applyOperation` itself is lenient where a replay onto a changed workbook
 * could otherwise lose data (a write past the grid grows it) and throws `OperationError` only
 * when an operation cannot apply at all (its sheet is gone, its new name is taken).
 */
import { FORMULA_VALUE, formulaOf, parseCellInput } from './cell-input';
import * as grid from './grid';
import {
  FORMAT_LAYERS,
  LAYER_NAMES,
  findSheet,
  newSheetData,
  type CellInput,
  type LayerName,
  type SheetCells,
  type SheetData,
  type WorkbookData,
} from './workbook-data';

/** Layers set by the format-like range methods (everything but values and formulas). */
export type FormatLayerName = Exclude<LayerName, 'values' | 'formulas'>;
export type LayerValue<L extends LayerName> = SheetCells[L] extends grid.Grid<infer T> ? T : never;

interface Block {
  sheetId: number;
  row: number;
  column: number;
}

interface Rect extends Block {
  numRows: number;
  numColumns: number;
}

type FillLayer = {
  [L in FormatLayerName]: Rect & { kind: 'fillLayer'; layer: L; value: LayerValue<L> | null };
}[FormatLayerName];

type SetLayer = {
  [L in FormatLayerName]: Block & {
    kind: 'setLayer';
    layer: L;
    values: Array<Array<LayerValue<L> | null>>;
  };
}[FormatLayerName];

export type Operation =
  | (Block & { kind: 'setValues'; values: CellInput[][] })
  | (Block & { kind: 'setFormulas'; formulas: string[][] })
  | { kind: 'appendRow'; sheetId: number; values: CellInput[] }
  | FillLayer
  | SetLayer
  | (Rect & { kind: 'clear'; layers: LayerName[] })
  | {
      kind: 'insertSheet';
      sheetId: number;
      name: string;
      index: number;
      maxRows?: number;
      maxColumns?: number;
    }
  | { kind: 'deleteSheet'; sheetId: number }
  | { kind: 'renameSheet'; sheetId: number; name: string }
  | { kind: 'moveSheet'; sheetId: number; index: number }
  | {
      kind: 'updateSheet';
      sheetId: number;
      hidden?: boolean;
      frozenRows?: number;
      frozenColumns?: number;
      tabColor?: string | null;
    }
  /** New rows start at `row`; they copy the formats of row `inheritFrom` (before insertion). */
  | { kind: 'insertRows'; sheetId: number; row: number; count: number; inheritFrom?: number }
  | { kind: 'deleteRows'; sheetId: number; row: number; count: number }
  | { kind: 'insertColumns'; sheetId: number; column: number; count: number; inheritFrom?: number }
  | { kind: 'deleteColumns'; sheetId: number; column: number; count: number }
  /** `width` null restores the default width. */
  | {
      kind: 'setColumnWidths';
      sheetId: number;
      column: number;
      count: number;
      width: number | null;
    }
  | { kind: 'updateSpreadsheet'; name?: string; timeZone?: string };

export class OperationError extends Error {}

export function applyOperation(data: WorkbookData, op: Operation): void {
  switch (op.kind) {
    case 'insertSheet':
      return insertSheet(data, op);
    case 'updateSpreadsheet':
      if (op.name !== undefined) data.name = op.name;
      if (op.timeZone !== undefined) data.timeZone = op.timeZone;
      return;
    case 'deleteSheet':
      data.sheets = data.sheets.filter((s) => s.sheetId !== op.sheetId);
      return;
    default:
      return applyToSheet(data, sheetOf(data, op.sheetId), op);
  }
}

function applyToSheet(data: WorkbookData, sheet: SheetData, op: Operation): void {
  switch (op.kind) {
    case 'setValues':
      ensureGrid(sheet, op.row + op.values.length - 1, op.column + (op.values[0]?.length ?? 1) - 1);
      return writeInputs(sheet, op.row - 1, op.column - 1, op.values, data.timeZone);
    case 'setFormulas':
      ensureGrid(
        sheet,
        op.row + op.formulas.length - 1,
        op.column + (op.formulas[0]?.length ?? 1) - 1,
      );
      return writeFormulas(sheet, op, data.timeZone);
    case 'appendRow':
      return appendRow(sheet, op.values, data.timeZone);
    case 'fillLayer':
      ensureGrid(sheet, op.row + op.numRows - 1, op.column + op.numColumns - 1);
      grid.fillBlock(
        sheet.cells[op.layer] as grid.Grid<unknown>,
        op.row - 1,
        op.column - 1,
        op.numRows,
        op.numColumns,
        op.value ?? undefined,
      );
      return;
    case 'setLayer':
      ensureGrid(sheet, op.row + op.values.length - 1, op.column + (op.values[0]?.length ?? 1) - 1);
      grid.writeBlock(
        sheet.cells[op.layer] as grid.Grid<unknown>,
        op.row - 1,
        op.column - 1,
        (op.values as unknown[][]).map((row) => row.map((v) => (v === null ? undefined : v))),
      );
      return;
    case 'clear':
      for (const layer of op.layers) {
        grid.fillBlock(
          sheet.cells[layer] as grid.Grid<unknown>,
          op.row - 1,
          op.column - 1,
          op.numRows,
          op.numColumns,
          undefined,
        );
      }
      grid.trimGrid(sheet.cells.values, op.row - 1, op.row - 1 + op.numRows);
      return;
    case 'renameSheet':
      if (data.sheets.some((s) => s !== sheet && s.name === op.name)) {
        throw new OperationError(`A sheet named "${op.name}" already exists.`);
      }
      sheet.name = op.name;
      return;
    case 'moveSheet': {
      data.sheets = data.sheets.filter((s) => s !== sheet);
      data.sheets.splice(Math.max(0, Math.min(op.index, data.sheets.length)), 0, sheet);
      return;
    }
    case 'updateSheet':
      if (op.hidden !== undefined) sheet.hidden = op.hidden;
      if (op.frozenRows !== undefined) sheet.frozenRows = Math.min(op.frozenRows, sheet.maxRows);
      if (op.frozenColumns !== undefined)
        sheet.frozenColumns = Math.min(op.frozenColumns, sheet.maxColumns);
      if (op.tabColor !== undefined) sheet.tabColor = op.tabColor;
      return;
    case 'insertRows':
      return insertRows(sheet, op.row, op.count, op.inheritFrom);
    case 'deleteRows':
      return deleteRows(sheet, op.row, op.count);
    case 'insertColumns':
      return insertColumns(sheet, op.column, op.count, op.inheritFrom);
    case 'deleteColumns':
      return deleteColumns(sheet, op.column, op.count);
    case 'setColumnWidths':
      for (let c = op.column - 1; c < op.column - 1 + op.count; c++) {
        sheet.columnWidths[c] = op.width ?? undefined;
      }
      return;
    case 'insertSheet':
    case 'deleteSheet':
    case 'updateSpreadsheet':
      return;
  }
}

function sheetOf(data: WorkbookData, sheetId: number): SheetData {
  const sheet = findSheet(data, sheetId);
  if (sheet === undefined) throw new OperationError(`No sheet with id ${sheetId}.`);
  return sheet;
}

function insertSheet(data: WorkbookData, op: Extract<Operation, { kind: 'insertSheet' }>): void {
  if (data.sheets.some((s) => s.name === op.name)) {
    throw new OperationError(`A sheet named "${op.name}" already exists.`);
  }
  if (findSheet(data, op.sheetId) !== undefined)
    throw new OperationError(`Sheet id ${op.sheetId} is taken.`);
  const sheet = newSheetData(op.sheetId, op.name, op.maxRows, op.maxColumns);
  data.sheets.splice(Math.max(0, Math.min(op.index, data.sheets.length)), 0, sheet);
}

/** A replayed write past the grid grows it rather than losing the data. */
function ensureGrid(sheet: SheetData, lastRow: number, lastColumn: number): void {
  if (lastRow > sheet.maxRows)
    insertRows(sheet, sheet.maxRows + 1, lastRow - sheet.maxRows, sheet.maxRows);
  if (lastColumn > sheet.maxColumns) {
    insertColumns(sheet, sheet.maxColumns + 1, lastColumn - sheet.maxColumns, sheet.maxColumns);
  }
}

/** Parses and stores a block of script values (0-based corner). */
function writeInputs(
  sheet: SheetData,
  row0: number,
  column0: number,
  inputs: CellInput[][],
  timeZone: string,
): void {
  const { values, formulas, numberFormats } = sheet.cells;
  for (let r = 0; r < inputs.length; r++) {
    const source = inputs[r] ?? [];
    const formatRow = numberFormats[row0 + r];
    let valueRow = values[row0 + r];
    if (valueRow === undefined) {
      valueRow = [];
      values[row0 + r] = valueRow;
    }
    let formulaRow = formulas[row0 + r];
    for (let c = 0; c < source.length; c++) {
      const input = source[c] ?? null;
      const format = formatRow?.[column0 + c];
      valueRow[column0 + c] = parseCellInput(input, format, timeZone);
      const formula = formulaOf(input, format);
      if (formula !== undefined) {
        if (formulaRow === undefined) {
          formulaRow = [];
          formulas[row0 + r] = formulaRow;
        }
        formulaRow[column0 + c] = formula;
      } else if (formulaRow !== undefined) {
        formulaRow[column0 + c] = undefined;
      }
    }
  }
  grid.trimGrid(values, row0, row0 + inputs.length);
}

function writeFormulas(
  sheet: SheetData,
  op: Extract<Operation, { kind: 'setFormulas' }>,
  timeZone: string,
): void {
  // A formula is what the cell would read typed in; anything else is an ordinary value.
  const inputs = op.formulas.map((row) => row.map((f): CellInput => (f === '' ? null : f)));
  const row0 = op.row - 1;
  const column0 = op.column - 1;
  writeInputs(sheet, row0, column0, inputs, timeZone);
  op.formulas.forEach((row, r) =>
    row.forEach((formula, c) => {
      if (formula.startsWith('=') && formula.length > 1) {
        grid.setCellAt(sheet.cells.values, row0 + r, column0 + c, FORMULA_VALUE);
        grid.setCellAt(sheet.cells.formulas, row0 + r, column0 + c, formula);
      }
    }),
  );
}

function appendRow(sheet: SheetData, inputs: CellInput[], timeZone: string): void {
  // Resolved now, not when the script called: a replay lands after whatever is there by then.
  const row = grid.contentRows(sheet.cells.values) + 1;
  ensureGrid(sheet, row, Math.max(inputs.length, 1));
  writeInputs(sheet, row - 1, 0, [inputs], timeZone);
}

function insertRows(sheet: SheetData, row: number, count: number, inheritFrom?: number): void {
  if (count <= 0) return;
  for (const layer of LAYER_NAMES) {
    const copy =
      inheritFrom !== undefined && FORMAT_LAYERS.includes(layer) ? inheritFrom - 1 : undefined;
    grid.insertRows(sheet.cells[layer] as grid.Grid<unknown>, row - 1, count, copy);
  }
  sheet.maxRows += count;
  if (row <= sheet.frozenRows) sheet.frozenRows += count;
}

function deleteRows(sheet: SheetData, row: number, count: number): void {
  const n = Math.min(count, sheet.maxRows - row + 1);
  if (n <= 0) return;
  for (const layer of LAYER_NAMES)
    grid.deleteRows(sheet.cells[layer] as grid.Grid<unknown>, row - 1, n);
  grid.trimGrid(sheet.cells.values, sheet.cells.values.length, sheet.cells.values.length);
  sheet.maxRows -= n;
  sheet.frozenRows -= overlap(row, n, sheet.frozenRows);
}

function insertColumns(
  sheet: SheetData,
  column: number,
  count: number,
  inheritFrom?: number,
): void {
  if (count <= 0) return;
  for (const layer of LAYER_NAMES) {
    const copy =
      inheritFrom !== undefined && FORMAT_LAYERS.includes(layer) ? inheritFrom - 1 : undefined;
    grid.insertColumns(sheet.cells[layer] as grid.Grid<unknown>, column - 1, count, copy);
  }
  if (column - 1 < sheet.columnWidths.length) {
    sheet.columnWidths.splice(
      column - 1,
      0,
      ...new Array<number | undefined>(count).fill(undefined),
    );
  }
  sheet.maxColumns += count;
  if (column <= sheet.frozenColumns) sheet.frozenColumns += count;
}

function deleteColumns(sheet: SheetData, column: number, count: number): void {
  const n = Math.min(count, sheet.maxColumns - column + 1);
  if (n <= 0) return;
  for (const layer of LAYER_NAMES)
    grid.deleteColumns(sheet.cells[layer] as grid.Grid<unknown>, column - 1, n);
  grid.trimGrid(sheet.cells.values);
  if (column - 1 < sheet.columnWidths.length) sheet.columnWidths.splice(column - 1, n);
  sheet.maxColumns -= n;
  sheet.frozenColumns -= overlap(column, n, sheet.frozenColumns);
}

/** How many of the `count` lines from `start` fall within the first `frozen` lines. */
function overlap(start: number, count: number, frozen: number): number {
  return Math.max(0, Math.min(start + count - 1, frozen) - start + 1);
}
