/**
 * One field of a record: empty input, the required rule, then the normaliser of the field's
 * schema type. The result is what the CRM stores, or the French message shown next to the field
 * ("Email : « jean@@x » n'est pas une adresse email valide.").
 */
import { TABS } from '../schema/tabs';
import type { FieldDef, FieldType, TabDef } from '../schema/types';
import { normalizeBoolean, normalizeEnum } from './choices';
import { normalizeSiren, normalizeSiret } from './company-ids';
import { formatIsoDate, formatIsoDateTime, normalizeDate, normalizeDateTime } from './dates';
import { normalizeEmail } from './email';
import { isEmptyInput } from './input';
import { rejectedMessage, requiredMessage } from './messages';
import { normalizeInteger, normalizeMoney, normalizeNumber, normalizePercent } from './numbers';
import { normalizePhone } from './phone';
import { normalizeRecordRef } from './record-ref';
import { accept, type Normalized } from './result';
import { normalizeText } from './text';
import { normalizeUrl } from './url';

/**
 * What each field type stores once validated: JSON values only, so a validated record crosses
 * google.script.run and reaches the sheet as it is (DESIGN.md §5). The structured forms of
 * dates (CalendarDate, WallDateTime) come from normalizeDate and normalizeDateTime.
 */
export interface FieldValueByType {
  id: string;
  text: string;
  longtext: string;
  /** Lower-case. */
  email: string;
  /** E.164, `+33612345678`. */
  phone: string;
  /** `https://…` */
  url: string;
  /** 9 digits. */
  siren: string;
  /** 14 digits. */
  siret: string;
  integer: number;
  number: number;
  /** Euros, rounded to the cent. */
  money: number;
  /** A fraction 0–1 (0.4 for 40 %). */
  percent: number;
  /** A calendar day, `2026-03-05`; the server writes it as midnight in Paris. */
  date: string;
  /**
   * A wall time, `2026-03-05T14:30:00`, in Paris when it carries no offset, or with the offset
   * it was given (`…Z`, `…+02:00`): what `new Date(text)` reads in a script set to Paris time.
   */
  datetime: string;
  /** One of the field's `values`, as the schema spells it. */
  enum: string;
  /** `CT-000012` */
  ref: string;
  boolean: boolean;
}

export type FieldValue = FieldValueByType[FieldType];

export type FieldResult<T = FieldValue> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly message: string };

export interface FieldContext {
  /** The tab the field belongs to, for `id` fields (found in the schema when omitted). */
  readonly tab?: TabDef;
}

/**
 * Validates and normalises one raw value. Never throws: any input, even one no form could
 * produce, gives a result. Empty input is null, or the "obligatoire" message if required.
 */
export function validateField(
  field: FieldDef,
  raw: unknown,
  context: FieldContext = {},
): FieldResult {
  if (isEmptyInput(raw)) {
    return field.required
      ? { ok: false, message: requiredMessage(field.header) }
      : { ok: true, value: null };
  }
  const result = normalizeByType(field, raw, context);
  return result.ok
    ? { ok: true, value: result.value }
    : { ok: false, message: rejectedMessage(field.header, raw, result.reason) };
}

function normalizeByType(
  field: FieldDef,
  raw: unknown,
  context: FieldContext,
): Normalized<FieldValue> {
  switch (field.type) {
    case 'text':
    case 'longtext':
      return normalizeText(raw);
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw);
    case 'url':
      return normalizeUrl(raw);
    case 'siren':
      return normalizeSiren(raw);
    case 'siret':
      return normalizeSiret(raw);
    case 'integer':
      return normalizeInteger(raw);
    case 'number':
      return normalizeNumber(raw);
    case 'money':
      return normalizeMoney(raw);
    case 'percent':
      return normalizePercent(raw);
    case 'date': {
      const day = normalizeDate(raw);
      return day.ok ? accept(formatIsoDate(day.value)) : day;
    }
    case 'datetime': {
      const time = normalizeDateTime(raw);
      return time.ok ? accept(formatIsoDateTime(time.value)) : time;
    }
    case 'enum':
      return normalizeEnum(raw, field.values ?? []);
    case 'boolean':
      return normalizeBoolean(raw);
    case 'ref': {
      const target = TABS.find((t) => t.key === field.ref);
      return normalizeRecordRef(raw, target?.idPrefix, target?.name);
    }
    case 'id': {
      const tab = context.tab ?? TABS.find((t) => t.fields.includes(field));
      return normalizeRecordRef(raw, tab?.idPrefix, tab?.name);
    }
  }
}
