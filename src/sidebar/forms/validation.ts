/**
 * The sidebar's side of validation: the very rules of src/core/validation that the server runs
 * before writing, applied before the server is called, so a mistyped email is flagged next to its
 * field without a round trip. The server checks again (it is the authority: uniqueness, links to
 * other records, the full phone metadata); its fieldErrors land in the same map.
 */
import { getTab } from '../../core/schema/tabs';
import type { FieldDef, TabKey } from '../../core/schema/types';
import { validateField, validateRecord } from '../../core/validation';
import type { FieldError, RecordDto } from '../../server/api/contract';

/** Schema key → French message, as shown under each field. */
export type FieldErrors = Readonly<Record<string, string>>;

export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  // The first message of a field is the one to fix first.
  for (const e of errors) if (!(e.field in map)) map[e.field] = e.message;
  return map;
}

/** The errors of a whole form (every field at once), or null when it can be sent. */
export function checkRecord(tab: TabKey, input: RecordDto, partial: boolean): FieldErrors | null {
  const result = validateRecord(getTab(tab), input, { partial });
  return result.ok ? null : errorsByField(result.errors);
}

/** The error of one field as the user leaves it, or null. */
export function checkField(field: FieldDef, raw: unknown): string | null {
  const result = validateField(field, raw);
  return result.ok ? null : result.message;
}
