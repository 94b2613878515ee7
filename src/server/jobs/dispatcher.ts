/**
 * The handler of the single hourly trigger (DESIGN.md §5): asks core which jobs are due, runs them
 * in order while the time budget lasts, and records each outcome. A job that throws is recorded as
 * failed (and journaled) without stopping the others.
 */
import { planDispatch, recordOutcome, type JobOutcome } from '../../core/scheduler/dispatch';
import type { DispatchReport } from '../api/contract';
import { appendJournal, type JournalEntry } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readSettings } from '../settings/settings-reader';
import { loadJobStates, recordTick, saveJobStates } from './job-state-store';
import { buildJobRegistry } from './registry';

/** Apps Script stops an execution at 6 minutes; stop starting work well before. */
export const DISPATCH_BUDGET_MS = 270_000;
/** A job is not started with less than this left. */
const MIN_START_MARGIN_MS = 30_000;

export function dispatchJobs(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  startedAtMs: number = now().getTime(),
): DispatchReport {
  const deadlineMs = startedAtMs + DISPATCH_BUDGET_MS;
  const jobs = buildJobRegistry(readSettings(spreadsheet));
  const states = loadJobStates();
  const due = planDispatch(
    jobs.map((j) => j.definition),
    states,
    toLocalDateTime(new Date(startedAtMs)),
  );
  const ran: Array<{ id: string; label: string; status: string; message: string }> = [];
  const postponed: string[] = [];
  const journal: JournalEntry[] = [];
  for (const definition of due) {
    const job = jobs.find((j) => j.definition.id === definition.id);
    if (!job) continue;
    const startMs = now().getTime();
    if (deadlineMs - startMs < MIN_START_MARGIN_MS) {
      postponed.push(definition.label);
      continue;
    }
    const outcome = runSafely(() =>
      job.run({ spreadsheet, deadlineMs, cursor: states[definition.id]?.continuation }),
    );
    const end = now();
    states[definition.id] = recordOutcome(definition, states[definition.id], outcome, {
      iso: end.toISOString(),
      local: toLocalDateTime(end),
      durationMs: end.getTime() - startMs,
    });
    // Saved after each job, so a run killed by the 6-minute limit keeps what it finished.
    saveJobStates(states);
    const message = outcome.status === 'failed' ? outcome.error : outcome.summary;
    ran.push({ id: definition.id, label: definition.label, status: outcome.status, message });
    if (outcome.status === 'failed') {
      journal.push({
        at: end,
        user: currentUserEmail(),
        action: 'Échec automatisation',
        detail: `${definition.label} : ${message}`,
      });
    }
  }
  recordTick(now().toISOString());
  if (journal.length > 0) withDocumentLock(() => appendJournal(spreadsheet, journal));
  return { ran, postponed };
}

function runSafely(run: () => JobOutcome): JobOutcome {
  try {
    return run();
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
