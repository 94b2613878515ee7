/**
 * A whole record of a tab, as the sidebar form, an import row or an endpoint sends it (schema
 * key → raw value). Every field is checked and every error returned at once, in the order of
 * the form, so the sidebar can show each message next to its field; nothing is written unless
 * the whole record is valid (DESIGN.md §7).
 */
import { CrmError } from '../errors';
import type { TabDef } from '../schema/types';
import { validateField, type FieldValue } from './field';
import { isPlainRecord } from './input';
import { computedFieldMessage, unknownFieldMessage } from './messages';

export interface FieldError {
  /** Schema key of the field, or the unknown key that was sent. */
  readonly field: string;
  readonly message: string;
}

export interface ValidateRecordOptions {
  /** An update: only the keys given are checked, and absent required fields are not missing. */
  readonly partial: boolean;
  /** Accept values for `computed` fields (the server setting scores, stamps and IDs itself). */
  readonly allowComputed?: boolean;
}

export type ValidRecord = Record<string, FieldValue | null>;

export type RecordResult =
  | { readonly ok: true; readonly record: ValidRecord }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/**
 * The normalised record: on creation every field the user can fill (null when empty), on an
 * update only the keys given. A key whose value is `undefined` counts as not given — clearing
 * a field is done with '' or null, the values a form and JSON can carry.
 */
export function validateRecord(
  tab: TabDef,
  input: Readonly<Record<string, unknown>>,
  options: ValidateRecordOptions,
): RecordResult {
  if (!isPlainRecord(input)) {
    return { ok: false, errors: [{ field: '', message: `Fiche ${tab.name} invalide.` }] };
  }
  const errors: FieldError[] = [];
  const record: ValidRecord = {};
  const known = new Set<string>();
  for (const field of tab.fields) {
    known.add(field.key);
    const given = hasOwn(input, field.key) && input[field.key] !== undefined;
    const raw = given ? input[field.key] : undefined;
    if (field.computed) {
      // Computed values come from the CRM; a form that sends them is out of date or forged.
      if (!given) continue;
      if (!options.allowComputed) {
        errors.push({ field: field.key, message: computedFieldMessage(field.header) });
        continue;
      }
    } else if (!given && options.partial) {
      continue;
    }
    // Absent or empty, a required field gets its "obligatoire" message from validateField.
    const result = validateField(field, raw, { tab });
    if (result.ok) record[field.key] = result.value;
    else errors.push({ field: field.key, message: result.message });
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors.push({ field: key, message: unknownFieldMessage(key, tab.name) });
  }
  return errors.length === 0 ? { ok: true, record } : { ok: false, errors };
}

/**
 * One CrmError for a refused record: its message lists every error, one a line, the first
 * first; its field is the first error's, where the sidebar puts the focus; and it carries every
 * error, for the sidebar to show each next to its field.
 */
export function toCrmValidationError(errors: readonly FieldError[]): CrmError {
  const [first] = errors;
  if (!first) return new CrmError('VALIDATION', 'Les données saisies ne sont pas valides.');
  return new CrmError(
    'VALIDATION',
    errors.map((error) => error.message).join('\n'),
    first.field === '' ? undefined : first.field,
    errors,
  );
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
