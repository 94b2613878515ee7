/**
 * The one error type of the CRM. Codes are stable (the sidebar and tests rely on them); messages
 * are French and meant for the user. Objects lose their class across `google.script.run`, so
 * callers test `code`, never `instanceof`.
 */
export type CrmErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** A business rule refused the action (a pipeline move); the message names the rule. */
  | 'RULE'
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
  /** Every field error of a refused form, for the sidebar to show next to each field. */
  readonly fieldErrors: ReadonlyArray<{ readonly field: string; readonly message: string }>;

  constructor(
    code: CrmErrorCode,
    message: string,
    field?: string,
    fieldErrors: ReadonlyArray<{ readonly field: string; readonly message: string }> = [],
  ) {
    super(message);
    this.name = 'CrmError';
    this.code = code;
    this.field = field;
    this.fieldErrors = fieldErrors;
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
