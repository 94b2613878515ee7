/**
 * The emulated `Sheet` (developers.google.com/apps-script/reference/spreadsheet/sheet). A Sheet
 * object names its sheet by sheetId, so it stays valid when sheets are renamed or reordered and
 * after the runtime reloads a newer copy of the workbook.
 */
import { parseA1 } from './a1-notation';
import { normalizeInput } from './cell-input';
import {
  apply,
  checkRange,
  countCalls,
  fail,
  integerArg,
  sheetData,
  stringArg,
  type HasContext,
  type SpreadsheetContext,
} from './context';
import * as grid from './grid';
import {
  badParameters,
  COLUMNS_OUT_OF_BOUNDS,
  DELETE_ALL_COLUMNS,
  DELETE_ALL_ROWS,
  duplicateSheetName,
  FROZEN_OUT_OF_BOUNDS,
  HIDE_ALL_SHEETS,
  RANGE_NOT_FOUND,
  ROWS_OUT_OF_BOUNDS,
  TOO_MANY_CELLS,
} from './messages';
import { normalizeColor, Range, readRangeValues } from './range';
import { Spreadsheet } from './spreadsheet';
import {
  CONTENT_LAYERS,
  DEFAULT_COLUMN_WIDTH,
  MAX_CELLS,
  STYLE_LAYERS,
  totalCells,
  type LayerName,
  type SheetData,
} from './workbook-data';

export class Sheet implements HasContext {
  constructor(
    readonly ctx: SpreadsheetContext,
    readonly sheetId: number,
  ) {}

  getName(): string {
    return dataOf(this).name;
  }

  setName(name: unknown): Sheet {
    const newName = stringArg(this.ctx, name, [name], 'Sheet.setName');
    const taken = this.ctx.workbook.data.sheets.some(
      (s) => s.sheetId !== this.sheetId && s.name === newName,
    );
    if (taken) fail(this.ctx, duplicateSheetName(newName));
    if (newName !== dataOf(this).name)
      apply(this.ctx, { kind: 'renameSheet', sheetId: this.sheetId, name: newName });
    return this;
  }

  getSheetId(): number {
    dataOf(this);
    return this.sheetId;
  }

  /** 1-based position among all the sheets, hidden ones included. */
  getIndex(): number {
    dataOf(this);
    return this.ctx.workbook.data.sheets.findIndex((s) => s.sheetId === this.sheetId) + 1;
  }

  getParent(): Spreadsheet {
    return new Spreadsheet(this.ctx);
  }

  getType(): string {
    return 'GRID';
  }

  // ---- ranges ----

  /** getRange(a1Notation) | (row, column) | (row, column, numRows) | (row, column, numRows, numColumns). */
  getRange(...args: unknown[]): Range {
    const [first] = args;
    if (typeof first === 'string' && args.length === 1)
      return rangeFromA1(this.ctx, first, this.sheetId);
    if (args.length < 2 || args.length > 4) fail(this.ctx, badParameters(args, 'Sheet.getRange'));
    const [row, column, numRows = 1, numColumns = 1] = args.map((a) =>
      integerArg(this.ctx, a, args, 'Sheet.getRange'),
    );
    checkRange(this.ctx, dataOf(this), row ?? 0, column ?? 0, numRows, numColumns);
    return new Range(this.ctx, this.sheetId, row ?? 0, column ?? 0, numRows, numColumns);
  }

  /** From A1 to the last row and column with content; just A1 on an empty sheet. */
  getDataRange(): Range {
    const sheet = dataOf(this);
    const rows = Math.max(1, grid.contentRows(sheet.cells.values));
    const columns = Math.max(1, grid.contentColumns(sheet.cells.values));
    return new Range(this.ctx, this.sheetId, 1, 1, rows, columns);
  }

  /** getSheetValues(startRow, startColumn, numRows, numColumns); -1 counts run to the last content. */
  getSheetValues(
    startRow: unknown,
    startColumn: unknown,
    numRows: unknown,
    numColumns: unknown,
  ): unknown[][] {
    const args = [startRow, startColumn, numRows, numColumns];
    const method = 'Sheet.getSheetValues';
    const row = integerArg(this.ctx, startRow, args, method);
    const column = integerArg(this.ctx, startColumn, args, method);
    const sheet = dataOf(this);
    let rows = integerArg(this.ctx, numRows, args, method);
    let columns = integerArg(this.ctx, numColumns, args, method);
    if (rows === -1) rows = grid.contentRows(sheet.cells.values) - row + 1;
    if (columns === -1) columns = grid.contentColumns(sheet.cells.values) - column + 1;
    checkRange(this.ctx, sheet, row, column, rows, columns);
    // Read directly: one Sheet.getSheetValues call, not a Range.getValues as well.
    return readRangeValues(new Range(this.ctx, this.sheetId, row, column, rows, columns));
  }

  /** Last row with content (values or formulas); 0 on an empty sheet. Formats do not count. */
  getLastRow(): number {
    return grid.contentRows(dataOf(this).cells.values);
  }

  getLastColumn(): number {
    return grid.contentColumns(dataOf(this).cells.values);
  }

  getMaxRows(): number {
    return dataOf(this).maxRows;
  }

  getMaxColumns(): number {
    return dataOf(this).maxColumns;
  }

  // ---- rows and columns ----

  /** Writes after the last row with content, growing the grid by one row when it is full. */
  appendRow(rowContents: unknown): Sheet {
    if (!Array.isArray(rowContents))
      fail(this.ctx, badParameters([rowContents], 'Sheet.appendRow'));
    const sheet = dataOf(this);
    const values = (rowContents as unknown[]).map(normalizeInput);
    const growsRows =
      grid.contentRows(sheet.cells.values) + 1 > sheet.maxRows ? sheet.maxColumns : 0;
    const growsColumns = Math.max(0, values.length - sheet.maxColumns) * sheet.maxRows;
    checkCellLimit(this.ctx, growsRows + growsColumns);
    apply(this.ctx, { kind: 'appendRow', sheetId: this.sheetId, values });
    return this;
  }

  insertRowAfter(afterPosition: unknown): Sheet {
    return insertRowsAfterChecked(this, afterPosition, 1, [afterPosition], 'Sheet.insertRowAfter');
  }

  insertRowsAfter(afterPosition: unknown, howMany: unknown): Sheet {
    return insertRowsAfterChecked(
      this,
      afterPosition,
      howMany,
      [afterPosition, howMany],
      'Sheet.insertRowsAfter',
    );
  }

  insertRowBefore(beforePosition: unknown): Sheet {
    return insertRowsBeforeChecked(
      this,
      beforePosition,
      1,
      [beforePosition],
      'Sheet.insertRowBefore',
    );
  }

  insertRowsBefore(beforePosition: unknown, howMany: unknown): Sheet {
    return insertRowsBeforeChecked(
      this,
      beforePosition,
      howMany,
      [beforePosition, howMany],
      'Sheet.insertRowsBefore',
    );
  }

  insertRows(rowIndex: unknown, numRows?: unknown): Sheet {
    const args = numRows === undefined ? [rowIndex] : [rowIndex, numRows];
    return insertRowsBeforeChecked(this, rowIndex, numRows ?? 1, args, 'Sheet.insertRows');
  }

  deleteRow(rowPosition: unknown): Sheet {
    return deleteRowsChecked(this, rowPosition, 1, [rowPosition], 'Sheet.deleteRow');
  }

  deleteRows(rowPosition: unknown, howMany: unknown): Sheet {
    return deleteRowsChecked(
      this,
      rowPosition,
      howMany,
      [rowPosition, howMany],
      'Sheet.deleteRows',
    );
  }

  insertColumnAfter(afterPosition: unknown): Sheet {
    return insertColumnsAfterChecked(
      this,
      afterPosition,
      1,
      [afterPosition],
      'Sheet.insertColumnAfter',
    );
  }

  insertColumnsAfter(afterPosition: unknown, howMany: unknown): Sheet {
    return insertColumnsAfterChecked(
      this,
      afterPosition,
      howMany,
      [afterPosition, howMany],
      'Sheet.insertColumnsAfter',
    );
  }

  insertColumnBefore(beforePosition: unknown): Sheet {
    return insertColumnsBeforeChecked(
      this,
      beforePosition,
      1,
      [beforePosition],
      'Sheet.insertColumnBefore',
    );
  }

  insertColumnsBefore(beforePosition: unknown, howMany: unknown): Sheet {
    return insertColumnsBeforeChecked(
      this,
      beforePosition,
      howMany,
      [beforePosition, howMany],
      'Sheet.insertColumnsBefore',
    );
  }

  insertColumns(columnIndex: unknown, numColumns?: unknown): Sheet {
    const args = numColumns === undefined ? [columnIndex] : [columnIndex, numColumns];
    return insertColumnsBeforeChecked(
      this,
      columnIndex,
      numColumns ?? 1,
      args,
      'Sheet.insertColumns',
    );
  }

  deleteColumn(columnPosition: unknown): Sheet {
    return deleteColumnsChecked(this, columnPosition, 1, [columnPosition], 'Sheet.deleteColumn');
  }

  deleteColumns(columnPosition: unknown, howMany: unknown): Sheet {
    return deleteColumnsChecked(
      this,
      columnPosition,
      howMany,
      [columnPosition, howMany],
      'Sheet.deleteColumns',
    );
  }

  // ---- frozen panes, widths, visibility ----

  setFrozenRows(rows: unknown): Sheet {
    const n = integerArg(this.ctx, rows, [rows], 'Sheet.setFrozenRows');
    if (n < 0 || n > dataOf(this).maxRows) fail(this.ctx, FROZEN_OUT_OF_BOUNDS);
    apply(this.ctx, { kind: 'updateSheet', sheetId: this.sheetId, frozenRows: n });
    return this;
  }

  getFrozenRows(): number {
    return dataOf(this).frozenRows;
  }

  setFrozenColumns(columns: unknown): Sheet {
    const n = integerArg(this.ctx, columns, [columns], 'Sheet.setFrozenColumns');
    if (n < 0 || n > dataOf(this).maxColumns) fail(this.ctx, FROZEN_OUT_OF_BOUNDS);
    apply(this.ctx, { kind: 'updateSheet', sheetId: this.sheetId, frozenColumns: n });
    return this;
  }

  getFrozenColumns(): number {
    return dataOf(this).frozenColumns;
  }

  setColumnWidth(columnPosition: unknown, width: unknown): Sheet {
    return setColumnWidthsChecked(
      this,
      columnPosition,
      1,
      width,
      [columnPosition, width],
      'Sheet.setColumnWidth',
    );
  }

  setColumnWidths(startColumn: unknown, numColumns: unknown, width: unknown): Sheet {
    const args = [startColumn, numColumns, width];
    return setColumnWidthsChecked(
      this,
      startColumn,
      numColumns,
      width,
      args,
      'Sheet.setColumnWidths',
    );
  }

  getColumnWidth(columnPosition: unknown): number {
    const column = integerArg(this.ctx, columnPosition, [columnPosition], 'Sheet.getColumnWidth');
    const sheet = dataOf(this);
    if (column < 1 || column > sheet.maxColumns) fail(this.ctx, COLUMNS_OUT_OF_BOUNDS);
    return sheet.columnWidths[column - 1] ?? DEFAULT_COLUMN_WIDTH;
  }

  hideSheet(): Sheet {
    const sheet = dataOf(this);
    if (sheet.hidden) return this;
    const visible = this.ctx.workbook.data.sheets.filter((s) => !s.hidden).length;
    if (visible <= 1) fail(this.ctx, HIDE_ALL_SHEETS);
    apply(this.ctx, { kind: 'updateSheet', sheetId: this.sheetId, hidden: true });
    return this;
  }

  showSheet(): Sheet {
    if (dataOf(this).hidden)
      apply(this.ctx, { kind: 'updateSheet', sheetId: this.sheetId, hidden: false });
    return this;
  }

  isSheetHidden(): boolean {
    return dataOf(this).hidden;
  }

  setTabColor(color: unknown): Sheet {
    const value = color === null ? null : normalizeColor(color);
    apply(this.ctx, { kind: 'updateSheet', sheetId: this.sheetId, tabColor: value });
    return this;
  }

  getTabColor(): string | null {
    return dataOf(this).tabColor;
  }

  activate(): Sheet {
    dataOf(this);
    this.ctx.activeSheetId = this.sheetId;
    return this;
  }

  /** The selected cells when they are on this sheet, else A1 (what Sheets reports with no selection). */
  getActiveRange(): Range {
    dataOf(this);
    const selection = this.ctx.selection;
    return selection && selection.sheetId === this.sheetId
      ? new Range(
          this.ctx,
          this.sheetId,
          selection.row,
          selection.column,
          selection.numRows ?? 1,
          selection.numColumns ?? 1,
        )
      : new Range(this.ctx, this.sheetId, 1, 1, 1, 1);
  }

  /** The cell the cursor is on: the top-left cell of the selection. */
  getCurrentCell(): Range {
    const range = this.getActiveRange();
    return new Range(this.ctx, this.sheetId, range.getRow(), range.getColumn(), 1, 1);
  }

  // ---- clearing ----

  /** Contents and formats (reference: "Clears the sheet of content and formatting information"). */
  clear(options?: unknown): Sheet {
    let layers: readonly LayerName[] = [...CONTENT_LAYERS, ...STYLE_LAYERS];
    if (options !== undefined) {
      if (typeof options !== 'object' || options === null)
        fail(this.ctx, badParameters([options], 'Sheet.clear'));
      const o = options as { formatOnly?: unknown; contentsOnly?: unknown };
      if (o.contentsOnly === true && o.formatOnly !== true) layers = CONTENT_LAYERS;
      if (o.formatOnly === true && o.contentsOnly !== true) layers = STYLE_LAYERS;
    }
    return clearLayers(this, layers);
  }

  clearContents(): Sheet {
    return clearLayers(this, CONTENT_LAYERS);
  }

  clearFormats(): Sheet {
    return clearLayers(this, STYLE_LAYERS);
  }

  clearNotes(): Sheet {
    return clearLayers(this, ['notes']);
  }

  toString(): string {
    return 'Sheet';
  }
}
countCalls(Sheet.prototype, 'Sheet');

/** Fails with Sheets' text when growing the grid by `addedCells` would pass 10 million cells. */
export function checkCellLimit(ctx: SpreadsheetContext, addedCells: number): void {
  if (addedCells > 0 && totalCells(ctx.workbook.data) + addedCells > MAX_CELLS)
    fail(ctx, TOO_MANY_CELLS);
}

/**
 * A range from A1 notation, on the sheet it names or else on `defaultSheetId`. Open ends run to
 * the grid's edge (`A:C` is every row of A..C).
 */
export function rangeFromA1(
  ctx: SpreadsheetContext,
  notation: string,
  defaultSheetId: number | undefined,
): Range {
  const parsed = parseA1(notation);
  if (parsed === undefined) fail(ctx, RANGE_NOT_FOUND);
  let sheet: SheetData | undefined;
  if (parsed.sheetName !== undefined) {
    sheet = ctx.workbook.data.sheets.find((s) => s.name === parsed.sheetName);
  } else if (defaultSheetId !== undefined) {
    sheet = sheetData(ctx, defaultSheetId);
  }
  if (sheet === undefined) fail(ctx, RANGE_NOT_FOUND);
  const row = parsed.startRow ?? 1;
  const column = parsed.startColumn ?? 1;
  const endRow = parsed.endRow ?? sheet.maxRows;
  const endColumn = parsed.endColumn ?? sheet.maxColumns;
  checkRange(ctx, sheet, row, column, endRow - row + 1, endColumn - column + 1);
  return new Range(ctx, sheet.sheetId, row, column, endRow - row + 1, endColumn - column + 1);
}

// Helpers of the methods above: module functions, so they are neither counted as calls nor
// visible to the script. The *Checked ones validate like Apps Script, then apply one operation.

function dataOf(sheet: Sheet): SheetData {
  return sheetData(sheet.ctx, sheet.sheetId);
}

function clearLayers(target: Sheet, layers: readonly LayerName[]): Sheet {
  const sheet = dataOf(target);
  apply(target.ctx, {
    kind: 'clear',
    sheetId: target.sheetId,
    row: 1,
    column: 1,
    numRows: sheet.maxRows,
    numColumns: sheet.maxColumns,
    layers: [...layers],
  });
  return target;
}

function insertRowsAfterChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const after = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (after < 1 || after > sheet.maxRows || count < 1) fail(target.ctx, ROWS_OUT_OF_BOUNDS);
  checkCellLimit(target.ctx, count * sheet.maxColumns);
  apply(target.ctx, {
    kind: 'insertRows',
    sheetId: target.sheetId,
    row: after + 1,
    count,
    inheritFrom: after,
  });
  return target;
}

function insertRowsBeforeChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const before = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (before < 1 || before > sheet.maxRows || count < 1) fail(target.ctx, ROWS_OUT_OF_BOUNDS);
  checkCellLimit(target.ctx, count * sheet.maxColumns);
  apply(target.ctx, {
    kind: 'insertRows',
    sheetId: target.sheetId,
    row: before,
    count,
    inheritFrom: before,
  });
  return target;
}

function deleteRowsChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const row = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (row < 1 || count < 1 || row + count - 1 > sheet.maxRows) fail(target.ctx, ROWS_OUT_OF_BOUNDS);
  const frozenDeleted = Math.max(0, Math.min(row + count - 1, sheet.frozenRows) - row + 1);
  if (count - frozenDeleted >= sheet.maxRows - sheet.frozenRows) fail(target.ctx, DELETE_ALL_ROWS);
  apply(target.ctx, { kind: 'deleteRows', sheetId: target.sheetId, row, count });
  return target;
}

function insertColumnsAfterChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const after = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (after < 1 || after > sheet.maxColumns || count < 1) fail(target.ctx, COLUMNS_OUT_OF_BOUNDS);
  checkCellLimit(target.ctx, count * sheet.maxRows);
  apply(target.ctx, {
    kind: 'insertColumns',
    sheetId: target.sheetId,
    column: after + 1,
    count,
    inheritFrom: after,
  });
  return target;
}

function insertColumnsBeforeChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const before = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (before < 1 || before > sheet.maxColumns || count < 1) fail(target.ctx, COLUMNS_OUT_OF_BOUNDS);
  checkCellLimit(target.ctx, count * sheet.maxRows);
  apply(target.ctx, {
    kind: 'insertColumns',
    sheetId: target.sheetId,
    column: before,
    count,
    inheritFrom: before,
  });
  return target;
}

function deleteColumnsChecked(
  target: Sheet,
  position: unknown,
  howMany: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const column = integerArg(target.ctx, position, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const sheet = dataOf(target);
  if (column < 1 || count < 1 || column + count - 1 > sheet.maxColumns)
    fail(target.ctx, COLUMNS_OUT_OF_BOUNDS);
  const frozenDeleted = Math.max(0, Math.min(column + count - 1, sheet.frozenColumns) - column + 1);
  if (count - frozenDeleted >= sheet.maxColumns - sheet.frozenColumns)
    fail(target.ctx, DELETE_ALL_COLUMNS);
  apply(target.ctx, { kind: 'deleteColumns', sheetId: target.sheetId, column, count });
  return target;
}

function setColumnWidthsChecked(
  target: Sheet,
  start: unknown,
  howMany: unknown,
  width: unknown,
  args: unknown[],
  method: string,
): Sheet {
  const column = integerArg(target.ctx, start, args, method);
  const count = integerArg(target.ctx, howMany, args, method);
  const pixels = integerArg(target.ctx, width, args, method);
  const sheet = dataOf(target);
  if (column < 1 || count < 1 || column + count - 1 > sheet.maxColumns)
    fail(target.ctx, COLUMNS_OUT_OF_BOUNDS);
  if (pixels < 0) fail(target.ctx, badParameters(args, method));
  apply(target.ctx, {
    kind: 'setColumnWidths',
    sheetId: target.sheetId,
    column,
    count,
    width: pixels,
  });
  return target;
}
