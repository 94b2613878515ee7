/**
 * Validation and normalisation of record fields (DESIGN.md §3, §7): what the sidebar, the
 * endpoints and the import run before anything is written. Pure: no Google API, no Node API,
 * no clock. Each normaliser returns the stored form of a value or the French reason it was
 * refused; validateField and validateRecord turn reasons into messages naming the field.
 */
export { validateField } from './field';
export type { FieldContext, FieldResult, FieldValue, FieldValueByType } from './field';
export { toCrmValidationError, validateRecord } from './record';
export type { FieldError, RecordResult, ValidateRecordOptions, ValidRecord } from './record';
export type { Normalized } from './result';
export { isEmptyInput } from './input';
export { MAX_TEXT_LENGTH, normalizeText } from './text';
export { normalizeEmail } from './email';
export { formatPhone, normalizePhone } from './phone';
export { normalizeUrl } from './url';
export { isLuhnValid, isSiretKeyValid, normalizeSiren, normalizeSiret } from './company-ids';
export {
  formatMoney,
  MAX_MONEY,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  normalizePercent,
} from './numbers';
export {
  formatFrenchDate,
  formatIsoDate,
  formatIsoDateTime,
  MAX_YEAR,
  MIN_YEAR,
  normalizeDate,
  normalizeDateTime,
} from './dates';
export type { CalendarDate, WallDateTime } from './dates';
export { choiceKey, normalizeBoolean, normalizeEnum } from './choices';
export { normalizeRecordRef } from './record-ref';
