/**
 * Whether to try an HTTP call again and how long to wait first (DESIGN.md §6): a pure decision
 * from what came back and what was already tried. The adapter only sleeps, so the policy is
 * tested without a network or a clock. Each API brings its own reading of the statuses because
 * they disagree (shared/apis/SUMMARY.md): Claude's 429 without `retry-after` is the spend cap,
 * Hunter's 429 means no credits left and its 403 is the rate limit.
 */

/** A response header by name, whatever its case on the wire (urlfetchapp.md §2). */
export type HeaderLookup = (name: string) => string | undefined;

export type HttpOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly header: HeaderLookup }
  /** No answer at all: timeout, DNS, connection reset. */
  | { readonly kind: 'transport' };

/** What one API says a status means. */
export type StatusVerdict = 'success' | 'retry' | 'stop' | 'spend-cap';

export type StopReason =
  | 'success'
  | 'not-retryable'
  | 'spend-cap'
  | 'attempts-exhausted'
  /** The server asked for a wait longer than the run can afford. */
  | 'wait-too-long';

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly basis: 'retry-after' | 'backoff' }
  | { readonly retry: false; readonly reason: StopReason; readonly waitMs?: number };

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A single wait longer than this is not worth holding the run for: the user retries later. */
  readonly maxWaitMs: number;
  /** All waits of one call together, so that retries cannot eat the 6-minute execution. */
  readonly maxTotalWaitMs: number;
  readonly retryTransportFailures: boolean;
  readonly classify: (status: number, header: HeaderLookup) => StatusVerdict;
}

export interface RetryContext {
  /** Retries already made for this call (0 after the first attempt). */
  readonly retriesDone: number;
  /** Milliseconds already slept for this call. */
  readonly sleptMs: number;
  /**
   * A number in [0, 1) drawn by the caller: spreading the retries of many clients is what stops
   * them hammering an overloaded API in step. Core stays deterministic by taking it as input.
   */
  readonly jitter: number;
  /** Only needed to read a `retry-after` given as an HTTP date. */
  readonly nowMs?: number;
}

export function decideRetry(
  outcome: HttpOutcome,
  policy: RetryPolicy,
  context: RetryContext,
): RetryDecision {
  let serverWaitMs: number | undefined;
  if (outcome.kind === 'response') {
    const verdict = policy.classify(outcome.status, outcome.header);
    if (verdict === 'success') return { retry: false, reason: 'success' };
    if (verdict === 'stop') return { retry: false, reason: 'not-retryable' };
    if (verdict === 'spend-cap') return { retry: false, reason: 'spend-cap' };
    serverWaitMs = retryAfterMs(outcome.header, context.nowMs);
  } else if (!policy.retryTransportFailures) {
    return { retry: false, reason: 'not-retryable' };
  }
  if (serverWaitMs !== undefined && serverWaitMs > policy.maxWaitMs) {
    return { retry: false, reason: 'wait-too-long', waitMs: serverWaitMs };
  }
  if (context.retriesDone >= policy.maxRetries) {
    return serverWaitMs === undefined
      ? { retry: false, reason: 'attempts-exhausted' }
      : { retry: false, reason: 'attempts-exhausted', waitMs: serverWaitMs };
  }
  const delayMs = serverWaitMs ?? backoffMs(context.retriesDone, policy, context.jitter);
  if (context.sleptMs + delayMs > policy.maxTotalWaitMs) {
    return { retry: false, reason: 'wait-too-long', waitMs: delayMs };
  }
  return { retry: true, delayMs, basis: serverWaitMs === undefined ? 'backoff' : 'retry-after' };
}

/**
 * Exponential backoff, capped, shortened by up to a quarter at random: the rule of the official
 * Anthropic SDK (anthropic.md §5), which suits the other APIs too.
 */
export function backoffMs(retriesDone: number, policy: RetryPolicy, jitter: number): number {
  const exponential = Math.min(policy.baseDelayMs * 2 ** retriesDone, policy.maxDelayMs);
  const spread = 1 - 0.25 * Math.min(Math.max(jitter, 0), 1);
  return Math.round(exponential * spread);
}

/**
 * The server's requested wait: `retry-after-ms` (Anthropic), `retry-after` in seconds, or an HTTP
 * date when the caller gives the clock. Undefined when absent or unreadable.
 */
export function retryAfterMs(header: HeaderLookup, nowMs?: number): number | undefined {
  const ms = parseNumber(header('retry-after-ms'));
  if (ms !== undefined) return Math.ceil(ms);
  const raw = header('retry-after')?.trim();
  if (raw === undefined || raw === '') return undefined;
  const seconds = parseNumber(raw);
  if (seconds !== undefined) return Math.ceil(seconds * 1000);
  // An HTTP date names its day and month; a bare "-4" would parse as the year -4.
  if (nowMs === undefined || !/[a-z]/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Headers as the HTTP adapter's `getHeaders()` gives them, looked up without regard to case. */
export function headerLookup(headers: Readonly<Record<string, unknown>>): HeaderLookup {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    if (text !== undefined && text !== null) byName.set(name.toLowerCase(), String(text));
  }
  return (name) => byName.get(name.toLowerCase());
}

function parseNumber(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}
