/**
 * The emulated `Spreadsheet` (developers.google.com/apps-script/reference/spreadsheet/spreadsheet):
 * the one workbook of the runtime, its sheets, and toasts recorded for the caller to show.
 */
import {
  apply,
  countCalls,
  fail,
  integerArg,
  sheetData,
  stringArg,
  type HasContext,
  type SpreadsheetContext,
} from './context';
import { badParameters, duplicateSheetName, REMOVE_ALL_SHEETS } from './messages';
import type { Range } from './range';
import { checkCellLimit, rangeFromA1, Sheet } from './sheet';
import {
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_ROWS,
  DEFAULT_SHEET_PREFIX,
  newSheetId,
  type WorkbookData,
} from './workbook-data';

/** Toasts without a timeout last 5 seconds (reference: Spreadsheet.toast). */
const DEFAULT_TOAST_SECONDS = 5;

export class Spreadsheet implements HasContext {
  constructor(readonly ctx: SpreadsheetContext) {}

  getId(): string {
    return this.ctx.workbook.data.id;
  }

  getName(): string {
    return this.ctx.workbook.data.name;
  }

  rename(newName: unknown): void {
    const name = stringArg(this.ctx, newName, [newName], 'Spreadsheet.rename');
    apply(this.ctx, { kind: 'updateSpreadsheet', name });
  }

  getUrl(): string {
    return spreadsheetUrl(this.ctx.workbook.data);
  }

  getSpreadsheetTimeZone(): string {
    return this.ctx.workbook.data.timeZone;
  }

  setSpreadsheetTimeZone(timezone: unknown): void {
    const timeZone = stringArg(
      this.ctx,
      timezone,
      [timezone],
      'Spreadsheet.setSpreadsheetTimeZone',
    );
    apply(this.ctx, { kind: 'updateSpreadsheet', timeZone });
  }

  getSpreadsheetLocale(): string {
    return this.ctx.workbook.data.locale;
  }

  getSheets(): Sheet[] {
    const sheets = this.ctx.workbook.data.sheets.map((s) => new Sheet(this.ctx, s.sheetId));
    return this.ctx.realm.Array.from(sheets);
  }

  getNumSheets(): number {
    return this.ctx.workbook.data.sheets.length;
  }

  /** null when no sheet has that name (reference: getSheetByName). */
  getSheetByName(name: unknown): Sheet | null {
    const found = this.ctx.workbook.data.sheets.find((s) => s.name === name);
    return found === undefined ? null : new Sheet(this.ctx, found.sheetId);
  }

  getSheetById(id: unknown): Sheet | null {
    const found = this.ctx.workbook.data.sheets.find((s) => s.sheetId === id);
    return found === undefined ? null : new Sheet(this.ctx, found.sheetId);
  }

  /**
   * insertSheet() | (sheetIndex) | (sheetName) | (sheetName, sheetIndex), with an ignored options
   * object accepted last. The new sheet is placed after the active sheet unless an index is given
   * [memory], and becomes the active sheet (reference).
   */
  insertSheet(...args: unknown[]): Sheet {
    const method = 'Spreadsheet.insertSheet';
    const plain = args.filter((a) => typeof a !== 'object' || a === null);
    const options = args.find((a) => typeof a === 'object' && a !== null);
    if (options !== undefined && (options as { template?: unknown }).template !== undefined) {
      fail(this.ctx, badParameters(args, method));
    }
    let name: string | undefined;
    let index: number | undefined;
    const [first, second] = plain;
    if (typeof first === 'string') {
      name = first;
      if (second !== undefined) index = integerArg(this.ctx, second, args, method);
    } else if (first !== undefined) {
      index = integerArg(this.ctx, first, args, method);
    }
    const data = this.ctx.workbook.data;
    if (name !== undefined && data.sheets.some((s) => s.name === name))
      fail(this.ctx, duplicateSheetName(name));
    name ??= defaultSheetName(data);
    const activeIndex = data.sheets.findIndex((s) => s.sheetId === activeSheetId(this.ctx));
    const at = Math.max(0, Math.min(index ?? activeIndex + 1, data.sheets.length));
    checkCellLimit(this.ctx, DEFAULT_MAX_ROWS * DEFAULT_MAX_COLUMNS);
    const sheetId = newSheetId(data);
    apply(this.ctx, { kind: 'insertSheet', sheetId, name, index: at });
    this.ctx.activeSheetId = sheetId;
    return new Sheet(this.ctx, sheetId);
  }

  deleteSheet(sheet: unknown): void {
    if (!(sheet instanceof Sheet))
      fail(this.ctx, badParameters([sheet], 'Spreadsheet.deleteSheet'));
    sheetData(this.ctx, sheet.sheetId);
    const data = this.ctx.workbook.data;
    const others = data.sheets.filter((s) => s.sheetId !== sheet.sheetId);
    if (others.length === 0 || others.every((s) => s.hidden)) fail(this.ctx, REMOVE_ALL_SHEETS);
    apply(this.ctx, { kind: 'deleteSheet', sheetId: sheet.sheetId });
    if (this.ctx.activeSheetId === sheet.sheetId) this.ctx.activeSheetId = undefined;
  }

  getActiveSheet(): Sheet {
    return new Sheet(this.ctx, activeSheetId(this.ctx));
  }

  setActiveSheet(sheet: unknown): Sheet {
    if (!(sheet instanceof Sheet))
      fail(this.ctx, badParameters([sheet], 'Spreadsheet.setActiveSheet'));
    sheetData(this.ctx, sheet.sheetId);
    this.ctx.activeSheetId = sheet.sheetId;
    return sheet;
  }

  /** Moves the active sheet to a 1-based position (reference: moveActiveSheet). */
  moveActiveSheet(pos: unknown): void {
    const position = integerArg(this.ctx, pos, [pos], 'Spreadsheet.moveActiveSheet');
    apply(this.ctx, { kind: 'moveSheet', sheetId: activeSheetId(this.ctx), index: position - 1 });
  }

  /** `Sheet!A1:B2`, or A1 notation on the active sheet. */
  getRange(a1Notation: unknown): Range {
    const notation = stringArg(this.ctx, a1Notation, [a1Notation], 'Spreadsheet.getRange');
    return rangeFromA1(this.ctx, notation, activeSheetId(this.ctx));
  }

  toast(msg: unknown, title?: unknown, timeoutSeconds?: unknown): void {
    this.ctx.env.uiEvents.toasts.push({
      message: String(msg),
      title: title === undefined || title === null ? '' : String(title),
      timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : DEFAULT_TOAST_SECONDS,
    });
  }

  toString(): string {
    return 'Spreadsheet';
  }
}
countCalls(Spreadsheet.prototype, 'Spreadsheet');

export function spreadsheetUrl(data: WorkbookData): string {
  return `https://docs.google.com/spreadsheets/d/${data.id}/edit`;
}

/** The active sheet: the one set during this execution, else the first visible one. */
export function activeSheetId(ctx: SpreadsheetContext): number {
  const sheets = ctx.workbook.data.sheets;
  if (ctx.activeSheetId !== undefined && sheets.some((s) => s.sheetId === ctx.activeSheetId))
    return ctx.activeSheetId;
  const first = sheets.find((s) => !s.hidden) ?? sheets[0];
  if (first === undefined) throw new Error('The workbook has no sheet.');
  return first.sheetId;
}

/** "Feuille N" with the first N not taken, counting from the number of sheets + 1. */
function defaultSheetName(data: WorkbookData): string {
  for (let n = data.sheets.length + 1; ; n++) {
    const name = `${DEFAULT_SHEET_PREFIX}${n}`;
    if (!data.sheets.some((s) => s.name === name)) return name;
  }
}
