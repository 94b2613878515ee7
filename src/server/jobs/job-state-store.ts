/**
 * Where each job's last run, success, failure and cursor are kept between executions: the
 * document's properties (one JSON value), because nobody else reports a failing add-on trigger
 * and the sidebar must be able to show it (DESIGN.md §5).
 */
import type { JobState } from '../../core/scheduler/dispatch';

const KEY = 'crm.jobs.v1';
const LAST_TICK_KEY = 'crm.jobs.lastTick';

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

export function loadJobStates(): Record<string, JobState> {
  const raw = store().getProperty(KEY);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, JobState>)
      : {};
  } catch {
    // A corrupt value must not stop every automation: start afresh, the jobs are idempotent.
    return {};
  }
}

export function saveJobStates(states: Record<string, JobState>): void {
  store().setProperty(KEY, JSON.stringify(states));
}

export function recordTick(iso: string): void {
  store().setProperty(LAST_TICK_KEY, iso);
}

export function lastTick(): string | null {
  return store().getProperty(LAST_TICK_KEY);
}
