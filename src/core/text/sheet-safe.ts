/**
 * How values are written to cells. Text that comes from outside (a user, BOAMP, Apollo, Claude,
 * an import) must never be evaluated by Sheets (DESIGN.md §7). The CRM's text columns carry the
 * plain-text number format `@` (set by the structure setup, and copied by Sheets onto inserted
 * rows), in which Sheets stores a string exactly as given: "=IMPORTXML(…)" stays text and
 * "+33612345678" is not turned into a number. So strings are written unchanged — an apostrophe
 * prefix would become part of the value in a plain-text cell.
 */
export type CellValue = string | number | boolean | Date;

const EVALUATED_PREFIX = /^[=+\-@\t\r]/;

/** True for text Sheets would parse as a formula or a number when the cell is not plain text. */
export function isEvaluatedBySheets(text: string): boolean {
  return EVALUATED_PREFIX.test(text);
}

/** Any value as a cell value: null/undefined as an empty cell, objects as JSON text. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean' || isDate(value)) return value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A Date from any realm (the Apps Script runtime, a test's vm context, Node). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
