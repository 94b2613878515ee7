/**
 * The one client of Hunter.io (shared/apis/hunter.md): the Email Verifier and the Email Finder.
 * It sends, retries and paces; what the answers mean is decided in src/core/enrichment. Its
 * collaborators are injected, so the contract tests drive it without Apps Script.
 *
 * Hunter reads statuses its own way: 403 is the rate limit (retried), 429 the monthly credits
 * (never retried), 202 a verification still running (asked again a few times, then left
 * « pending » for a later run), 222 a mail server that answered oddly (pending at once). The key
 * travels in the `X-API-KEY` header — in the query it would end up in UrlFetchApp's error texts —
 * and no log line carries it.
 *
 * Several addresses go out together with `fetchAll`, ten at a time with a second between groups:
 * the verifier allows 10 requests a second and 300 a minute.
 */
import { CrmError } from '../../core/errors';
import {
  HUNTER_API_BASE,
  HUNTER_RETRY_POLICY,
  describeHunterFailure,
  describeTransportFailure,
  describeUnreadable,
  describeUrlFetchQuota,
  finderPath,
  isHunterPending,
  readFinder,
  readVerification,
  verifierPath,
  type FinderQuery,
  type FoundEmail,
  type ServiceFailure,
  type Verification,
} from '../../core/enrichment';
import { sendRequests, type ApiTransport, type SendOutcome } from '../platform/api-sender';

export interface HunterClientDeps {
  readonly apiKey: string;
  readonly transport: ApiTransport;
  readonly sleep: (ms: number) => void;
  readonly random: () => number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

export type VerifyResult =
  | { readonly kind: 'verified'; readonly verification: Verification }
  /** 202 still running or 222: to verify again later; nothing billed yet. */
  | { readonly kind: 'pending' }
  /** Hunter refused this address (400, 451…): not the run's fault. */
  | { readonly kind: 'refused'; readonly message: string }
  /** Not asked: the run stopped first. */
  | { readonly kind: 'not-sent' };

export type FindResult =
  | { readonly kind: 'found'; readonly found: FoundEmail }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'not-sent' };

export interface HunterBatch<T> {
  readonly results: readonly T[];
  /** Why the batch stopped before the end; the answers before it are in `results`. */
  readonly stopped: ServiceFailure | null;
  readonly requests: number;
}

export interface HunterClient {
  verifyEmails(emails: readonly string[]): HunterBatch<VerifyResult>;
  findEmails(queries: readonly FinderQuery[]): HunterBatch<FindResult>;
  /** One address; a failure is thrown as a CrmError. */
  verifyEmail(email: string): VerifyResult;
}

/** Requests per `fetchAll` and the pause between two groups: 10 a second. */
const GROUP = 10;
const GROUP_PAUSE_MS = 1_000;

export function createHunterClient(deps: HunterClientDeps): HunterClient {
  const log = deps.log ?? ((line: string) => console.warn(line));

  const fail = (failure: ServiceFailure): CrmError => {
    log(`Hunter : ${failure.code} — ${failure.message}`);
    return new CrmError(failure.code, failure.message);
  };

  const request = (path: string): GoogleAppsScript.URL_Fetch.URLFetchRequest => ({
    url: HUNTER_API_BASE + path,
    method: 'get',
    headers: { 'X-API-KEY': deps.apiKey, Accept: 'application/json' },
    muteHttpExceptions: true,
  });

  /** Sends paths in groups; `read` turns each answer into a result, or a failure. */
  const run = <T>(
    paths: readonly string[],
    read: (outcome: SendOutcome, index: number) => T | ServiceFailure,
    notSent: T,
  ): HunterBatch<T> => {
    const results: T[] = paths.map(() => notSent);
    let stopped: ServiceFailure | null = null;
    let requests = 0;
    let groupStartedMs: number | null = null;
    for (let start = 0; start < paths.length && stopped === null; start += GROUP) {
      // A second from the start of the previous group: the time its answers took counts.
      if (groupStartedMs !== null) {
        const elapsed = deps.now ? deps.now() - groupStartedMs : 0;
        const wait = GROUP_PAUSE_MS - Math.max(0, elapsed);
        if (wait > 0) deps.sleep(wait);
      }
      groupStartedMs = deps.now ? deps.now() : 0;
      const group = paths.slice(start, start + GROUP);
      requests += group.length;
      let outcomes: SendOutcome[];
      try {
        outcomes = sendRequests(
          group.map(request),
          { ...deps, log },
          {
            service: 'Hunter',
            policy: HUNTER_RETRY_POLICY,
            quotaError: () => fail(describeUrlFetchQuota()),
          },
        );
      } catch {
        stopped = describeUrlFetchQuota();
        break;
      }
      outcomes.forEach((outcome, k) => {
        const result = read(outcome, start + k);
        if (isFailure(result)) {
          if (result.fatal) {
            log(`Hunter : ${result.code} — ${result.message}`);
            stopped ??= result;
          } else {
            log(`Hunter : ${result.message}`);
          }
          return;
        }
        results[start + k] = result;
      });
    }
    return { results, stopped, requests };
  };

  const readVerify =
    (emails: readonly string[]) =>
    (outcome: SendOutcome, index: number): VerifyResult | ServiceFailure => {
      if (!outcome.ok) {
        if (!outcome.raw) return describeTransportFailure('Hunter');
        if (isHunterPending(outcome.raw.status)) return { kind: 'pending' };
        const failure = describeHunterFailure(outcome.raw.status, outcome.raw.text, outcome.stop);
        return failure.fatal ? failure : { kind: 'refused', message: failure.message };
      }
      const reading = readVerification(outcome.raw.text, emails[index] ?? '');
      if (!reading.ok) return describeUnreadable('Hunter', reading.problem);
      return { kind: 'verified', verification: reading.value };
    };

  const verifyEmails = (emails: readonly string[]) =>
    run<VerifyResult>(emails.map(verifierPath), readVerify(emails), { kind: 'not-sent' });

  return {
    verifyEmails,

    findEmails(queries) {
      return run<FindResult>(
        queries.map(finderPath),
        (outcome) => {
          if (!outcome.ok) {
            if (!outcome.raw) return describeTransportFailure('Hunter');
            // "Not found" may be a 404 as well as a 200 with `email: null` (hunter.md §3).
            if (outcome.raw.status === 404) return { kind: 'none' };
            const failure = describeHunterFailure(
              outcome.raw.status,
              outcome.raw.text,
              outcome.stop,
            );
            return failure.fatal ? failure : { kind: 'refused', message: failure.message };
          }
          const reading = readFinder(outcome.raw.text);
          if (!reading.ok) return describeUnreadable('Hunter', reading.problem);
          return reading.value ? { kind: 'found', found: reading.value } : { kind: 'none' };
        },
        { kind: 'not-sent' },
      );
    },

    verifyEmail(email) {
      const batch = verifyEmails([email]);
      // Already logged by `run`.
      if (batch.stopped) throw new CrmError(batch.stopped.code, batch.stopped.message);
      return batch.results[0] ?? { kind: 'not-sent' };
    },
  };
}

function isFailure(value: unknown): value is ServiceFailure {
  return typeof value === 'object' && value !== null && 'fatal' in value && 'code' in value;
}
