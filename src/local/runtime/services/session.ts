/**
 * The `Session` global: who runs the script and in which time zone. Reference:
 * developers.google.com/apps-script/reference/base/session. The script time zone is the
 * manifest's `timeZone` (env.timeZone).
 */
import { createHash } from 'node:crypto';
import type { ExecutionEnv } from '../env';
import { counted } from './support/counted';

export interface User {
  getEmail(): string;
}

export interface SessionGlobal {
  getActiveUser(): User;
  getEffectiveUser(): User;
  getScriptTimeZone(): string;
  /** Deprecated on Apps Script; kept because old code still calls it. */
  getTimeZone(): string;
  getTemporaryActiveUserKey(): string;
  getActiveUserLocale(): string;
}

export interface SessionOptions {
  /** `getActiveUserLocale()`; the CRM's users are French. Default 'fr'. */
  locale?: string;
}

export function createSession(env: ExecutionEnv, options: SessionOptions = {}): SessionGlobal {
  const user = (): User => counted(env.counter, 'User', { getEmail: () => env.userEmail });
  const session: SessionGlobal = {
    getActiveUser: user,
    getEffectiveUser: user,
    getScriptTimeZone: () => env.timeZone,
    getTimeZone: () => env.timeZone,
    // Stable per user and script, opaque, like the real key (which rotates monthly).
    getTemporaryActiveUserKey: () =>
      createHash('sha256').update(`crm-local:${env.userEmail}`).digest('base64').slice(0, 43),
    getActiveUserLocale: () => options.locale ?? 'fr',
  };
  return counted(env.counter, 'Session', session);
}
