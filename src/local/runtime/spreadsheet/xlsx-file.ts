/**
 * The workbook on disk as .xlsx (exceljs), so it opens in LibreOffice or Excel and imports into
 * Google Sheets. What Sheets knows and xlsx does not (spreadsheet id, time zone, locale, sheet
 * ids, grid size, names longer than Excel allows) lives in a very hidden `_meta` sheet, which
 * reading removes again: SpreadsheetApp never sees it.
 *
 * Choices that keep the file honest for other programs:
 * - Dates are stored as the wall-clock time of the spreadsheet's zone (xlsx has no zones), so
 *   every program shows Paris time; reading converts back to the same instant.
 * - Text is always a string cell, so text that looks like a number or a formula ("+336…",
 *   "=1+1") stays text everywhere. Formula cells (which the emulator never evaluates) are real
 *   formulas whose cached result is #NAME?.
 * - A Date in a cell without a number format gets `dd/mm/yyyy hh:mm:ss` (xlsx needs a date
 *   format to know a date); that exact format on a date cell reads back as "no format".
 *
 * These functions are async; xlsx-file-sync.ts runs them synchronously in a worker.
 */
import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDate } from '../services/support/realm';
import { resolveZone, zonedFields, zonedToEpoch } from '../services/support/time-zone';
import { columnToLetters, lettersToColumn } from './a1-notation';
import { FORMULA_VALUE } from './cell-input';
import * as grid from './grid';
import {
  DEFAULT_LOCALE,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_ROWS,
  DEFAULT_SHEET_PREFIX,
  emptyCells,
  newSheetData,
  newSheetId,
  newSpreadsheetId,
  type CellValue,
  type SheetData,
  type ValidationRule,
  type WorkbookData,
} from './workbook-data';

const META_MARKER = 'crm-utpla-local-workbook';
const META_SHEET = '_meta';
const META_VERSION = 1;
/** First column of the meta sheet holding validation lists that do not fit inline. */
const META_LIST_COLUMN = 8;
const AUTO_DATE_FORMAT = 'dd/mm/yyyy hh:mm:ss';
/** Pixels per xlsx width unit (Calibri 11's digit width, what LibreOffice and Excel assume). */
const PIXELS_PER_WIDTH_UNIT = 7;
/** Excel's limit for an inline list validation (`"a,b,c"`). */
const INLINE_LIST_MAX = 255;

/** exceljs has worksheet data validations but its type definitions omit them. */
interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
  model: Record<string, ExcelJS.DataValidation | undefined>;
}

function dataValidationsOf(ws: ExcelJS.Worksheet): DataValidations {
  return (ws as unknown as { dataValidations: DataValidations }).dataValidations;
}

interface SheetMeta {
  xlsxName: string;
  sheetId: number;
  name: string;
  maxRows: number;
  maxColumns: number;
}

// ---------------------------------------------------------------------------------------------
// Writing

export async function writeWorkbookFile(filePath: string, data: WorkbookData): Promise<void> {
  const dir = path.dirname(filePath);
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(
    dir,
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeXlsx(temp, data);
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes with exceljs' streaming writer: rows go out as they are built, which is about twice as
 * fast as the in-memory workbook on a 10,000-row tab and keeps memory flat.
 */
async function writeXlsx(filePath: string, data: WorkbookData): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'CRM UTPLA (runtime local)';
  const xlsxNames = uniqueXlsxNames(data.sheets.map((s) => s.name));
  const metaName = uniqueName(META_SHEET, new Set(xlsxNames.map((n) => n.toLowerCase())));
  const lists = new ListStore(metaName);
  const styles = new StyleCache();
  data.sheets.forEach((sheet, index) =>
    writeSheet(workbook, sheet, xlsxNames[index] ?? sheet.name, data.timeZone, lists, styles),
  );
  writeMeta(workbook, metaName, data, xlsxNames, lists);
  await workbook.commit();
}

function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheet: SheetData,
  xlsxName: string,
  timeZone: string,
  lists: ListStore,
  styles: StyleCache,
): void {
  const ws = workbook.addWorksheet(xlsxName, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: sheet.tabColor === null ? {} : { tabColor: { argb: toArgb(sheet.tabColor) } },
    views:
      sheet.frozenRows > 0 || sheet.frozenColumns > 0
        ? [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows }]
        : [],
  });
  // Columns must be declared before the first row is committed.
  if (sheet.columnWidths.length > 0) {
    ws.columns = Array.from(sheet.columnWidths, (width) =>
      width === undefined ? {} : { width: width / PIXELS_PER_WIDTH_UNIT },
    );
  }
  // Validations are written when the sheet is committed; add them first.
  writeValidations(ws, sheet, lists);
  const zone = resolveZone(timeZone);
  const { cells } = sheet;
  const rows = Math.max(
    cells.values.length,
    cells.numberFormats.length,
    cells.notes.length,
    cells.fontWeights.length,
    cells.backgrounds.length,
    cells.horizontalAlignments.length,
    cells.wraps.length,
  );
  for (let r = 0; r < rows; r++) {
    const values = cells.values[r];
    const formulas = cells.formulas[r];
    const formats = cells.numberFormats[r];
    const notes = cells.notes[r];
    const weights = cells.fontWeights[r];
    const backgrounds = cells.backgrounds[r];
    const alignments = cells.horizontalAlignments[r];
    const wraps = cells.wraps[r];
    const width = Math.max(
      values?.length ?? 0,
      formats?.length ?? 0,
      notes?.length ?? 0,
      weights?.length ?? 0,
      backgrounds?.length ?? 0,
      alignments?.length ?? 0,
      wraps?.length ?? 0,
    );
    if (width === 0) continue;
    const row = ws.getRow(r + 1);
    let touched = false;
    for (let c = 0; c < width; c++) {
      const value = values?.[c];
      const formula = formulas?.[c];
      let format = formats?.[c];
      const note = notes?.[c];
      const weight = weights?.[c];
      const background = backgrounds?.[c];
      const alignment = alignments?.[c];
      const wrap = wraps?.[c];
      if (
        value === undefined &&
        note === undefined &&
        format === undefined &&
        weight === undefined
      ) {
        if (background === undefined && alignment === undefined && wrap === undefined) continue;
      }
      const cell = row.getCell(c + 1);
      if (formula !== undefined) {
        cell.value = {
          formula: formula.slice(1),
          result: { error: FORMULA_VALUE },
        } as ExcelJS.CellFormulaValue;
      } else if (value !== undefined) {
        if (isDate(value)) {
          cell.value = toWallClock(value, zone);
          format ??= AUTO_DATE_FORMAT;
        } else {
          cell.value = value;
        }
      }
      const cellStyle = styles.get(format, weight, background, alignment, wrap);
      if (cellStyle !== undefined) cell.style = cellStyle;
      if (note !== undefined) cell.note = note;
      touched = true;
    }
    if (touched && !row.hasValues) {
      // exceljs drops rows without a value, but a styled empty row matters: a column's `@`
      // format on rows not yet filled is what keeps "+336…" typed there as text.
      Object.defineProperty(row, 'hasValues', { value: true });
    }
    row.commit();
  }
  ws.commit();
}

/** Shares one style object between cells that look the same (exceljs dedupes on write). */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();

  get(
    numFmt: string | undefined,
    weight: string | undefined,
    background: string | undefined,
    alignment: string | undefined,
    wrap: boolean | undefined,
  ): Partial<ExcelJS.Style> | undefined {
    if (
      numFmt === undefined &&
      weight === undefined &&
      background === undefined &&
      alignment === undefined &&
      wrap === undefined
    ) {
      return undefined;
    }
    const key = JSON.stringify([numFmt, weight, background, alignment, wrap]);
    let style = this.cache.get(key);
    if (style === undefined) {
      style = {};
      if (numFmt !== undefined) style.numFmt = numFmt;
      if (weight === 'bold') style.font = { bold: true };
      if (background !== undefined && /^#[0-9a-f]{6}$/.test(background)) {
        style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: toArgb(background) } };
      }
      if (alignment !== undefined || wrap !== undefined) {
        style.alignment = {};
        if (alignment === 'left' || alignment === 'center' || alignment === 'right')
          style.alignment.horizontal = alignment;
        if (wrap !== undefined) style.alignment.wrapText = wrap;
      }
      this.cache.set(key, style);
    }
    return style;
  }
}

/** One xlsx validation per column run of cells sharing a rule. */
function writeValidations(ws: ExcelJS.Worksheet, sheet: SheetData, lists: ListStore): void {
  const layer = sheet.cells.validations;
  const columns = grid.contentColumns(layer);
  const keys = new Map<ValidationRule, string>();
  const keyOf = (rule: ValidationRule): string => {
    let key = keys.get(rule);
    if (key === undefined) {
      key = JSON.stringify(rule);
      keys.set(rule, key);
    }
    return key;
  };
  for (let c = 0; c < columns; c++) {
    let start = -1;
    let current: ValidationRule | undefined;
    for (let r = 0; r <= layer.length; r++) {
      const rule = r < layer.length ? layer[r]?.[c] : undefined;
      const same =
        rule !== undefined &&
        current !== undefined &&
        (rule === current || keyOf(rule) === keyOf(current));
      if (same) continue;
      if (current !== undefined) {
        const letters = columnToLetters(c + 1);
        dataValidationsOf(ws).add(
          `${letters}${start + 1}:${letters}${r}`,
          toXlsxValidation(current, lists),
        );
      }
      current = rule;
      start = r;
    }
  }
}

function toXlsxValidation(rule: ValidationRule, lists: ListStore): ExcelJS.DataValidation {
  const validation: ExcelJS.DataValidation = {
    type: 'list',
    allowBlank: true,
    formulae: [lists.formulaFor(rule.values)],
    // Sheets "show a warning" is Excel's warning style; "reject input" is stop.
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
  };
  if (rule.helpText !== null) {
    validation.showInputMessage = true;
    validation.prompt = rule.helpText;
  }
  return validation;
}

/** Lists that cannot be written inline (a comma, a quote, too long) go to columns of `_meta`. */
class ListStore {
  readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();

  constructor(private readonly metaName: string) {}

  formulaFor(values: string[]): string {
    const inline = values.join(',');
    if (
      !values.some((v) => v.includes(',') || v.includes('"')) &&
      inline.length + 2 <= INLINE_LIST_MAX
    ) {
      return `"${inline}"`;
    }
    const key = JSON.stringify(values);
    let formula = this.byKey.get(key);
    if (formula === undefined) {
      const letters = columnToLetters(META_LIST_COLUMN + this.columns.length);
      this.columns.push(values);
      formula = `'${this.metaName}'!$${letters}$1:$${letters}$${Math.max(values.length, 1)}`;
      this.byKey.set(key, formula);
    }
    return formula;
  }
}

function writeMeta(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  metaName: string,
  data: WorkbookData,
  xlsxNames: string[],
  lists: ListStore,
): void {
  const ws = workbook.addWorksheet(metaName, { state: 'veryHidden' });
  const rows: Array<Array<string | number>> = [
    [META_MARKER, META_VERSION],
    ['spreadsheet', data.id, data.name, data.timeZone, data.locale],
  ];
  data.sheets.forEach((sheet, index) => {
    rows.push([
      'sheet',
      xlsxNames[index] ?? sheet.name,
      sheet.sheetId,
      sheet.name,
      sheet.maxRows,
      sheet.maxColumns,
    ]);
  });
  rows.forEach((values, r) =>
    values.forEach((value, c) => (ws.getCell(r + 1, c + 1).value = value)),
  );
  lists.columns.forEach((values, index) =>
    values.forEach((value, r) => (ws.getCell(r + 1, META_LIST_COLUMN + index).value = value)),
  );
}

/** Excel sheet names: at most 31 characters, none of \ / ? * : [ ], unique ignoring case. */
function uniqueXlsxNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const cleaned =
      name
        .replace(/[\\/?*:[\]]/g, '_')
        .replace(/^'+|'+$/g, '')
        .slice(0, 31) || 'Feuille';
    const unique = uniqueName(cleaned, taken);
    taken.add(unique.toLowerCase());
    return unique;
  });
}

function uniqueName(base: string, takenLower: Set<string>): string {
  if (!takenLower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = `~${n}`;
    const candidate = base.slice(0, 31 - suffix.length) + suffix;
    if (!takenLower.has(candidate.toLowerCase())) return candidate;
  }
}

function toArgb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** The instant as a Date whose UTC fields are the zone's wall clock (what exceljs serialises). */
function toWallClock(date: Date, zone: ReturnType<typeof resolveZone>): Date {
  const f = zonedFields(date.getTime(), zone);
  const wall = new Date(
    Date.UTC(2000, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond),
  );
  wall.setUTCFullYear(f.year);
  return wall;
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function readWorkbookFile(filePath: string): Promise<WorkbookData> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(filePath);
  return fromXlsx(workbook, path.basename(filePath).replace(/\.xlsx$/i, ''));
}

/** The workbook data of an exceljs workbook (exported for tests). */
export function fromXlsx(workbook: ExcelJS.Workbook, fallbackName: string): WorkbookData {
  const metaSheet = workbook.worksheets.find(
    (ws) => ws.state === 'veryHidden' && ws.getCell(1, 1).value === META_MARKER,
  );
  const meta = metaSheet === undefined ? undefined : readMeta(metaSheet);
  const data: WorkbookData = {
    id: meta?.id ?? newSpreadsheetId(),
    name: meta?.name ?? fallbackName,
    timeZone: meta?.timeZone ?? 'Europe/Paris',
    locale: meta?.locale ?? DEFAULT_LOCALE,
    sheets: [],
  };
  const zone = resolveZone(data.timeZone);
  for (const ws of workbook.worksheets) {
    if (ws === metaSheet) continue;
    const sheetMeta = meta?.sheets.get(ws.name);
    const sheetId = sheetMeta?.sheetId ?? (data.sheets.length === 0 ? 0 : newSheetId(data));
    data.sheets.push(readSheet(ws, sheetId, sheetMeta, zone, metaSheet));
  }
  if (data.sheets.length === 0) {
    // A workbook needs a sheet; a file without one reads as Google's new spreadsheet does.
    data.sheets.push(newSheetData(0, `${DEFAULT_SHEET_PREFIX}1`));
  }
  return data;
}

interface Meta {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: Map<string, SheetMeta>;
}

function readMeta(ws: ExcelJS.Worksheet): Meta {
  const meta: Meta = {
    id: '',
    name: '',
    timeZone: 'Europe/Paris',
    locale: DEFAULT_LOCALE,
    sheets: new Map(),
  };
  ws.eachRow((row) => {
    const cell = (c: number): string => text(row.getCell(c).value);
    const kind = cell(1);
    if (kind === 'spreadsheet') {
      meta.id = cell(2);
      meta.name = cell(3);
      meta.timeZone = cell(4) || 'Europe/Paris';
      meta.locale = cell(5) || DEFAULT_LOCALE;
    } else if (kind === 'sheet') {
      meta.sheets.set(cell(2), {
        xlsxName: cell(2),
        sheetId: Number(cell(3)),
        name: cell(4),
        maxRows: Number(cell(5)),
        maxColumns: Number(cell(6)),
      });
    }
  });
  return meta;
}

function readSheet(
  ws: ExcelJS.Worksheet,
  sheetId: number,
  meta: SheetMeta | undefined,
  zone: ReturnType<typeof resolveZone>,
  metaSheet: ExcelJS.Worksheet | undefined,
): SheetData {
  const cells = emptyCells();
  let lastRow = 0;
  let lastColumn = 0;
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const r = rowNumber - 1;
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const c = columnNumber - 1;
      const read = cellContent(cell, zone);
      const style = cell.style as Partial<ExcelJS.Style> | undefined;
      let numFmt = style?.numFmt;
      if (numFmt === AUTO_DATE_FORMAT && isDate(read.value)) numFmt = undefined;
      const touched =
        read.value !== undefined ||
        (numFmt !== undefined && numFmt !== '' && numFmt !== 'General') ||
        style?.font?.bold === true ||
        style?.fill !== undefined ||
        style?.alignment !== undefined ||
        cell.note !== undefined;
      if (!touched) return;
      grid.setCellAt(cells.values, r, c, read.value);
      if (read.formula !== undefined) grid.setCellAt(cells.formulas, r, c, read.formula);
      if (numFmt !== undefined && numFmt !== '' && numFmt !== 'General')
        grid.setCellAt(cells.numberFormats, r, c, numFmt);
      if (style?.font?.bold === true) grid.setCellAt(cells.fontWeights, r, c, 'bold');
      const fill = style?.fill;
      if (
        fill?.type === 'pattern' &&
        fill.pattern === 'solid' &&
        typeof fill.fgColor?.argb === 'string'
      ) {
        grid.setCellAt(cells.backgrounds, r, c, `#${fill.fgColor.argb.slice(-6).toLowerCase()}`);
      }
      const horizontal = style?.alignment?.horizontal;
      if (horizontal === 'left' || horizontal === 'center' || horizontal === 'right') {
        grid.setCellAt(cells.horizontalAlignments, r, c, horizontal);
      }
      if (typeof style?.alignment?.wrapText === 'boolean')
        grid.setCellAt(cells.wraps, r, c, style.alignment.wrapText);
      const note = noteText(cell.note);
      if (note !== undefined) grid.setCellAt(cells.notes, r, c, note);
      lastRow = Math.max(lastRow, rowNumber);
      lastColumn = Math.max(lastColumn, columnNumber);
    });
  });
  grid.trimGrid(cells.values);
  const validations = readValidations(ws, cells.validations, metaSheet);
  const frozen = (ws.views ?? []).find((v) => v.state === 'frozen') as
    Partial<ExcelJS.WorksheetViewFrozen> | undefined;
  const columnWidths: Array<number | undefined> = [];
  const columnCount = Math.max(ws.columnCount, meta?.maxColumns ?? 0);
  for (let c = 1; c <= columnCount; c++) {
    const width = ws.getColumn(c).width;
    if (typeof width === 'number') columnWidths[c - 1] = Math.round(width * PIXELS_PER_WIDTH_UNIT);
  }
  const tabArgb = ws.properties.tabColor?.argb;
  return {
    sheetId,
    name: meta?.name ?? ws.name,
    hidden: ws.state !== 'visible',
    maxRows: Math.max(meta?.maxRows ?? DEFAULT_MAX_ROWS, lastRow, validations.rows),
    maxColumns: Math.max(meta?.maxColumns ?? DEFAULT_MAX_COLUMNS, lastColumn, validations.columns),
    frozenRows: frozen?.ySplit ?? 0,
    frozenColumns: frozen?.xSplit ?? 0,
    tabColor: typeof tabArgb === 'string' ? `#${tabArgb.slice(-6).toLowerCase()}` : null,
    columnWidths,
    cells,
  };
}

function cellContent(
  cell: ExcelJS.Cell,
  zone: ReturnType<typeof resolveZone>,
): { value?: CellValue; formula?: string } {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return {};
    case ExcelJS.ValueType.Formula:
      return { value: FORMULA_VALUE, formula: `=${cell.formula}` };
    case ExcelJS.ValueType.Date:
      return isDate(value) ? { value: fromWallClock(value, zone) } : {};
    case ExcelJS.ValueType.Number:
    case ExcelJS.ValueType.Boolean:
      return typeof value === 'number' || typeof value === 'boolean' ? { value } : {};
    case ExcelJS.ValueType.Error: {
      const error = (value as ExcelJS.CellErrorValue | null)?.error;
      return error === undefined ? {} : { value: String(error) };
    }
    default: {
      const t = text(value);
      return t === '' ? {} : { value: t };
    }
  }
}

/** Validations of the sheet into the layer; returns how far they reach (to size the grid). */
function readValidations(
  ws: ExcelJS.Worksheet,
  layer: SheetData['cells']['validations'],
  metaSheet: ExcelJS.Worksheet | undefined,
): { rows: number; columns: number } {
  const model = dataValidationsOf(ws).model;
  const rules = new Map<ExcelJS.DataValidation, ValidationRule | null>();
  let rows = 0;
  let columns = 0;
  for (const [address, validation] of Object.entries(model)) {
    if (validation === undefined) continue;
    let rule = rules.get(validation);
    if (rule === undefined) {
      rule = toRule(validation, metaSheet);
      rules.set(validation, rule);
    }
    const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
    if (rule === null || match === null) continue;
    const r = Number(match[2]);
    const c = lettersToColumn(match[1] ?? 'A');
    grid.setCellAt(layer, r - 1, c - 1, rule);
    rows = Math.max(rows, r);
    columns = Math.max(columns, c);
  }
  return { rows, columns };
}

function toRule(
  validation: ExcelJS.DataValidation,
  metaSheet: ExcelJS.Worksheet | undefined,
): ValidationRule | null {
  if (validation.type !== 'list') return null;
  const formula = String(validation.formulae[0] ?? '');
  let values: string[] | undefined;
  if (formula.startsWith('"') && formula.endsWith('"')) {
    values = formula.slice(1, -1).split(',');
  } else {
    const ref = /^(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(formula);
    if (ref !== null && metaSheet !== undefined && ref[1] === metaSheet.name) {
      const column = lettersToColumn(ref[2] ?? 'A');
      values = [];
      for (let r = Number(ref[3]); r <= Number(ref[5]); r++)
        values.push(text(metaSheet.getCell(r, column).value));
    }
  }
  if (values === undefined) return null;
  return {
    criteria: 'VALUE_IN_LIST',
    values,
    showDropdown: true,
    allowInvalid:
      validation.showErrorMessage !== true ||
      validation.errorStyle === 'warning' ||
      validation.errorStyle === 'information',
    helpText:
      typeof validation.prompt === 'string' && validation.prompt !== '' ? validation.prompt : null,
  };
}

function fromWallClock(wall: Date, zone: ReturnType<typeof resolveZone>): Date {
  return new Date(
    zonedToEpoch(
      zone,
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
    ),
  );
}

/** The text of a cell value of any kind (rich text, hyperlink, shared string…). */
function text(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isDate(value)) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return text(value.result as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

function noteText(note: string | ExcelJS.Comment | undefined): string | undefined {
  if (note === undefined) return undefined;
  if (typeof note === 'string') return note === '' ? undefined : note;
  const joined = (note.texts ?? []).map((run) => run.text).join('');
  return joined === '' ? undefined : joined;
}
