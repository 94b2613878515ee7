/**
 * How raw input reaches a normaliser: a string typed in the sidebar, a cell value read from the
 * sheet (string, number, boolean, Date), or anything a caller sent over `google.script.run`.
 * These helpers turn it into text without ever throwing, whatever it is.
 */

/** Undefined, null, '' and whitespace only (including no-break spaces) mean "no value". */
export function isEmptyInput(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/**
 * Strings as they are; finite numbers in their shortest decimal form (Sheets hands a number
 * back when a column was not plain text). Anything else has no text form: null.
 */
export function inputText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

/** A Date from any realm (Apps Script, a vm context, Node): `instanceof` fails across realms. */
export function isDateObject(raw: unknown): raw is Date {
  return Object.prototype.toString.call(raw) === '[object Date]';
}

/** A non-null, non-array object whose own properties can be read. */
export function isPlainRecord(raw: unknown): raw is Readonly<Record<string, unknown>> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !isDateObject(raw);
}
