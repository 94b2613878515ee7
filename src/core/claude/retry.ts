/**
 * Claude's retry rules (anthropic.md §5, SUMMARY.md rule 2): 429 with `retry-after`, 408, 409,
 * 5xx and 529 are retried; a 429 without `retry-after` is the account's monthly spend cap and
 * retrying only burns the run; every other 4xx is final. An `x-should-retry` header, when the
 * API sends one, overrides the status, as in the official SDK.
 */
import type { HeaderLookup, RetryPolicy, StatusVerdict } from '../retry/retry-policy';

export function classifyClaudeStatus(status: number, header: HeaderLookup): StatusVerdict {
  if (status >= 200 && status < 300) return 'success';
  if (
    status === 429 &&
    header('retry-after') === undefined &&
    header('retry-after-ms') === undefined
  )
    return 'spend-cap';
  const hint = header('x-should-retry')?.trim().toLowerCase();
  if (hint === 'true') return 'retry';
  if (hint === 'false') return 'stop';
  if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retry';
  return 'stop';
}

/**
 * Two retries, as the SDK does by default. Waits stay short because the user is looking at the
 * sidebar and the whole execution has 6 minutes, each Claude call possibly 60 s of it.
 */
export const CLAUDE_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  maxWaitMs: 30_000,
  maxTotalWaitMs: 45_000,
  retryTransportFailures: true,
  classify: classifyClaudeStatus,
};
