/**
 * What every SpreadsheetApp object of one execution shares: the execution env (call counter,
 * UI recorder), the workbook, the script's realm (errors, Dates and arrays handed to the script
 * are built from it so `instanceof` works in the script), and the active sheet. Also the
 * helpers the object classes use to count calls and throw Apps Script's exceptions.
 */
import type { ExecutionEnv } from '../env';
import { exception, type Realm } from '../services/support/realm';
import {
  badParameters,
  OUTSIDE_GRID,
  SHEET_DELETED,
  START_COLUMN_TOO_SMALL,
  START_ROW_TOO_SMALL,
  TOO_FEW_COLUMNS,
  TOO_FEW_ROWS,
} from './messages';
import type { Operation } from './operations';
import type { Workbook } from './workbook';
import { findSheet, type SheetData } from './workbook-data';

export interface SpreadsheetContext {
  readonly env: ExecutionEnv;
  readonly workbook: Workbook;
  readonly realm: Realm;
  /** The sheet getActiveSheet returns; undefined means the first visible one. */
  activeSheetId: number | undefined;
  /** Title of `Ui.createAddonMenu()`: the add-on's name. */
  readonly addOnMenuTitle: string;
  /** The cell the user's cursor is on (the local page sets it), for getActiveRange. */
  selection:
    | { sheetId: number; row: number; column: number; numRows?: number; numColumns?: number }
    | undefined;
}

/** Objects handed to the script keep their context here; the methods read it through `this`. */
export interface HasContext {
  readonly ctx: SpreadsheetContext;
}

/**
 * Makes every public method of a class count itself as `ClassName.method` in the execution's
 * counter (DESIGN.md §8: every service call is counted). Internal helpers are module functions,
 * so one script call counts once whatever it does inside.
 */
export function countCalls(prototype: object, className: string): void {
  const record = prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (key === 'constructor' || key === 'toString') continue;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    const method: unknown = descriptor?.value;
    if (typeof method !== 'function') continue;
    const name = `${className}.${key}`;
    const fn = method as (...args: unknown[]) => unknown;
    Object.defineProperty(record, key, {
      ...descriptor,
      value: function countedMethod(this: HasContext, ...args: unknown[]): unknown {
        this.ctx.env.counter.count(name);
        return fn.apply(this, args);
      },
    });
  }
}

export function fail(ctx: SpreadsheetContext, message: string): never {
  throw exception(ctx.realm, message);
}

export function sheetData(ctx: SpreadsheetContext, sheetId: number): SheetData {
  const sheet = findSheet(ctx.workbook.data, sheetId);
  if (sheet === undefined) fail(ctx, SHEET_DELETED);
  return sheet;
}

export function apply(ctx: SpreadsheetContext, operation: Operation): void {
  ctx.workbook.apply(operation);
}

/** A whole-number argument, truncated like Apps Script does with a double; else the overload error. */
export function integerArg(
  ctx: SpreadsheetContext,
  value: unknown,
  args: readonly unknown[],
  method: string,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(ctx, badParameters(args, method));
  return Math.trunc(value);
}

export function stringArg(
  ctx: SpreadsheetContext,
  value: unknown,
  args: readonly unknown[],
  method: string,
): string {
  if (typeof value !== 'string') fail(ctx, badParameters(args, method));
  return value;
}

/** Checks a range's coordinates against the sheet, in the order Apps Script reports them. */
export function checkRange(
  ctx: SpreadsheetContext,
  sheet: SheetData,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
): void {
  if (row < 1) fail(ctx, START_ROW_TOO_SMALL);
  if (column < 1) fail(ctx, START_COLUMN_TOO_SMALL);
  if (numRows < 1) fail(ctx, TOO_FEW_ROWS);
  if (numColumns < 1) fail(ctx, TOO_FEW_COLUMNS);
  if (row + numRows - 1 > sheet.maxRows || column + numColumns - 1 > sheet.maxColumns)
    fail(ctx, OUTSIDE_GRID);
}

/** An array of the script's realm (`instanceof Array` holds in the script). */
export function realmArray<T>(ctx: SpreadsheetContext, items: readonly T[]): T[] {
  if (ctx.realm.Array === Array) return items.slice();
  return ctx.realm.Array.from(items) as T[];
}

/** An empty array of the script's realm with `length` slots, to fill in place. */
export function newRealmArray<T>(ctx: SpreadsheetContext, length: number): T[] {
  return new ctx.realm.Array<T>(length);
}

export function realmDate(ctx: SpreadsheetContext, epochMs: number): Date {
  return new ctx.realm.Date(epochMs);
}
