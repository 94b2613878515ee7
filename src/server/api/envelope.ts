/**
 * Wraps an endpoint so that every failure reaches the sidebar as `{ ok: false, code, message }`
 * with a French message, and the stack goes to the execution log, not to the user.
 */
import { isCrmError } from '../../core/errors';
import type { ApiResult } from './contract';

export function toApiResult<T>(run: () => T): ApiResult<T> {
  try {
    return { ok: true, data: run() };
  } catch (error) {
    return toApiError(error);
  }
}

export function toApiError(error: unknown): {
  ok: false;
  code: string;
  message: string;
  field?: string;
  fieldErrors?: Array<{ field: string; message: string }>;
} {
  if (isCrmError(error)) {
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(error.field === undefined ? {} : { field: error.field }),
      ...(error.fieldErrors.length === 0
        ? {}
        : { fieldErrors: error.fieldErrors.map((e) => ({ ...e })) }),
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  console.error(error instanceof Error && error.stack ? error.stack : text);
  if (/^Lock timeout/i.test(text)) {
    return {
      ok: false,
      code: 'LOCK_TIMEOUT',
      message: 'Le classeur est occupé par une autre opération. Réessayez dans quelques secondes.',
    };
  }
  if (/too many times/i.test(text)) {
    return { ok: false, code: 'QUOTA', message: `Quota Google atteint : ${text}` };
  }
  return { ok: false, code: 'INTERNAL', message: `Erreur inattendue : ${text}` };
}
