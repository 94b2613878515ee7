/** The daily BOAMP watch as a job of the hourly dispatcher (DESIGN.md §5). */
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { runBoampWatch } from '../boamp/tender-watch';
import type { JobContext } from './job';

export function runBoampWatchJob(context: JobContext): JobOutcome {
  return runBoampWatch(context.spreadsheet, { deadlineMs: context.deadlineMs });
}
