/**
 * Apps Script rejects arguments of the wrong type with a message naming the Java types it saw,
 * e.g. `The parameters (String,String,String) don't match the method signature for
 * Utilities.formatDate.` — the classic result of passing a sheet's text date where a Date is due.
 */
import { exception, isDate, type Realm } from './realm';

function javaType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'Boolean';
  if (isDate(value)) return 'Date';
  if (Array.isArray(value)) return 'number[]';
  return 'Object';
}

export function signatureError(realm: Realm, method: string, args: readonly unknown[]): Error {
  return exception(
    realm,
    `The parameters (${args.map(javaType).join(',')}) don't match the method signature for ${method}.`,
  );
}
