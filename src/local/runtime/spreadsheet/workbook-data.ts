/**
 * The plain data of an emulated spreadsheet. Everything here survives structured clone (the xlsx
 * worker receives it whole) and nothing holds behaviour: the SpreadsheetApp objects read it, and
 * only `applyOperation` (operations.ts) changes it.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Grid } from './grid';

/** What a cell holds; an empty cell is absent from the grid and reads as ''. */
export type CellValue = string | number | boolean | Date;

/** A value as a script hands it to setValues/setValue/appendRow, before Sheets parses it. */
export type CellInput = string | number | boolean | Date | null;

/** A data validation rule. Only the list criteria is emulated (what the CRM uses). */
export interface ValidationRule {
  criteria: 'VALUE_IN_LIST';
  values: string[];
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

/**
 * Per-cell layers, each a sparse row-major grid (0-based). Keeping one grid per property makes
 * the common whole-block operations (values, then one format per column) cheap and keeps empty
 * formatted cells from costing a value slot.
 */
export interface SheetCells {
  values: Grid<CellValue>;
  /** The formula text (with its `=`) of formula cells; their value is `#NAME?` (see cell-input.ts). */
  formulas: Grid<string>;
  numberFormats: Grid<string>;
  notes: Grid<string>;
  validations: Grid<ValidationRule>;
  fontWeights: Grid<string>;
  backgrounds: Grid<string>;
  horizontalAlignments: Grid<string>;
  wraps: Grid<boolean>;
}

export type LayerName = keyof SheetCells;

export const LAYER_NAMES: readonly LayerName[] = [
  'values',
  'formulas',
  'numberFormats',
  'notes',
  'validations',
  'fontWeights',
  'backgrounds',
  'horizontalAlignments',
  'wraps',
];

/** What clearContent clears: the content, not the formats. */
export const CONTENT_LAYERS: readonly LayerName[] = ['values', 'formulas'];

/** What "formats" means for clear/clearFormat: number formats and text styles. */
export const STYLE_LAYERS: readonly LayerName[] = [
  'numberFormats',
  'fontWeights',
  'backgrounds',
  'horizontalAlignments',
  'wraps',
];

/** Layers that new rows/columns copy from their neighbour, as Sheets does when inserting. */
export const FORMAT_LAYERS: readonly LayerName[] = [
  'numberFormats',
  'validations',
  'fontWeights',
  'backgrounds',
  'horizontalAlignments',
  'wraps',
];

export interface SheetData {
  /** Stable id (the `gid` of the sheet's URL); the first sheet of a new spreadsheet has 0. */
  sheetId: number;
  name: string;
  hidden: boolean;
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  frozenColumns: number;
  /** `#rrggbb` or null. */
  tabColor: string | null;
  /** Width in pixels by 0-based column; absent means the default width. */
  columnWidths: Array<number | undefined>;
  cells: SheetCells;
}

export interface WorkbookData {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetData[];
}

/** Sheets' grid for a new sheet (developers.google.com/apps-script/reference/spreadsheet/sheet). */
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
/** Sheets' default column width in pixels. */
export const DEFAULT_COLUMN_WIDTH = 100;
/** Sheets' limit on the cells of a spreadsheet (support.google.com/drive/answer/37603). */
export const MAX_CELLS = 10_000_000;
export const DEFAULT_LOCALE = 'fr_FR';
/** The name a French-locale Sheets gives to the first and to added sheets ("Feuille 1"…). */
export const DEFAULT_SHEET_PREFIX = 'Feuille ';

export function emptyCells(): SheetCells {
  return {
    values: [],
    formulas: [],
    numberFormats: [],
    notes: [],
    validations: [],
    fontWeights: [],
    backgrounds: [],
    horizontalAlignments: [],
    wraps: [],
  };
}

export function newSheetData(
  sheetId: number,
  name: string,
  maxRows = DEFAULT_MAX_ROWS,
  maxColumns = DEFAULT_MAX_COLUMNS,
): SheetData {
  return {
    sheetId,
    name,
    hidden: false,
    maxRows,
    maxColumns,
    frozenRows: 0,
    frozenColumns: 0,
    tabColor: null,
    columnWidths: [],
    cells: emptyCells(),
  };
}

export interface NewWorkbookOptions {
  name: string;
  timeZone?: string;
  id?: string;
  locale?: string;
}

/** A spreadsheet as Google creates it: one empty 1000 × 26 sheet named "Feuille 1", id 0. */
export function emptyWorkbookData(options: NewWorkbookOptions): WorkbookData {
  return {
    id: options.id ?? newSpreadsheetId(),
    name: options.name,
    timeZone: options.timeZone ?? 'Europe/Paris',
    locale: options.locale ?? DEFAULT_LOCALE,
    sheets: [newSheetData(0, `${DEFAULT_SHEET_PREFIX}1`)],
  };
}

/** A 44-character id in the alphabet of Drive file ids. */
export function newSpreadsheetId(): string {
  return `1${randomBytes(33).toString('base64url').slice(0, 43)}`;
}

/** A random positive gid not used by another sheet (Sheets' gids are random 31-bit numbers). */
export function newSheetId(data: WorkbookData): number {
  for (;;) {
    const id = randomInt(1, 2 ** 31 - 1);
    if (!data.sheets.some((s) => s.sheetId === id)) return id;
  }
}

export function findSheet(data: WorkbookData, sheetId: number): SheetData | undefined {
  return data.sheets.find((s) => s.sheetId === sheetId);
}

export function totalCells(data: WorkbookData): number {
  return data.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
}
