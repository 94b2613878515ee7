/**
 * Reading XML turned into JSON, the shape of every BOAMP `donnees` and `gestion` (boamp.md §1.5):
 * an element that occurs once is an object or a string, several times a list; an empty element
 * is `""` and means "present" (a flag); attributes are `@name` and text beside them `#text`.
 */

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Single-or-list as a list; absent as empty. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** The first element of a single-or-list. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** Walks keys, taking the first element wherever a list comes. */
export function at(node: unknown, ...keys: readonly string[]): unknown {
  let current: unknown = node;
  for (const key of keys) {
    const here = first(current);
    if (!isObject(here)) return undefined;
    current = here[key];
  }
  return current;
}

/** Walks keys through every element of every list on the way. */
export function all(node: unknown, ...keys: readonly string[]): unknown[] {
  let current: unknown[] = asList(node);
  for (const key of keys) {
    const next: unknown[] = [];
    for (const item of current) if (isObject(item)) next.push(...asList(item[key]));
    current = next;
  }
  return current;
}

/** The text of a leaf: a non-blank string, a number, or the `#text` of an element with attributes. */
export function text(value: unknown): string | null {
  const v = first(value);
  if (typeof v === 'string') {
    const trimmed = v.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (isObject(v)) return text(v['#text']);
  return null;
}

/** An attribute of an element (`@currencyID`). */
export function attribute(value: unknown, name: string): string | null {
  const v = first(value);
  return isObject(v) ? text(v[`@${name}`]) : null;
}

/** An empty element converted to `""` (or any value) means the flag is set. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The name of the one set flag among an element's children (`{"APPEL_OFFRE": ""}` → `APPEL_OFFRE`). */
export function flagName(value: unknown): string | null {
  const v = first(value);
  if (!isObject(v)) return null;
  const names = Object.keys(v).filter((k) => isPresent(v[k]) && !k.startsWith('@'));
  return names[0] ?? null;
}

/** Parses a JSON string; an object passes through. Undefined when neither. */
export function parseJsonField(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (value === undefined || value === null || value === '') return { ok: true, value: null };
  if (typeof value !== 'string') return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}
