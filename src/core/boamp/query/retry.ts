/**
 * BOAMP's retry rules (shared/apis/SUMMARY.md, boamp.md §1.3): the API is anonymous and read
 * only, so a 429 (Opendatasoft's quota), a 408 and any 5xx are retried, honouring `Retry-After`;
 * every other 4xx is final — a 400 is a query the API refuses, and sending it again changes
 * nothing. Transport failures (timeout, reset) are retried too: a GET is safe to repeat.
 */
import type { HeaderLookup, RetryPolicy, StatusVerdict } from '../../retry/retry-policy';

export function classifyBoampStatus(status: number, _header: HeaderLookup): StatusVerdict {
  if (status >= 200 && status < 300) return 'success';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'stop';
}

/**
 * Three retries from 2 s: the watch runs from a trigger with nobody waiting, but within the
 * 6-minute execution that also holds the sheet writes. A quota reset further than a minute away
 * is not waited for: the next hourly run picks the watch up again.
 */
export const BOAMP_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 16_000,
  maxWaitMs: 60_000,
  maxTotalWaitMs: 90_000,
  retryTransportFailures: true,
  classify: classifyBoampStatus,
};
