/**
 * Keeps the in-memory workbook of this process in step with the .xlsx file that every process
 * running the runtime on it shares (the web server, CLI commands, tests).
 *
 * Sheets applies each write to the cells it names, so two executions writing different rows both
 * land. To get the same here, a change is recorded as an operation; saving re-reads the file if
 * another process saved it since, re-applies this execution's own operations on top, and writes.
 * Reads see other processes' saved work whenever this execution takes a lock (LockService calls
 * `refresh` then), which is when the CRM's read-modify-write cycles start.
 */
import * as fs from 'node:fs';
import {
  readWorkbookFileSync,
  Workbook,
  writeWorkbookFileSync,
  type WorkbookData,
} from './spreadsheet';
import { removeLock, tryCreateLock } from './services/file-lock';
import { sleepSync } from './services/support/sleep';

const SAVE_MUTEX_STALE_MS = 60_000;
const SAVE_MUTEX_WAIT_MS = 60_000;

export class WorkbookStore {
  readonly workbook: Workbook;
  private stamp: string;

  private constructor(
    readonly path: string,
    workbook: Workbook,
    private readonly inMemory = false,
  ) {
    this.workbook = workbook;
    this.stamp = inMemory ? 'memory' : fileStamp(path);
  }

  /**
   * A workbook that is never read from or written to disk: for benchmarks and tests that do not
   * test persistence (an .xlsx save costs seconds at 10,000 rows).
   */
  static memory(path: string, data: WorkbookData): WorkbookStore {
    return new WorkbookStore(path, new Workbook(data), true);
  }

  /** Opens the workbook file, or creates it with `create()` when it does not exist. */
  static open(path: string, create: () => WorkbookData): WorkbookStore {
    if (!fs.existsSync(path)) {
      writeWorkbookFileSync(path, create());
    }
    return new WorkbookStore(path, new Workbook(readWorkbookFileSync(path)));
  }

  /** Picks up what other processes saved, keeping this execution's unsaved changes on top. */
  refresh(): void {
    if (this.inMemory) return;
    if (fileStamp(this.path) === this.stamp) return;
    const own = this.workbook.takePendingOperations();
    this.workbook.replace(readWorkbookFileSync(this.path));
    this.workbook.replay(own);
    this.stamp = fileStamp(this.path);
  }

  /** Writes this execution's changes, if any, merged onto the latest saved copy. */
  persist(): void {
    if (!this.workbook.hasPendingOperations()) return;
    if (this.inMemory) {
      this.workbook.takePendingOperations();
      return;
    }
    withFileMutex(`${this.path}.save`, () => {
      this.refresh();
      writeWorkbookFileSync(this.path, this.workbook.data);
      this.workbook.takePendingOperations();
      this.stamp = fileStamp(this.path);
    });
  }
}

function fileStamp(path: string): string {
  try {
    const stat = fs.statSync(path);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  } catch {
    return 'missing';
  }
}

function withFileMutex<T>(name: string, work: () => T): T {
  const file = `${name}.lock`;
  const token = `${process.pid}-${Date.now()}-${Math.random()}`;
  const deadline = Date.now() + SAVE_MUTEX_WAIT_MS;
  while (!tryCreateLock(file, token, SAVE_MUTEX_STALE_MS)) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${file}`);
    sleepSync(10);
  }
  try {
    return work();
  } finally {
    removeLock(file, token);
  }
}
