/**
 * The job dispatcher's decisions, as pure functions: which jobs are due, in which order, and how
 * a run's outcome updates the job's recorded state. The server runs them within the time budget
 * of one Apps Script execution.
 */
import type { LocalDateTime } from './local-time';
import { currentSlot, type Schedule } from './schedule';

export interface JobDefinition {
  readonly id: string;
  /** French name shown in the sidebar. */
  readonly label: string;
  /** Lower runs first. */
  readonly priority: number;
  readonly schedule: Schedule;
}

/** What the CRM remembers of a job between executions (plain JSON). */
export interface JobState {
  /** Slot of the last completed run. */
  lastSlot?: string;
  lastRunIso?: string;
  lastSuccessIso?: string;
  lastFailureIso?: string;
  lastError?: string;
  lastSummary?: string;
  lastDurationMs?: number;
  /** Slot whose attempts failed, and how many times. */
  failedSlot?: string;
  failures?: number;
  /** Cursor of a run cut by the time budget: the next tick resumes from it. */
  continuation?: string;
}

export type JobOutcome =
  | { readonly status: 'done'; readonly summary: string }
  | { readonly status: 'partial'; readonly summary: string; readonly cursor: string }
  | { readonly status: 'failed'; readonly error: string };

/** A slot that failed this many times waits for the next slot, so a broken job cannot eat the quota. */
export const MAX_ATTEMPTS_PER_SLOT = 3;

export function isJobDue(
  job: JobDefinition,
  state: JobState | undefined,
  now: LocalDateTime,
): boolean {
  if (state?.continuation !== undefined) return true;
  const slot = currentSlot(job.schedule, now);
  if (state?.lastSlot === slot) return false;
  if (state?.failedSlot === slot && (state.failures ?? 0) >= MAX_ATTEMPTS_PER_SLOT) return false;
  return true;
}

/** Due jobs in run order: interrupted runs first, then by priority, then by id for stability. */
export function planDispatch(
  jobs: readonly JobDefinition[],
  states: Readonly<Record<string, JobState>>,
  now: LocalDateTime,
): JobDefinition[] {
  return jobs
    .filter((job) => isJobDue(job, states[job.id], now))
    .sort((a, b) => {
      const ca = states[a.id]?.continuation !== undefined ? 0 : 1;
      const cb = states[b.id]?.continuation !== undefined ? 0 : 1;
      return ca - cb || a.priority - b.priority || a.id.localeCompare(b.id);
    });
}

export function recordOutcome(
  job: JobDefinition,
  previous: JobState | undefined,
  outcome: JobOutcome,
  at: { iso: string; local: LocalDateTime; durationMs: number },
): JobState {
  const slot = currentSlot(job.schedule, at.local);
  const base: JobState = { ...previous, lastRunIso: at.iso, lastDurationMs: at.durationMs };
  switch (outcome.status) {
    case 'done': {
      const next: JobState = {
        ...base,
        lastSlot: slot,
        lastSuccessIso: at.iso,
        lastSummary: outcome.summary,
      };
      delete next.continuation;
      delete next.failedSlot;
      delete next.failures;
      return next;
    }
    case 'partial':
      return { ...base, lastSummary: outcome.summary, continuation: outcome.cursor };
    case 'failed': {
      const failures = previous?.failedSlot === slot ? (previous.failures ?? 0) + 1 : 1;
      return {
        ...base,
        lastFailureIso: at.iso,
        lastError: outcome.error,
        failedSlot: slot,
        failures,
      };
    }
  }
}
