/**
 * Cell values ↔ the plain JSON records that cross google.script.run: dates become ISO strings
 * (a calendar day `yyyy-MM-dd` in Paris for date fields, an instant for date-times), empty cells
 * become null. Nothing else crosses (DESIGN.md §5).
 */
import { isDate, type CellValue } from '../../core/text/sheet-safe';
import type { FieldDef, TabDef } from '../../core/schema/types';
import { CRM_TIME_ZONE } from '../platform/clock';

export type JsonValue = string | number | boolean | null;
export type RecordDto = Record<string, JsonValue>;

export function cellToJson(field: FieldDef, value: unknown): JsonValue {
  if (value === '' || value === null || value === undefined) return null;
  if (isDate(value)) {
    return field.type === 'date'
      ? Utilities.formatDate(value, CRM_TIME_ZONE, 'yyyy-MM-dd')
      : value.toISOString();
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  return String(value);
}

export function recordToDto(tab: TabDef, record: Record<string, unknown>): RecordDto {
  const dto: RecordDto = {};
  for (const field of tab.fields) {
    if (field.key in record) dto[field.key] = cellToJson(field, record[field.key]);
  }
  return dto;
}

/** A calendar day as the Date Sheets stores for it: midnight in Paris. */
export function dayToDate(day: string): Date {
  return Utilities.parseDate(day, CRM_TIME_ZONE, 'yyyy-MM-dd');
}

/** A validated value as the cell to write. */
export function jsonToCell(field: FieldDef, value: unknown): CellValue {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value;
  if (field.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return dayToDate(value);
  if (field.type === 'datetime' && typeof value === 'string') {
    // Without an offset the text is Paris wall time; parse it there rather than trust the
    // runtime's own zone.
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
    const date = hasOffset
      ? new Date(value)
      : Utilities.parseDate(value.slice(0, 19), CRM_TIME_ZONE, "yyyy-MM-dd'T'HH:mm:ss");
    if (!Number.isNaN(date.getTime())) return date;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  return String(value);
}

/** Text for the Journal's old/new value columns. */
export function cellToJournalText(field: FieldDef, value: unknown): string {
  const json = cellToJson(field, value);
  return json === null ? '' : String(json);
}
