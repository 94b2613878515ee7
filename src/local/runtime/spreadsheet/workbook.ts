/**
 * The workbook of one process: its data plus the log of operations applied since it was last
 * persisted. The runtime's store (workbook-store.ts) uses the log to merge: when another process
 * saved the file meanwhile, it `replace`s the data with the newer copy and `replay`s this
 * execution's own operations on top, so two executions writing different cells both land.
 */
import { applyOperation, type Operation } from './operations';
import type { WorkbookData } from './workbook-data';

export interface ReplayReport {
  applied: number;
  /** Operations that could not apply to the newer copy (their sheet is gone, a name is taken). */
  skipped: Array<{ operation: Operation; reason: string }>;
}

export class Workbook {
  private current: WorkbookData;
  private pending: Operation[] = [];

  constructor(data: WorkbookData) {
    this.current = data;
  }

  get data(): WorkbookData {
    return this.current;
  }

  /** Applies an operation and records it for the next save. Throws when it cannot apply. */
  apply(operation: Operation): void {
    applyOperation(this.current, operation);
    this.pending.push(operation);
  }

  hasPendingOperations(): boolean {
    return this.pending.length > 0;
  }

  /** The operations applied since the last call, oldest first; the log is emptied. */
  takePendingOperations(): Operation[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** Swaps in another copy (e.g. re-read from disk); pending operations are kept as they are. */
  replace(data: WorkbookData): void {
    this.current = data;
  }

  /**
   * Re-applies operations (normally this execution's own, taken before `replace`) and records
   * them again as pending. One that no longer applies is skipped, not fatal: the newer copy wins
   * for it, as in Sheets when a write targets a sheet another user deleted.
   */
  replay(operations: readonly Operation[]): ReplayReport {
    const report: ReplayReport = { applied: 0, skipped: [] };
    for (const operation of operations) {
      try {
        this.apply(operation);
        report.applied++;
      } catch (error) {
        report.skipped.push({
          operation,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return report;
  }
}
