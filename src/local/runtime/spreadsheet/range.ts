/**
 * The emulated `Range` (developers.google.com/apps-script/reference/spreadsheet/range): fixed
 * coordinates on one sheet (like Apps Script's, they do not move when rows are inserted), read
 * from the workbook data on every call and written through operations. Values come back as the
 * script's realm types: rectangular arrays, '' for empty cells, fresh Date objects.
 */
import { toA1 } from './a1-notation';
import { normalizeInput } from './cell-input';
import { isDate } from '../services/support/realm';
import {
  apply,
  checkRange,
  countCalls,
  fail,
  integerArg,
  newRealmArray,
  realmDate,
  sheetData,
  type HasContext,
  type SpreadsheetContext,
} from './context';
import { newDataValidation, ruleOf, type DataValidation } from './data-validation';
import * as grid from './grid';
import { badParameters, columnsMismatch, OUTSIDE_GRID, rowsMismatch } from './messages';
import { AUTOMATIC_FORMAT, displayValue, valueUnderFormat } from './number-format';
import type { FormatLayerName, LayerValue, Operation } from './operations';
import { Sheet } from './sheet';
import {
  CONTENT_LAYERS,
  STYLE_LAYERS,
  type CellInput,
  type CellValue,
  type LayerName,
  type ValidationRule,
} from './workbook-data';

/** Range.clear(options) flags (the reference's advanced parameters). */
interface ClearOptions {
  commentsOnly?: unknown;
  contentsOnly?: unknown;
  formatOnly?: unknown;
  validationsOnly?: unknown;
  skipFilteredRows?: unknown;
}

export class Range implements HasContext {
  constructor(
    readonly ctx: SpreadsheetContext,
    readonly sheetId: number,
    /** 1-based coordinates, read by the helpers below; scripts use the counted getters. */
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  // ---- coordinates ----

  getRow(): number {
    return this.row;
  }

  getRowIndex(): number {
    return this.row;
  }

  getColumn(): number {
    return this.column;
  }

  getNumRows(): number {
    return this.numRows;
  }

  getNumColumns(): number {
    return this.numColumns;
  }

  getHeight(): number {
    return this.numRows;
  }

  getWidth(): number {
    return this.numColumns;
  }

  /** The range's own last row, not the sheet's content (reference: "ending row position"). */
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    return this.column + this.numColumns - 1;
  }

  getA1Notation(): string {
    return toA1(this.row, this.column, this.numRows, this.numColumns);
  }

  getGridId(): number {
    return this.sheetId;
  }

  getSheet(): Sheet {
    sheetData(this.ctx, this.sheetId);
    return new Sheet(this.ctx, this.sheetId);
  }

  getCell(row: unknown, column: unknown): Range {
    const args = [row, column];
    const r = integerArg(this.ctx, row, args, 'Range.getCell');
    const c = integerArg(this.ctx, column, args, 'Range.getCell');
    if (r < 1 || c < 1 || r > this.numRows || c > this.numColumns) {
      fail(this.ctx, OUTSIDE_GRID);
    }
    return new Range(this.ctx, this.sheetId, this.row + r - 1, this.column + c - 1, 1, 1);
  }

  offset(
    rowOffset: unknown,
    columnOffset: unknown,
    numRows?: unknown,
    numColumns?: unknown,
  ): Range {
    const args = [rowOffset, columnOffset, numRows, numColumns].filter((a) => a !== undefined);
    const method = 'Range.offset';
    const row = this.row + integerArg(this.ctx, rowOffset, args, method);
    const column = this.column + integerArg(this.ctx, columnOffset, args, method);
    const rows = numRows === undefined ? this.numRows : integerArg(this.ctx, numRows, args, method);
    const columns =
      numColumns === undefined ? this.numColumns : integerArg(this.ctx, numColumns, args, method);
    checkRange(this.ctx, sheetData(this.ctx, this.sheetId), row, column, rows, columns);
    return new Range(this.ctx, this.sheetId, row, column, rows, columns);
  }

  activate(): this {
    this.ctx.activeSheetId = this.sheetId;
    return this;
  }

  isBlank(): boolean {
    const { values } = sheetData(this.ctx, this.sheetId).cells;
    for (let r = this.row - 1; r < this.row - 1 + this.numRows; r++) {
      const cells = values[r];
      if (cells === undefined) continue;
      for (let c = this.column - 1; c < this.column - 1 + this.numColumns; c++) {
        if (cells[c] !== undefined) return false;
      }
    }
    return true;
  }

  // ---- values ----

  getValues(): unknown[][] {
    return readRangeValues(this);
  }

  getValue(): unknown {
    return readRangeValues(topLeft(this))[0]?.[0] ?? '';
  }

  getDisplayValues(): string[][] {
    return readDisplayValues(this);
  }

  getDisplayValue(): string {
    return readDisplayValues(topLeft(this))[0]?.[0] ?? '';
  }

  getFormulas(): string[][] {
    return readLayer(this, 'formulas', (f) => f ?? '');
  }

  getFormula(): string {
    return topLeftOf(this, 'formulas') ?? '';
  }

  setValues(values: unknown): this {
    const inputs = checkedBlock(this, values, 'Range.setValues', normalizeInput);
    apply(this.ctx, {
      kind: 'setValues',
      sheetId: this.sheetId,
      row: this.row,
      column: this.column,
      values: inputs,
    });
    return this;
  }

  /** Sets every cell of the range to the value (reference: Range.setValue). */
  setValue(value: unknown): this {
    const input = normalizeInput(value);
    const values = filled<CellInput>(this.numRows, this.numColumns, input);
    apply(this.ctx, {
      kind: 'setValues',
      sheetId: this.sheetId,
      row: this.row,
      column: this.column,
      values,
    });
    return this;
  }

  setFormula(formula: unknown): this {
    if (typeof formula !== 'string') fail(this.ctx, badParameters([formula], 'Range.setFormula'));
    const formulas = filled(this.numRows, this.numColumns, formula);
    apply(this.ctx, {
      kind: 'setFormulas',
      sheetId: this.sheetId,
      row: this.row,
      column: this.column,
      formulas,
    });
    return this;
  }

  setFormulas(formulas: unknown): this {
    const block = checkedBlock(this, formulas, 'Range.setFormulas', (f) =>
      f === null || f === undefined ? '' : String(f),
    );
    apply(this.ctx, {
      kind: 'setFormulas',
      sheetId: this.sheetId,
      row: this.row,
      column: this.column,
      formulas: block,
    });
    return this;
  }

  clearContent(): this {
    clearLayers(this, CONTENT_LAYERS);
    return this;
  }

  /**
   * Without options: contents and formats. With options: what the flags name, or everything
   * (contents, formats, notes, validations) when none is set, as the reference describes.
   */
  clear(options?: unknown): this {
    if (options === undefined) {
      clearLayers(this, [...CONTENT_LAYERS, ...STYLE_LAYERS]);
      return this;
    }
    if (typeof options !== 'object' || options === null)
      fail(this.ctx, badParameters([options], 'Range.clear'));
    const o = options as ClearOptions;
    const layers: LayerName[] = [];
    if (o.contentsOnly === true) layers.push(...CONTENT_LAYERS);
    if (o.formatOnly === true) layers.push(...STYLE_LAYERS);
    if (o.commentsOnly === true) layers.push('notes');
    if (o.validationsOnly === true) layers.push('validations');
    clearLayers(
      this,
      layers.length > 0 ? layers : [...CONTENT_LAYERS, ...STYLE_LAYERS, 'notes', 'validations'],
    );
    return this;
  }

  clearFormat(): this {
    clearLayers(this, STYLE_LAYERS);
    return this;
  }

  clearNote(): this {
    clearLayers(this, ['notes']);
    return this;
  }

  clearDataValidations(): this {
    clearLayers(this, ['validations']);
    return this;
  }

  // ---- number formats ----

  getNumberFormat(): string {
    return topLeftOf(this, 'numberFormats') ?? AUTOMATIC_FORMAT;
  }

  getNumberFormats(): string[][] {
    return readLayer(this, 'numberFormats', (f) => f ?? AUTOMATIC_FORMAT);
  }

  setNumberFormat(numberFormat: unknown): this {
    if (typeof numberFormat !== 'string')
      fail(this.ctx, badParameters([numberFormat], 'Range.setNumberFormat'));
    fillLayer(
      this,
      'numberFormats',
      numberFormat === '' || numberFormat === AUTOMATIC_FORMAT ? null : numberFormat,
    );
    return this;
  }

  setNumberFormats(numberFormats: unknown): this {
    const block = checkedBlock(this, numberFormats, 'Range.setNumberFormats', (f) =>
      typeof f === 'string' && f !== '' && f !== AUTOMATIC_FORMAT ? f : null,
    );
    setLayer(this, 'numberFormats', block);
    return this;
  }

  // ---- data validation ----

  getDataValidation(): DataValidation | null {
    const rule = topLeftOf(this, 'validations');
    return rule === undefined ? null : newDataValidation(this.ctx, rule);
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    return readLayer(this, 'validations', (rule) =>
      rule === undefined ? null : newDataValidation(this.ctx, rule),
    );
  }

  setDataValidation(rule: unknown): this {
    fillLayer(this, 'validations', validationArg(this, rule, [rule], 'Range.setDataValidation'));
    return this;
  }

  setDataValidations(rules: unknown): this {
    const block = checkedBlock(this, rules, 'Range.setDataValidations', (rule) =>
      validationArg(this, rule, [rules], 'Range.setDataValidations'),
    );
    setLayer(this, 'validations', block);
    return this;
  }

  // ---- notes ----

  getNote(): string {
    return topLeftOf(this, 'notes') ?? '';
  }

  getNotes(): string[][] {
    return readLayer(this, 'notes', (n) => n ?? '');
  }

  setNote(note: unknown): this {
    fillLayer(
      this,
      'notes',
      note === null || note === undefined || note === '' ? null : String(note),
    );
    return this;
  }

  setNotes(notes: unknown): this {
    const block = checkedBlock(this, notes, 'Range.setNotes', (n) =>
      n === null || n === undefined || n === '' ? null : String(n),
    );
    setLayer(this, 'notes', block);
    return this;
  }

  // ---- text style (stored and persisted; the CRM styles its header row) ----

  setFontWeight(fontWeight: unknown): this {
    fillLayer(this, 'fontWeights', fontWeight === 'bold' ? 'bold' : null);
    return this;
  }

  setFontWeights(fontWeights: unknown): this {
    setLayer(
      this,
      'fontWeights',
      checkedBlock(this, fontWeights, 'Range.setFontWeights', (w) =>
        w === 'bold' ? 'bold' : null,
      ),
    );
    return this;
  }

  getFontWeight(): string {
    return topLeftOf(this, 'fontWeights') ?? 'normal';
  }

  getFontWeights(): string[][] {
    return readLayer(this, 'fontWeights', (w) => w ?? 'normal');
  }

  setBackground(color: unknown): this {
    fillLayer(this, 'backgrounds', normalizeColor(color));
    return this;
  }

  setBackgrounds(colors: unknown): this {
    setLayer(
      this,
      'backgrounds',
      checkedBlock(this, colors, 'Range.setBackgrounds', normalizeColor),
    );
    return this;
  }

  getBackground(): string {
    return topLeftOf(this, 'backgrounds') ?? '#ffffff';
  }

  getBackgrounds(): string[][] {
    return readLayer(this, 'backgrounds', (b) => b ?? '#ffffff');
  }

  setHorizontalAlignment(alignment: unknown): this {
    const value =
      typeof alignment === 'string' && alignment !== 'normal' && alignment !== 'general'
        ? alignment
        : null;
    fillLayer(this, 'horizontalAlignments', value);
    return this;
  }

  getHorizontalAlignment(): string {
    return topLeftOf(this, 'horizontalAlignments') ?? 'general';
  }

  setWrap(isWrapEnabled: unknown): this {
    if (typeof isWrapEnabled !== 'boolean')
      fail(this.ctx, badParameters([isWrapEnabled], 'Range.setWrap'));
    fillLayer(this, 'wraps', isWrapEnabled);
    return this;
  }

  /** [inference] Sheets' default "overflow" strategy reads as no wrap. */
  getWrap(): boolean {
    return topLeftOf(this, 'wraps') ?? false;
  }

  toString(): string {
    return 'Range';
  }
}
countCalls(Range.prototype, 'Range');

function topLeft(range: Range): Range {
  return new Range(range.ctx, range.sheetId, range.row, range.column, 1, 1);
}

export function readRangeValues(range: Range): unknown[][] {
  const { ctx, row, column, numRows, numColumns } = range;
  const sheet = sheetData(ctx, range.sheetId);
  const { values, numberFormats } = sheet.cells;
  const timeZone = ctx.workbook.data.timeZone;
  const out = newRealmArray<unknown[]>(ctx, numRows);
  for (let r = 0; r < numRows; r++) {
    const cells = values[row - 1 + r];
    const formats = numberFormats[row - 1 + r];
    const line = newRealmArray<unknown>(ctx, numColumns);
    for (let c = 0; c < numColumns; c++) {
      let value: CellValue | undefined = cells?.[column - 1 + c];
      if (value === undefined) {
        line[c] = '';
        continue;
      }
      const format = formats?.[column - 1 + c];
      if (format !== undefined) value = valueUnderFormat(value, format, timeZone);
      line[c] = isDate(value) ? realmDate(ctx, value.getTime()) : value;
    }
    out[r] = line;
  }
  return out;
}

function readDisplayValues(range: Range): string[][] {
  const { ctx, row, column, numRows, numColumns } = range;
  const { values, numberFormats } = sheetData(ctx, range.sheetId).cells;
  const timeZone = ctx.workbook.data.timeZone;
  const out = newRealmArray<string[]>(ctx, numRows);
  for (let r = 0; r < numRows; r++) {
    const cells = values[row - 1 + r];
    const formats = numberFormats[row - 1 + r];
    const line = newRealmArray<string>(ctx, numColumns);
    for (let c = 0; c < numColumns; c++) {
      line[c] = displayValue(cells?.[column - 1 + c], formats?.[column - 1 + c], timeZone);
    }
    out[r] = line;
  }
  return out;
}

function readLayer<L extends LayerName, T>(
  range: Range,
  layer: L,
  map: (value: LayerValue<L> | undefined) => T,
): T[][] {
  const { ctx, row, column, numRows, numColumns } = range;
  const source = sheetData(ctx, range.sheetId).cells[layer] as grid.Grid<LayerValue<L>>;
  const out = newRealmArray<T[]>(ctx, numRows);
  for (let r = 0; r < numRows; r++) {
    const cells = source[row - 1 + r];
    const line = newRealmArray<T>(ctx, numColumns);
    for (let c = 0; c < numColumns; c++) line[c] = map(cells?.[column - 1 + c]);
    out[r] = line;
  }
  return out;
}

function topLeftOf<L extends LayerName>(range: Range, layer: L): LayerValue<L> | undefined {
  const { row, column } = range;
  const source = sheetData(range.ctx, range.sheetId).cells[layer] as grid.Grid<LayerValue<L>>;
  return grid.cellAt(source, row - 1, column - 1);
}

/**
 * Checks a 2-D argument against the range's size with Apps Script's messages, and maps every
 * cell. Nothing is written when any row is wrong.
 */
function checkedBlock<T>(
  range: Range,
  block: unknown,
  method: string,
  map: (value: unknown) => T,
): T[][] {
  const { numRows, numColumns } = range;
  if (!Array.isArray(block)) fail(range.ctx, badParameters([block], method));
  const rows = block as unknown[];
  if (rows.length !== numRows) fail(range.ctx, rowsMismatch(rows.length, numRows));
  const out = new Array<T[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const source = rows[r];
    if (!Array.isArray(source)) fail(range.ctx, badParameters([block], method));
    const cells = source as unknown[];
    if (cells.length !== numColumns) fail(range.ctx, columnsMismatch(cells.length, numColumns));
    const line = new Array<T>(numColumns);
    for (let c = 0; c < numColumns; c++) line[c] = map(cells[c]);
    out[r] = line;
  }
  return out;
}

function filled<T>(numRows: number, numColumns: number, value: T): T[][] {
  return Array.from({ length: numRows }, () => new Array<T>(numColumns).fill(value));
}

function clearLayers(range: Range, layers: readonly LayerName[]): void {
  const { row, column, numRows, numColumns } = range;
  sheetData(range.ctx, range.sheetId);
  apply(range.ctx, {
    kind: 'clear',
    sheetId: range.sheetId,
    row,
    column,
    numRows,
    numColumns,
    layers: [...layers],
  });
}

function fillLayer<L extends FormatLayerName>(
  range: Range,
  layer: L,
  value: LayerValue<L> | null,
): void {
  const { row, column, numRows, numColumns } = range;
  sheetData(range.ctx, range.sheetId);
  // The generic layer/value pair is one member of the FillLayer union; TypeScript cannot see which.
  apply(range.ctx, {
    kind: 'fillLayer',
    layer,
    sheetId: range.sheetId,
    row,
    column,
    numRows,
    numColumns,
    value,
  } as Operation);
}

function setLayer<L extends FormatLayerName>(
  range: Range,
  layer: L,
  values: Array<Array<LayerValue<L> | null>>,
): void {
  const { row, column } = range;
  sheetData(range.ctx, range.sheetId);
  apply(range.ctx, {
    kind: 'setLayer',
    layer,
    sheetId: range.sheetId,
    row,
    column,
    values,
  } as Operation);
}

function validationArg(
  range: Range,
  rule: unknown,
  args: unknown[],
  method: string,
): ValidationRule | null {
  if (rule === null || rule === undefined) return null;
  const stored = ruleOf(rule);
  if (stored === undefined) fail(range.ctx, badParameters(args, method));
  return stored;
}

const HEX_COLOR = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#RGB`/`#RRGGBB` as lowercase `#rrggbb` (what getBackground returns); white or null resets. */
export function normalizeColor(color: unknown): string | null {
  if (typeof color !== 'string' || color === '') return null;
  const match = HEX_COLOR.exec(color.trim());
  if (match === null) return color.trim().toLowerCase();
  let hex = (match[1] ?? '').toLowerCase();
  if (hex.length === 3) hex = [...hex].map((ch) => ch + ch).join('');
  return hex === 'ffffff' ? null : `#${hex}`;
}
