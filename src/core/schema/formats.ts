/**
 * How a column is displayed in Sheets. Text-like columns are plain text (`@`) so that Sheets
 * never turns "+33612345678" into a number or "=IMPORTXML(...)" into a formula (DESIGN.md §7).
 */
import type { FieldType } from './types';

const TEXT = '@';

const FORMATS: Record<FieldType, string | null> = {
  id: TEXT,
  text: TEXT,
  longtext: TEXT,
  email: TEXT,
  phone: TEXT,
  url: TEXT,
  siren: TEXT,
  siret: TEXT,
  integer: '0',
  number: '0.##',
  money: '#,##0.00 [$€-40C]',
  percent: '0%',
  date: 'dd/MM/yyyy',
  datetime: 'dd/MM/yyyy HH:mm',
  enum: TEXT,
  ref: TEXT,
  boolean: null,
};

/** The number format of a column of this type, or null to leave Sheets' automatic format. */
export function numberFormatFor(type: FieldType): string | null {
  return FORMATS[type];
}
