/**
 * A process that behaves like a runtime execution holding the document lock (run by
 * services-lock.test.ts with tsx): for each round it builds a fresh env and LockService, waits
 * for the lock, appends `start` and `end` lines to a shared file with a pause in between, and
 * ends the execution. Arguments: lockFile outFile rounds label.
 */
import * as fs from 'node:fs';
import { createLockService } from '../../src/local/runtime/services/lock-service';
import { sleepSync } from '../../src/local/runtime/services/support/sleep';
import { makeEnv } from './services-test-env';

const [lockFilePath = '', outFile = '', rounds = '1', label = 'child'] = process.argv.slice(2);

const env = makeEnv();
for (let i = 0; i < Number(rounds); i++) {
  const { LockService, releaseAll } = createLockService(env, { lockFilePath, pollMs: 2 });
  LockService.getDocumentLock()?.waitLock(30_000);
  fs.appendFileSync(outFile, `start ${label} ${i}\n`);
  // Long enough for the other process to try, and fail, to get in.
  sleepSync(15);
  fs.appendFileSync(outFile, `end ${label} ${i}\n`);
  releaseAll();
}
