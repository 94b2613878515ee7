/**
 * Every write to the sheet happens under the document lock (DESIGN.md §7). Pending writes are
 * flushed before the lock is released so that the next holder reads committed data.
 */
const LOCK_WAIT_MS = 30_000;

export function withDocumentLock<T>(work: () => T): T {
  // The document lock is null outside a document context (e.g. a standalone test project).
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  lock.waitLock(LOCK_WAIT_MS);
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
