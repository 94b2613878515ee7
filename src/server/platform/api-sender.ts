/**
 * The sending half every API client shares (DESIGN.md §6): requests go out through UrlFetchApp,
 * several at once with `fetchAll`, always with `muteHttpExceptions` so a status is read rather
 * than a localized exception; each answer is judged by the API's pure retry policy
 * (src/core/retry), and the requests that may succeed later are sent again after the policy's
 * wait. What a status or a body *means* stays with each client.
 *
 * Collaborators are injected — UrlFetchApp, Utilities.sleep, Math.random, the clock — so contract
 * tests replay recorded responses without Apps Script. Nothing here logs a URL or a header: keys
 * travel in headers, and some webhook URLs are secrets themselves.
 */
import {
  decideRetry,
  headerLookup,
  type HeaderLookup,
  type HttpOutcome,
  type RetryPolicy,
  type StopReason,
} from '../../core/retry/retry-policy';

/** What a client needs of an HTTP response (UrlFetchApp's HTTPResponse fits). */
export interface ApiResponse {
  getResponseCode(): number;
  getContentText(): string;
  getHeaders(): object;
}

/** The part of UrlFetchApp the clients use. Without `fetchAll`, requests go one by one. */
export interface ApiTransport {
  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): ApiResponse;
  fetchAll?(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]): ApiResponse[];
}

export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly header: HeaderLookup;
}

export type SendOutcome =
  | { readonly ok: true; readonly raw: RawResponse }
  /** `raw` null: no answer at all after the retries (timeout, DNS, reset). */
  | {
      readonly ok: false;
      readonly raw: RawResponse | null;
      readonly stop: { readonly reason: StopReason; readonly waitMs?: number };
    };

export interface SenderDeps {
  readonly transport: ApiTransport;
  /** Utilities.sleep in Apps Script; a recorder in tests. */
  readonly sleep: (ms: number) => void;
  /** Math.random in Apps Script: the backoff's jitter. */
  readonly random: () => number;
  /** Epoch ms, to read a `Retry-After` given as a date. */
  readonly now?: () => number;
  readonly log: (line: string) => void;
}

export interface SendOptions {
  /** The API's name in log lines (« Apollo », « BOAMP »). */
  readonly service: string;
  readonly policy: RetryPolicy;
  /** Thrown when Google's daily UrlFetch quota is spent: nothing more can be sent today. */
  readonly quotaError: () => Error;
  /** Words added to a retry's log line, e.g. the API's request id. */
  readonly describe?: (raw: RawResponse) => string;
}

/**
 * Sends the requests together and answers in the same order. One retry count and one total
 * wait cover the whole batch: the requests of a batch share a rate limit, and the run shares one
 * six-minute budget.
 */
export function sendRequests(
  requests: readonly GoogleAppsScript.URL_Fetch.URLFetchRequest[],
  deps: SenderDeps,
  options: SendOptions,
): SendOutcome[] {
  const answers = new Array<SendOutcome | undefined>(requests.length);
  let pending = requests.map((_, i) => i);
  let retriesDone = 0;
  let sleptMs = 0;
  while (pending.length > 0) {
    const attempts = attempt(
      pending.map((i) => requests[i] as GoogleAppsScript.URL_Fetch.URLFetchRequest),
      deps,
      options,
    );
    const again: number[] = [];
    let waitMs = 0;
    let what = '';
    let said = '';
    pending.forEach((index, k) => {
      const { outcome, raw } = attempts[k] as { outcome: HttpOutcome; raw: RawResponse | null };
      const decision = decideRetry(outcome, options.policy, {
        retriesDone,
        sleptMs,
        jitter: deps.random(),
        ...(deps.now ? { nowMs: deps.now() } : {}),
      });
      if (decision.retry) {
        again.push(index);
        waitMs = Math.max(waitMs, decision.delayMs);
        what = raw ? `HTTP ${raw.status}` : 'pas de réponse';
        said = raw && options.describe ? options.describe(raw) : '';
        return;
      }
      answers[index] =
        decision.reason === 'success' && raw
          ? { ok: true, raw }
          : {
              ok: false,
              raw,
              stop:
                decision.waitMs === undefined
                  ? { reason: decision.reason }
                  : { reason: decision.reason, waitMs: decision.waitMs },
            };
    });
    if (again.length > 0) {
      const count = again.length > 1 ? ` (${again.length} requêtes)` : '';
      deps.log(`${options.service} : ${what}${count}, nouvel essai dans ${waitMs} ms${said}.`);
      deps.sleep(waitMs);
      sleptMs += waitMs;
      retriesDone += 1;
    }
    pending = again;
  }
  return answers as SendOutcome[];
}

function attempt(
  requests: readonly GoogleAppsScript.URL_Fetch.URLFetchRequest[],
  deps: SenderDeps,
  options: SendOptions,
): Array<{ outcome: HttpOutcome; raw: RawResponse | null }> {
  const muted = requests.map((r) => ({ ...r, muteHttpExceptions: true }));
  let responses: ApiResponse[];
  try {
    if (muted.length === 1 || !deps.transport.fetchAll) {
      responses = muted.map(({ url, ...params }) => deps.transport.fetch(url, params));
    } else {
      responses = deps.transport.fetchAll(muted);
    }
  } catch (error) {
    if (isUrlFetchQuota(error)) throw options.quotaError();
    // fetchAll loses the whole batch on one transport failure (urlfetchapp.md §3).
    return requests.map(() => ({ outcome: { kind: 'transport' }, raw: null }));
  }
  return responses.map((response) => {
    const header = headerLookup(response.getHeaders() as Record<string, unknown>);
    const raw = { status: response.getResponseCode(), text: response.getContentText(), header };
    return { outcome: { kind: 'response', status: raw.status, header }, raw };
  });
}

/**
 * UrlFetchApp's daily quota throws "Service invoked too many times for one day: urlfetch." in
 * the user's language; the `urlfetch` token is the part that does not get translated.
 */
export function isUrlFetchQuota(error: unknown): boolean {
  // Exceptions may come from another realm (the local runtime), where instanceof Error fails.
  const message = (error as { message?: unknown } | null)?.message;
  return /\burlfetch\b/i.test(typeof message === 'string' ? message : String(error));
}
