/**
 * The JavaScript realm the script runs in. The emulated services live in Node's main realm while
 * `dist/Code.js` runs in a `vm` context with its own `Error`, `Date` and `Array`; a value built
 * with the wrong constructor fails `instanceof` in the script (`e instanceof Error` would be
 * false). So every error, Date and array a service hands to the script is built from the realm
 * the runtime passes in, defaulting to Node's own for tests that call the services directly.
 */
export interface Realm {
  Error: ErrorConstructor;
  Date: DateConstructor;
  Array: ArrayConstructor;
}

export const hostRealm: Realm = { Error, Date, Array };

/**
 * An Apps Script exception: `name` is 'Exception' and `message` carries no prefix, so
 * `String(e)` reads `Exception: …` as in the execution log (platform/local-runtimes.md §3).
 */
export function exception(realm: Realm, message: string): Error {
  const error = new realm.Error(message);
  error.name = 'Exception';
  return error;
}

export function toRealmDate(realm: Realm, epochMs: number): Date {
  return new realm.Date(epochMs);
}

export function toRealmArray<T>(realm: Realm, items: readonly T[]): T[] {
  return realm.Array.from(items) as T[];
}

/** `instanceof Date` fails across realms; the brand check does not. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A plain object literal from either realm (not an array, Date, Blob or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
