/**
 * ODSQL text for the Explore API v2.1 `where` parameter (shared/apis/boamp.md §1.2). Values come
 * from users (Parametres, keyword lists), so each one becomes a literal and never a piece of
 * syntax: field names are checked against a pattern, days against `yyyy-MM-dd`, strings quoted.
 */

const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A field reference; refuses anything that is not a plain BOAMP field name. */
export function odsqlField(name: string): string {
  if (!FIELD_NAME.test(name)) throw new Error(`Not an ODSQL field name: ${name}`);
  return name;
}

/**
 * A string literal in double quotes. ODSQL quotes strings with `"` or `'`; the escape of a quote
 * inside one is not in the documentation we have, so this uses the backslash form (`\"`, `\\`)
 * [inferred]. The watch never depends on it: its codes are checked against patterns and its
 * search words reduced by `searchableText` to characters that need no escape. Control
 * characters become spaces because a literal cannot span lines.
 */
export function odsqlString(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const flat = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `"${flat.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `date'2024-07-01'`; refuses anything but a real calendar day. */
export function odsqlDate(day: string): string {
  if (!isCalendarDay(day)) throw new Error(`Not a yyyy-MM-dd day: ${day}`);
  return `date'${day}'`;
}

/** `field = "a"` for one value, `field IN ("a", "b")` for several; multi-valued fields match any element. */
export function odsqlIn(field: string, values: readonly string[]): string {
  if (values.length === 0) throw new Error(`No value for ${field}`);
  if (values.length === 1) return `${odsqlField(field)} = ${odsqlString(values[0] as string)}`;
  return `${odsqlField(field)} IN (${values.map(odsqlString).join(', ')})`;
}

/** Full-text search of one field: fuzzy, fit for picking candidates only (boamp.md §1.2). */
export function odsqlSearch(field: string, text: string): string {
  return `search(${odsqlField(field)}, ${odsqlString(text)})`;
}

export function odsqlAnyOf(conditions: readonly string[]): string {
  if (conditions.length === 0) throw new Error('An empty OR matches nothing');
  return conditions.length === 1 ? (conditions[0] as string) : `(${conditions.join(' OR ')})`;
}

/** Conditions joined by AND; an OR group must come from `odsqlAnyOf`, which brackets it. */
export function odsqlAllOf(conditions: readonly string[]): string {
  if (conditions.length === 0) throw new Error('An empty AND');
  return conditions.join(' AND ');
}

/**
 * A search word as the watch sends it: letters (any accent), digits, spaces, apostrophes and
 * hyphens; everything else becomes a space. Full-text search ignores punctuation anyway, and a
 * word without quotes or backslashes can never break out of its literal.
 */
export function searchableText(term: string): string {
  return term
    .normalize('NFC')
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function isCalendarDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
