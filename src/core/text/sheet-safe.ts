/**
 * Text that comes from outside (a user, BOAMP, Apollo, Claude, an import) must never be evaluated
 * by Sheets (DESIGN.md §7). Sheets stores a string written with a leading apostrophe as plain
 * text and hides the apostrophe, so that is how such values are written.
 */
export type CellValue = string | number | boolean | Date;

const EVALUATED_PREFIX = /^[=+\-@\t\r]/;

export function isEvaluatedBySheets(text: string): boolean {
  return EVALUATED_PREFIX.test(text);
}

export function toSheetText(text: string): string {
  return isEvaluatedBySheets(text) ? `'${text}` : text;
}

/** Any value as a cell value: strings neutralised, null/undefined as an empty cell. */
export function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean' || value instanceof Date) return value;
  return toSheetText(typeof value === 'string' ? value : JSON.stringify(value));
}
