/** The daily rescoring: scores move with time (recency, season, tender deadlines) even untouched. */
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { rescoreIcp } from '../scoring/icp-rescorer';
import type { JobContext } from './job';

export function runIcpScoring(context: JobContext): JobOutcome {
  const report = rescoreIcp(context.spreadsheet);
  return {
    status: 'done',
    summary: `${report.organisations} organisations et ${report.contacts} contacts notés, ${report.changed} scores modifiés.`,
  };
}
