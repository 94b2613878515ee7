/**
 * Blocks the thread for a few milliseconds without spinning, as the local runtime is synchronous
 * like Apps Script (lock polling, an optional real `Utilities.sleep`).
 */
const cell = new Int32Array(new SharedArrayBuffer(4));

export function sleepSync(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(cell, 0, 0, ms);
}
