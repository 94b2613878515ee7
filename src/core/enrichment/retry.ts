/**
 * How Apollo's and Hunter's statuses are read (SUMMARY.md rule 2: the tables differ).
 *
 * Apollo: 429 and 5xx are retried, honouring `retry-after`; a 429 once the hourly or daily
 * window is spent (`x-hourly-requests-left` / `x-24-hour-requests-left` at 0) is not, since only
 * the next window helps: the run stops and resumes later. Every other 4xx is final.
 *
 * Hunter: 403 is its rate limit (retried after a pause), 429 is its *credit* exhaustion (never
 * retried: only a new month or a bigger plan helps, so it maps to 'spend-cap'), 202 means the
 * verification is still running (asked again, as the API says), 222 means the mail server
 * answered oddly (final for now: the address stays unverified and a later run asks again).
 */
import type { HeaderLookup, RetryPolicy, StatusVerdict } from '../retry/retry-policy';

export function classifyApolloStatus(status: number, header: HeaderLookup): StatusVerdict {
  if (status >= 200 && status < 300) return 'success';
  if (status === 429) {
    const spent = (name: string) => header(name)?.trim() === '0';
    if (
      header('retry-after') === undefined &&
      (spent('x-hourly-requests-left') || spent('x-24-hour-requests-left'))
    )
      return 'stop';
    return 'retry';
  }
  if (status >= 500) return 'retry';
  return 'stop';
}

/** Three retries from 2 s; a wait up to a minute (Apollo's per-minute window) is worth it. */
export const APOLLO_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 16_000,
  maxWaitMs: 60_000,
  maxTotalWaitMs: 90_000,
  retryTransportFailures: true,
  classify: classifyApolloStatus,
};

export function classifyHunterStatus(status: number, _header: HeaderLookup): StatusVerdict {
  if (status === 202) return 'retry';
  if (status === 222) return 'stop';
  if (status >= 200 && status < 300) return 'success';
  if (status === 403 || status >= 500) return 'retry';
  if (status === 429) return 'spend-cap';
  return 'stop';
}

/**
 * From 2 s, doubling: Hunter asks for at least a second after a 403, and a 202 verification
 * usually finishes within seconds. A verification still running after three tries is left for a
 * later run rather than holding the execution.
 */
export const HUNTER_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 2_000,
  maxDelayMs: 12_000,
  maxWaitMs: 30_000,
  maxTotalWaitMs: 45_000,
  retryTransportFailures: true,
  classify: classifyHunterStatus,
};

/** Hunter statuses that are not an answer yet: the address is to be verified again later. */
export function isHunterPending(status: number): boolean {
  return status === 202 || status === 222;
}
