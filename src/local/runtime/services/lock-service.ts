/**
 * The `LockService` global, as a real lock across processes: Apps Script serialises executions
 * of all users on a document lock, and so must the local runtime when the web server and a CLI
 * (or two CLIs) write the same workbook. Reference followed:
 * developers.google.com/apps-script/reference/lock/lock — `tryLock(ms)` returns false on
 * timeout, `waitLock(ms)` throws `Lock timeout: another process was holding the lock for too
 * long.`, locks are released when the execution ends (platform/limits.md §6).
 *
 * Within one execution all Lock objects of a scope share one state, so nested sections that each
 * take the document lock do not deadlock on themselves. The runtime's `onAcquire` / `onRelease`
 * hooks run when the execution goes from holding no lock to holding one and back: that is where
 * the runtime reloads the workbook (another process may have changed it) and saves it before the
 * next holder can read it.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionEnv } from '../env';
import { registerToken, removeLock, tryCreateLock, unregisterToken } from './file-lock';
import { counted } from './support/counted';
import { exception, hostRealm, type Realm } from './support/realm';
import { sleepSync } from './support/sleep';

export const LOCK_TIMEOUT_MESSAGE =
  'Lock timeout: another process was holding the lock for too long.';
/** An Apps Script execution cannot run longer, so an older lock is abandoned. */
export const LOCK_STALE_MS = 6 * 60_000;

export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  waitLock(timeoutInMillis: number): void;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface LockServiceGlobal {
  getScriptLock(): Lock;
  getUserLock(): Lock;
  getDocumentLock(): Lock | null;
}

export interface LockServiceOptions {
  realm?: Realm;
  /** The document lock file, next to the workbook (e.g. `crm.xlsx.lock`). */
  lockFilePath: string;
  /** False for a standalone script: `getDocumentLock()` is then null. Default true. */
  documentBound?: boolean;
  /** Called when this execution goes from holding no lock to holding one (reload the workbook). */
  onAcquire?: () => void;
  /** Called before the last held lock is released (save the workbook). */
  onRelease?: () => void;
  /** Polling interval while waiting, in ms. Default 15. */
  pollMs?: number;
  /** Age after which a lock file is abandoned. Default 6 minutes. */
  staleMs?: number;
}

export interface LockServiceHandle {
  LockService: LockServiceGlobal;
  /** Releases every lock this execution still holds; the runtime calls it when the run ends. */
  releaseAll(): void;
}

type Scope = 'script' | 'user' | 'document';

export function createLockService(
  env: ExecutionEnv,
  options: LockServiceOptions,
): LockServiceHandle {
  const realm = options.realm ?? hostRealm;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const pollMs = options.pollMs ?? 15;
  const userTag = env.userEmail.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  const files: Record<Scope, string> = {
    document: options.lockFilePath,
    script: `${options.lockFilePath}-script`,
    user: `${options.lockFilePath}-user-${userTag}`,
  };
  const held = new Map<Scope, string>();

  const acquire = (scope: Scope, timeoutMs: number): boolean => {
    if (held.has(scope)) return true;
    const token = randomUUID();
    const deadline = Date.now() + Math.max(0, Number(timeoutMs) || 0);
    registerToken(token);
    for (;;) {
      if (tryCreateLock(files[scope], token, staleMs)) break;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        unregisterToken(token);
        return false;
      }
      sleepSync(Math.min(pollMs, remaining));
    }
    held.set(scope, token);
    if (held.size === 1 && options.onAcquire !== undefined) {
      try {
        options.onAcquire();
      } catch (e) {
        release(scope, false);
        throw e;
      }
    }
    return true;
  };

  function release(scope: Scope, runHook = true): void {
    const token = held.get(scope);
    if (token === undefined) return;
    try {
      if (runHook && held.size === 1) options.onRelease?.();
    } finally {
      held.delete(scope);
      removeLock(files[scope], token);
      unregisterToken(token);
    }
  }

  const makeLock = (scope: Scope): Lock =>
    counted(env.counter, 'Lock', {
      tryLock: (timeoutInMillis: number) => acquire(scope, timeoutInMillis),
      waitLock(timeoutInMillis: number) {
        if (!acquire(scope, timeoutInMillis)) throw exception(realm, LOCK_TIMEOUT_MESSAGE);
      },
      releaseLock: () => release(scope),
      hasLock: () => held.has(scope),
    });

  const LockService: LockServiceGlobal = counted(env.counter, 'LockService', {
    getScriptLock: () => makeLock('script'),
    getUserLock: () => makeLock('user'),
    getDocumentLock: () => (options.documentBound === false ? null : makeLock('document')),
  });

  return {
    LockService,
    releaseAll() {
      // Release the others first so that the hook runs once, with the last one.
      for (const scope of [...held.keys()]) release(scope);
    },
  };
}
