/**
 * LockService as a real lock between processes (developers.google.com/apps-script/reference/
 * lock/lock: one holder at a time, waiters time out with `Lock timeout: …`), and the recovery of
 * locks left by dead processes or older than an execution can last (6 minutes).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createLockService,
  LOCK_TIMEOUT_MESSAGE,
} from '../../src/local/runtime/services/lock-service';
import { makeEnv, makeTempDir } from './services-test-env';

const TSX_CLI = require.resolve('tsx/cli');
const CHILD = path.join(__dirname, 'services-lock-child.ts');

function runChild(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, CHILD, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function writeLock(file: string, content: object): void {
  fs.writeFileSync(file, JSON.stringify(content));
}

describe('LockService across processes', () => {
  it('never lets two processes into the critical section together', async () => {
    const dir = makeTempDir();
    const lockFile = path.join(dir, 'crm.xlsx.lock');
    const out = path.join(dir, 'log.txt');
    const rounds = 12;
    const codes = await Promise.all([
      runChild([lockFile, out, String(rounds), 'A']),
      runChild([lockFile, out, String(rounds), 'B']),
    ]);
    expect(codes).toEqual([0, 0]);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4 * rounds);
    for (let i = 0; i < lines.length; i += 2) {
      const start = lines[i]?.replace(/^start /, '');
      expect(lines[i]).toMatch(/^start /);
      expect(lines[i + 1]).toBe(`end ${start ?? ''}`);
    }
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 60_000);
});

describe('stale lock files', () => {
  it('breaks a lock whose process is dead', () => {
    const lockFilePath = path.join(makeTempDir(), 'crm.xlsx.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const pid = Number(dead.stdout.toString());
    writeLock(lockFilePath, { pid, host: os.hostname(), token: 't', acquiredAt: Date.now() });
    const { LockService, releaseAll } = createLockService(makeEnv(), { lockFilePath });
    expect(LockService.getDocumentLock()?.tryLock(0)).toBe(true);
    releaseAll();
  });

  it('waits for a live holder and breaks its lock once older than 6 minutes', () => {
    const lockFilePath = path.join(makeTempDir(), 'crm.xlsx.lock');
    const holder = { pid: process.ppid, host: os.hostname(), token: 't' };
    writeLock(lockFilePath, { ...holder, acquiredAt: Date.now() });
    const { LockService, releaseAll } = createLockService(makeEnv(), { lockFilePath, pollMs: 5 });
    expect(() => LockService.getDocumentLock()?.waitLock(30)).toThrow(LOCK_TIMEOUT_MESSAGE);
    writeLock(lockFilePath, { ...holder, acquiredAt: Date.now() - 6 * 60_000 - 1000 });
    expect(LockService.getDocumentLock()?.tryLock(0)).toBe(true);
    releaseAll();
  });

  it('breaks a lock this process left behind in an execution that did not end cleanly', () => {
    const lockFilePath = path.join(makeTempDir(), 'crm.xlsx.lock');
    writeLock(lockFilePath, {
      pid: process.pid,
      host: os.hostname(),
      token: 'gone',
      acquiredAt: Date.now(),
    });
    const { LockService, releaseAll } = createLockService(makeEnv(), { lockFilePath });
    expect(LockService.getDocumentLock()?.tryLock(0)).toBe(true);
    releaseAll();
  });
});
