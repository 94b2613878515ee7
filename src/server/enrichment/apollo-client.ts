/**
 * The one client of Apollo.io (shared/apis/apollo.md). It sends, retries and paces; what to ask
 * and what an answer means are decided in src/core/enrichment. Its collaborators are injected —
 * UrlFetchApp, Utilities.sleep, Math.random — so the contract tests drive it without Apps Script.
 *
 * - `matchPerson(details)` → the person or null (`POST /people/match`);
 * - `bulkMatch(details)` → one result per detail: `bulk_match` calls of 10 people, several per
 *   `fetchAll`, paced by the `x-minute-requests-left` Apollo sends with every answer;
 * - `enrichOrganisation(domain)` → the organisation or null (`GET /organizations/enrich`);
 * - `searchPeople(domain, titles)` → candidates, no e-mails, no credits (`POST
 *   /mixed_people/api_search`).
 *
 * The key travels in the `x-api-key` header only (a Bearer header is refused by Apollo), and no
 * log line carries it. Failures are CrmErrors with a French message: CONFIG (key refused, endpoint
 * not granted), QUOTA (rate windows, credits, Google's UrlFetch quota), HTTP_4XX, HTTP_5XX. A
 * request Apollo refuses for its content (400, 422) only fails the people it carried.
 */
import { CrmError } from '../../core/errors';
import {
  APOLLO_API_BASE,
  APOLLO_RETRY_POLICY,
  BULK_MATCH_MAX,
  BULK_MATCH_PATH,
  PEOPLE_MATCH_PATH,
  PEOPLE_SEARCH_PATH,
  bulkMatchBody,
  describeApolloFailure,
  describeTransportFailure,
  describeUnreadable,
  describeUrlFetchQuota,
  organisationEnrichPath,
  peopleSearchBody,
  readBulkMatch,
  readMatch,
  readOrganisationEnrich,
  readPeopleSearch,
  type ApolloOrganisation,
  type ApolloPerson,
  type DecisionMakerCandidate,
  type MatchDetails,
  type ServiceFailure,
} from '../../core/enrichment';
import {
  sendRequests,
  type ApiTransport,
  type RawResponse,
  type SendOutcome,
} from '../platform/api-sender';

export interface ApolloClientDeps {
  readonly apiKey: string;
  readonly transport: ApiTransport;
  readonly sleep: (ms: number) => void;
  readonly random: () => number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** bulk_match calls sent together in one `fetchAll`. Default 5 (50 people). */
  readonly parallel?: number;
}

/** One person of a bulk match. */
export type MatchResult =
  | { readonly kind: 'match'; readonly person: ApolloPerson }
  | { readonly kind: 'none' }
  /** Apollo refused the request that carried this person (400, 422): not the run's fault. */
  | { readonly kind: 'refused'; readonly message: string }
  /** Not asked, or no answer: the run stopped first. Nothing was billed for it. */
  | { readonly kind: 'pending' };

export interface BulkMatchReport {
  /** One per detail given, in the same order. */
  readonly results: readonly MatchResult[];
  /** Credits Apollo billed, as it reports them (else one per match). */
  readonly credits: number;
  /** HTTP requests sent (retries not counted). */
  readonly requests: number;
  /**
   * Why the match stopped before the end (a key refused, a rate window spent…). The answers
   * received before are in `results`: they are paid for and must not be thrown away.
   */
  readonly stopped: ServiceFailure | null;
}

export interface ApolloClient {
  matchPerson(details: MatchDetails): ApolloPerson | null;
  bulkMatch(details: readonly MatchDetails[]): BulkMatchReport;
  enrichOrganisation(domain: string): ApolloOrganisation | null;
  searchPeople(
    domain: string,
    titles: readonly string[],
  ): { total: number; people: DecisionMakerCandidate[] };
}

/** A minute's wait when Apollo says the minute's window is spent (its windows are fixed). */
const MINUTE_MS = 60_000;

export function createApolloClient(deps: ApolloClientDeps): ApolloClient {
  const log = deps.log ?? ((line: string) => console.warn(line));
  const parallel = Math.max(1, Math.floor(deps.parallel ?? 5));

  const fail = (failure: ServiceFailure): CrmError => {
    log(`Apollo : ${failure.code} — ${failure.message}`);
    return new CrmError(failure.code, failure.message);
  };

  const request = (
    method: 'get' | 'post',
    path: string,
    payload?: string,
  ): GoogleAppsScript.URL_Fetch.URLFetchRequest => ({
    url: APOLLO_API_BASE + path,
    method,
    headers: { 'x-api-key': deps.apiKey, 'Cache-Control': 'no-cache', Accept: 'application/json' },
    muteHttpExceptions: true,
    ...(payload === undefined ? {} : { contentType: 'application/json', payload }),
  });

  /** What Apollo said is left of the current minute, after the last answers. */
  let minuteLeft: number | null = null;
  /** Set when an answer says the hour's or the day's window is spent. */
  let windowSpent: 'heure' | 'jour' | null = null;

  const send = (requests: readonly GoogleAppsScript.URL_Fetch.URLFetchRequest[]): SendOutcome[] => {
    const outcomes = sendRequests(
      requests,
      { ...deps, log },
      {
        service: 'Apollo',
        policy: APOLLO_RETRY_POLICY,
        quotaError: () => fail(describeUrlFetchQuota()),
      },
    );
    noteWindows(outcomes.flatMap((o) => (o.raw ? [o.raw] : [])));
    return outcomes;
  };

  /**
   * Apollo's rate headers (apollo.md §6): the minute's count paces the next `fetchAll`; an hour or
   * a day spent ends the run, which resumes later — waiting that long would eat the execution.
   */
  const noteWindows = (answers: readonly RawResponse[]) => {
    let minute: number | null = null;
    for (const raw of answers) {
      const left = (name: string) => {
        const value = raw.header(name)?.trim();
        return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
      };
      const m = left('x-minute-requests-left');
      if (m !== null) minute = minute === null ? m : Math.min(minute, m);
      if (left('x-24-hour-requests-left') === 0) windowSpent = 'jour';
      else if (left('x-hourly-requests-left') === 0 && windowSpent === null) windowSpent = 'heure';
    }
    if (minute !== null) minuteLeft = minute;
  };

  /** How many of the next requests may go now, after a pause if the minute is spent. */
  const admit = (wanted: number): number => {
    if (windowSpent !== null) {
      const day = windowSpent === 'jour';
      throw fail({
        code: 'QUOTA',
        message: `Limite d’appels Apollo ${day ? 'de la journée' : 'de l’heure'} atteinte : l’enrichissement reprendra ${day ? 'demain' : 'à la prochaine heure'}.`,
        fatal: true,
        retryLater: true,
      });
    }
    if (minuteLeft !== null && minuteLeft <= 0) {
      log('Apollo : limite d’appels de la minute atteinte, pause d’une minute.');
      deps.sleep(MINUTE_MS);
      minuteLeft = null;
    }
    return minuteLeft === null ? wanted : Math.max(1, Math.min(wanted, minuteLeft));
  };

  const failureOf = (outcome: SendOutcome & { ok: false }): ServiceFailure =>
    outcome.raw
      ? describeApolloFailure(outcome.raw.status, outcome.raw.text, outcome.stop)
      : describeTransportFailure('Apollo');

  /** One request whose failure, whatever it is, is the caller's error. */
  const sendOne = (req: GoogleAppsScript.URL_Fetch.URLFetchRequest): RawResponse => {
    admit(1);
    const [outcome] = send([req]);
    if (!outcome) throw fail(describeTransportFailure('Apollo'));
    if (!outcome.ok) throw fail(failureOf(outcome));
    return outcome.raw;
  };

  /** A failure thrown by `fail` (or Google's quota), back as data for a bulk caller. */
  const failureFromError = (error: unknown): ServiceFailure => {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    return {
      code: typeof code === 'string' ? (code as ServiceFailure['code']) : 'INTERNAL',
      message: typeof message === 'string' ? message : String(error),
      fatal: true,
      retryLater: code === 'QUOTA' || code === 'HTTP_5XX',
    };
  };

  return {
    matchPerson(details) {
      const raw = sendOne(request('post', PEOPLE_MATCH_PATH, JSON.stringify(details)));
      const reading = readMatch(raw.text);
      if (!reading.ok) throw fail(describeUnreadable('Apollo', reading.problem));
      return reading.value;
    },

    bulkMatch(details) {
      const results: MatchResult[] = details.map(() => ({ kind: 'pending' }));
      let credits = 0;
      let requests = 0;
      let stopped: ServiceFailure | null = null;
      let next = 0;
      while (next < details.length && stopped === null) {
        let calls: number;
        try {
          calls = admit(Math.min(parallel, Math.ceil((details.length - next) / BULK_MATCH_MAX)));
        } catch (error) {
          stopped = failureFromError(error);
          break;
        }
        const group: Array<{ start: number; asked: MatchDetails[] }> = [];
        for (let c = 0; c < calls && next < details.length; c++) {
          group.push({ start: next, asked: details.slice(next, next + BULK_MATCH_MAX) });
          next += BULK_MATCH_MAX;
        }
        requests += group.length;
        let outcomes: SendOutcome[];
        try {
          outcomes = send(
            group.map((g) => request('post', BULK_MATCH_PATH, bulkMatchBody(g.asked))),
          );
        } catch (error) {
          stopped = failureFromError(error);
          break;
        }
        outcomes.forEach((outcome, k) => {
          const { start, asked } = group[k] as { start: number; asked: MatchDetails[] };
          const put = (i: number, result: MatchResult) => {
            results[start + i] = result;
          };
          if (!outcome.ok) {
            const failure = failureOf(outcome);
            if (failure.fatal) {
              log(`Apollo : ${failure.code} — ${failure.message}`);
              stopped ??= failure;
            } else {
              log(`Apollo : ${failure.message}`);
              asked.forEach((_, i) => put(i, { kind: 'refused', message: failure.message }));
            }
            return;
          }
          const reading = readBulkMatch(outcome.raw.text, asked);
          if (!reading.ok) {
            stopped ??= describeUnreadable('Apollo', reading.problem);
            return;
          }
          const found = reading.value.matches.filter((m) => m !== null).length;
          credits += reading.value.creditsConsumed ?? found;
          reading.value.matches.forEach((person, i) =>
            put(i, person ? { kind: 'match', person } : { kind: 'none' }),
          );
        });
      }
      return { results, credits, requests, stopped };
    },

    enrichOrganisation(domain) {
      const raw = sendOne(request('get', organisationEnrichPath(domain)));
      const reading = readOrganisationEnrich(raw.text);
      if (!reading.ok) throw fail(describeUnreadable('Apollo', reading.problem));
      return reading.value;
    },

    searchPeople(domain, titles) {
      const raw = sendOne(request('post', PEOPLE_SEARCH_PATH, peopleSearchBody(domain, titles)));
      const reading = readPeopleSearch(raw.text);
      if (!reading.ok) throw fail(describeUnreadable('Apollo', reading.problem));
      return reading.value;
    },
  };
}
