/**
 * The pure retry policy (src/core/retry/retry-policy.ts) and Claude's reading of statuses
 * (anthropic.md §5): what is retried, after how long, and when to stop.
 */
import fc from 'fast-check';
import { CLAUDE_RETRY_POLICY, classifyClaudeStatus } from '../../src/core/claude/retry';
import {
  backoffMs,
  decideRetry,
  headerLookup,
  retryAfterMs,
  type HttpOutcome,
  type RetryPolicy,
} from '../../src/core/retry/retry-policy';

const response = (status: number, headers: Record<string, string> = {}): HttpOutcome => ({
  kind: 'response',
  status,
  header: headerLookup(headers),
});

const first = { retriesDone: 0, sleptMs: 0, jitter: 0 };

describe('classifyClaudeStatus', () => {
  const classify = (status: number, headers: Record<string, string> = {}) =>
    classifyClaudeStatus(status, headerLookup(headers));

  it('retries 429 with retry-after, 408, 409, 500, 504 and 529', () => {
    expect(classify(429, { 'retry-after': '3' })).toBe('retry');
    expect(classify(429, { 'retry-after-ms': '1500' })).toBe('retry');
    for (const status of [408, 409, 500, 502, 503, 504, 529])
      expect(classify(status)).toBe('retry');
  });

  it('reads a 429 without retry-after as the spend cap', () => {
    expect(classify(429)).toBe('spend-cap');
    // The hint header does not turn the spend cap into a retry.
    expect(classify(429, { 'x-should-retry': 'true' })).toBe('spend-cap');
  });

  it('never retries the other 4xx', () => {
    for (const status of [400, 401, 402, 403, 404, 413, 422]) expect(classify(status)).toBe('stop');
  });

  it('lets x-should-retry override the status, whatever its case', () => {
    expect(classify(400, { 'X-Should-Retry': 'true' })).toBe('retry');
    expect(classify(529, { 'x-should-retry': 'false' })).toBe('stop');
  });

  it('calls every 2xx a success', () => {
    expect(classify(200)).toBe('success');
    expect(classify(201)).toBe('success');
  });
});

describe('decideRetry with Claude’s policy', () => {
  it('stops at once on success, a final 4xx or the spend cap', () => {
    expect(decideRetry(response(200), CLAUDE_RETRY_POLICY, first)).toEqual({
      retry: false,
      reason: 'success',
    });
    expect(decideRetry(response(401), CLAUDE_RETRY_POLICY, first)).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
    expect(decideRetry(response(429), CLAUDE_RETRY_POLICY, first)).toEqual({
      retry: false,
      reason: 'spend-cap',
    });
  });

  it('waits what retry-after asks, in seconds or milliseconds', () => {
    expect(decideRetry(response(429, { 'Retry-After': '7' }), CLAUDE_RETRY_POLICY, first)).toEqual({
      retry: true,
      delayMs: 7000,
      basis: 'retry-after',
    });
    expect(
      decideRetry(response(529, { 'retry-after-ms': '1250' }), CLAUDE_RETRY_POLICY, first),
    ).toEqual({ retry: true, delayMs: 1250, basis: 'retry-after' });
  });

  it('backs off exponentially without retry-after, shortened by the jitter', () => {
    const delays = [0, 1, 2].map((retriesDone) => {
      const d = decideRetry(
        response(529),
        { ...CLAUDE_RETRY_POLICY, maxRetries: 5 },
        {
          retriesDone,
          sleptMs: 0,
          jitter: 0,
        },
      );
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([1000, 2000, 4000]);
    const jittered = decideRetry(response(500), CLAUDE_RETRY_POLICY, { ...first, jitter: 0.999 });
    expect(jittered).toEqual({ retry: true, delayMs: 750, basis: 'backoff' });
  });

  it('retries a transport failure (timeout, reset) like a 5xx', () => {
    expect(decideRetry({ kind: 'transport' }, CLAUDE_RETRY_POLICY, first)).toEqual({
      retry: true,
      delayMs: 1000,
      basis: 'backoff',
    });
  });

  it('gives up after the last retry', () => {
    const done = { retriesDone: CLAUDE_RETRY_POLICY.maxRetries, sleptMs: 3000, jitter: 0 };
    expect(decideRetry(response(529), CLAUDE_RETRY_POLICY, done)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
    expect(decideRetry(response(429, { 'retry-after': '5' }), CLAUDE_RETRY_POLICY, done)).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
      waitMs: 5000,
    });
  });

  it('does not hold the run for a wait longer than it can afford', () => {
    expect(
      decideRetry(response(429, { 'retry-after': '600' }), CLAUDE_RETRY_POLICY, first),
    ).toEqual({ retry: false, reason: 'wait-too-long', waitMs: 600_000 });
    const tired = { retriesDone: 1, sleptMs: CLAUDE_RETRY_POLICY.maxTotalWaitMs - 100, jitter: 0 };
    expect(decideRetry(response(500), CLAUDE_RETRY_POLICY, tired)).toEqual({
      retry: false,
      reason: 'wait-too-long',
      waitMs: 2000,
    });
  });

  it('keeps every decision within the policy’s bounds', () => {
    const policy: RetryPolicy = CLAUDE_RETRY_POLICY;
    fc.assert(
      fc.property(
        fc.constantFrom(200, 400, 401, 404, 408, 409, 429, 500, 503, 529),
        fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (status, retryAfter, retriesDone, sleptMs, jitter) => {
          const headers: Record<string, string> =
            retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
          const decision = decideRetry(response(status, headers), policy, {
            retriesDone,
            sleptMs,
            jitter,
          });
          if (!decision.retry) return true;
          return (
            retriesDone < policy.maxRetries &&
            decision.delayMs >= 0 &&
            decision.delayMs <= policy.maxWaitMs &&
            sleptMs + decision.delayMs <= policy.maxTotalWaitMs &&
            status !== 200 &&
            ![400, 401, 404].includes(status) &&
            !(status === 429 && retryAfter === undefined)
          );
        },
      ),
    );
  });
});

describe('retry-after and headers', () => {
  it('reads seconds, milliseconds and HTTP dates, and ignores garbage', () => {
    expect(retryAfterMs(headerLookup({ 'retry-after': '2.5' }))).toBe(2500);
    expect(retryAfterMs(headerLookup({ 'retry-after-ms': '300', 'retry-after': '9' }))).toBe(300);
    const now = Date.parse('2026-11-28T10:00:00Z');
    expect(
      retryAfterMs(headerLookup({ 'retry-after': 'Sat, 28 Nov 2026 10:00:30 GMT' }), now),
    ).toBe(30_000);
    expect(retryAfterMs(headerLookup({ 'retry-after': 'Sat, 28 Nov 2026 10:00:30 GMT' }))).toBe(
      undefined,
    );
    expect(retryAfterMs(headerLookup({ 'retry-after': 'soon' }), now)).toBe(undefined);
    expect(retryAfterMs(headerLookup({ 'retry-after': '-4' }), now)).toBe(undefined);
    expect(retryAfterMs(headerLookup({}))).toBe(undefined);
  });

  it('looks headers up without regard to case, the last of repeated values winning', () => {
    const header = headerLookup({ 'Retry-After': '3', 'X-Multi': ['a', 'b'] });
    expect(header('retry-after')).toBe('3');
    expect(header('x-multi')).toBe('b');
    expect(header('absent')).toBe(undefined);
  });

  it('caps the exponential backoff', () => {
    expect(backoffMs(10, CLAUDE_RETRY_POLICY, 0)).toBe(CLAUDE_RETRY_POLICY.maxDelayMs);
  });
});
