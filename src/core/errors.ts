/**
 * The one error type of the CRM. Codes are stable (the sidebar and tests rely on them); messages
 * are French and meant for the user. Objects lose their class across `google.script.run`, so
 * callers test `code`, never `instanceof`.
 */
export type CrmErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STRUCTURE'
  | 'LOCK_TIMEOUT'
  | 'QUOTA'
  | 'CONFIG'
  | 'HTTP_4XX'
  | 'HTTP_5XX'
  | 'INTERNAL';

export class CrmError extends Error {
  readonly code: CrmErrorCode;
  /** The field concerned, for validation errors (schema key). */
  readonly field: string | undefined;

  constructor(code: CrmErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'CrmError';
    this.code = code;
    this.field = field;
  }
}

export function isCrmError(value: unknown): value is CrmError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'CrmError' &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}
