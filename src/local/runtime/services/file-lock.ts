/**
 * A lock file shared by every process that runs the local runtime on the same workbook (two CLI
 * processes, or the web server and a CLI): created with O_EXCL so that exactly one process holds
 * it, holding the holder's pid, a token and the time. A lock is stale — and may be broken — when
 * its process is dead, when it was abandoned by an execution of this very process, or when it is
 * older than an Apps Script execution may run (6 minutes).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface LockFileContent {
  pid: number;
  host: string;
  token: string;
  acquiredAt: number;
}

/** Tokens of the locks held by live executions of this process (see `isStale`). */
const liveTokens = new Set<string>();

export function registerToken(token: string): void {
  liveTokens.add(token);
}

export function unregisterToken(token: string): void {
  liveTokens.delete(token);
}

function readLock(file: string): LockFileContent | 'unreadable' | 'missing' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'unreadable';
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockFileContent>;
    if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string') return 'unreadable';
    return {
      pid: parsed.pid,
      host: String(parsed.host ?? ''),
      token: parsed.token,
      acquiredAt: Number(parsed.acquiredAt ?? 0),
    };
  } catch {
    return 'unreadable';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Wall-clock time, not the script's clock: tests move `env.now()`, processes do not. */
export function isStale(file: string, staleMs: number): boolean {
  const content = readLock(file);
  if (content === 'missing') return false;
  // A holder may be between creating the file and writing it; give it a moment.
  if (content === 'unreadable') return ageMs(file) > 5_000;
  if (Date.now() - content.acquiredAt > staleMs) return true;
  if (content.host !== os.hostname()) return false;
  if (content.pid === process.pid) return !liveTokens.has(content.token);
  return !processIsAlive(content.pid);
}

/**
 * Removes a stale lock without racing another breaker: the removal happens under a short-lived
 * `.breaker` file, and the lock is re-read under it, so a fresh lock created in between is
 * never deleted.
 */
function breakStale(file: string, staleMs: number): void {
  const breaker = `${file}.breaker`;
  let fd: number;
  try {
    fd = fs.openSync(breaker, 'wx');
  } catch {
    if (ageMs(breaker) > 10_000) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    if (isStale(file, staleMs)) fs.rmSync(file, { force: true });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(breaker, { force: true });
  }
}

/** One attempt to take the lock; true when this call created the lock file. */
export function tryCreateLock(file: string, token: string, staleMs: number): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      const content: LockFileContent = {
        pid: process.pid,
        host: os.hostname(),
        token,
        acquiredAt: Date.now(),
      };
      try {
        fs.writeSync(fd, JSON.stringify(content));
      } finally {
        fs.closeSync(fd);
      }
      return true;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw e;
      if (!isStale(file, staleMs)) return false;
      breakStale(file, staleMs);
    }
  }
  return false;
}

/** Removes the lock file only if it is still ours. */
export function removeLock(file: string, token: string): void {
  const content = readLock(file);
  if (typeof content === 'object' && content.token === token) fs.rmSync(file, { force: true });
}
