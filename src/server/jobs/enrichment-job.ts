/**
 * The bulk enrichment as a job of the hourly dispatcher: it only continues a run started from a
 * menu (its continuation makes it due at every tick); on its daily slot with no run in progress
 * it does nothing, so no credit is ever spent unattended.
 */
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { runBulkEnrichment } from '../enrichment/bulk-enrichment';
import type { JobContext } from './job';

export function runEnrichmentJob(context: JobContext): JobOutcome {
  return runBulkEnrichment(context.spreadsheet, context.deadlineMs);
}
