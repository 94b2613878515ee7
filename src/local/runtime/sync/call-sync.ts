/**
 * Calls an exported async function of a Node module synchronously, by running it in a worker
 * thread and blocking on Atomics until it settles (synckit). Arguments and results cross by
 * structured clone, so Dates, Maps and typed arrays survive; functions do not.
 */
import { createSyncFn } from 'synckit';
import * as path from 'node:path';

type SyncFn = (task: { modulePath: string; exportName: string; args: unknown[] }) => unknown;

let syncFn: SyncFn | undefined;

function getSyncFn(): SyncFn {
  syncFn ??= createSyncFn(path.join(__dirname, 'sync-worker.mjs')) as SyncFn;
  return syncFn;
}

export function callSync<T>(modulePath: string, exportName: string, ...args: unknown[]): T {
  return getSyncFn()({ modulePath, exportName, args }) as T;
}
