/** What a job of the dispatcher is given and must return. */
import type { JobDefinition, JobOutcome } from '../../core/scheduler/dispatch';

export interface JobContext {
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** Epoch ms after which the job must checkpoint and return `partial`. */
  readonly deadlineMs: number;
  /** Cursor saved by an interrupted run of the same job, if any. */
  readonly cursor: string | undefined;
}

export interface RegisteredJob {
  readonly definition: JobDefinition;
  run(context: JobContext): JobOutcome;
}
