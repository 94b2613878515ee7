/**
 * Builds an ExecutionEnv for the service tests: a temp folder for dist/ and the outbox, a clock
 * the test can move, and the log lines collected.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createCallCounter,
  createUiEvents,
  emptyPersistentState,
  type ExecutionEnv,
} from '../../src/local/runtime/env';

export interface TestEnv extends ExecutionEnv {
  dir: string;
  logs: Array<{ level: string; message: string }>;
  setNow(iso: string): void;
}

export function makeTempDir(prefix = 'crm-services-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function makeEnv(overrides: Partial<ExecutionEnv> = {}): TestEnv {
  const dir = makeTempDir();
  let now = new Date('2026-03-10T09:00:00Z');
  const logs: Array<{ level: string; message: string }> = [];
  const env: TestEnv = {
    dir,
    logs,
    setNow(iso) {
      now = new Date(iso);
    },
    counter: createCallCounter(),
    now: () => new Date(now.getTime()),
    timeZone: 'Europe/Paris',
    userEmail: 'commercial@utpla.fr',
    hasUi: true,
    uiAnswers: {},
    uiEvents: createUiEvents(),
    state: emptyPersistentState(),
    distDir: path.join(dir, 'dist'),
    outboxDir: path.join(dir, 'outbox'),
    log: (level, message) => logs.push({ level, message }),
    ...overrides,
  };
  fs.mkdirSync(env.distDir, { recursive: true });
  return env;
}
