/**
 * The one client of the BOAMP open-data API (Explore API v2.1, shared/apis/boamp.md). It sends,
 * retries and reads; what to ask (src/core/boamp/query), when to retry (the shared pure policy
 * with BOAMP's reading of statuses) and what an answer means (src/core/boamp/parse) are decided
 * in core. Its collaborators are injected — UrlFetchApp, Utilities.sleep, Math.random — so the
 * contract tests drive it without Apps Script.
 *
 * - `fetchNoticePage(query, offset)` → `{ totalCount, records }`: one page of a listing (no
 *   `donnees`), at most 100 records, never past the API's 10 000-record window.
 * - `fetchNoticePages(query, offsets)`: several pages of one query in one `fetchAll`.
 * - `fetchFullRecords(idwebs)` → `{ records, missing }`: full records (with `gestion` and
 *   `donnees`) in as few requests as page size and URL length allow, sent by `fetchAll` batches.
 * - `listNotices(queries, { state, shouldStop })` → `{ records, state, done, truncated }`: every
 *   notice of the queries, windows split where the API would stop paging; stops when
 *   `shouldStop()` says so and returns the state to resume from (a plain JSON value).
 *
 * Failures are CrmErrors: QUOTA (BOAMP's 429 or Google's UrlFetch quota), HTTP_4XX (a refused
 * request), HTTP_5XX (server errors, no answer, an unreadable body), each with a French message
 * saying what happens next. The API is anonymous: there is no key to protect.
 */
import { CrmError } from '../../core/errors';
import {
  PAGE_SIZE,
  RESULT_WINDOW,
  advanceListing,
  fullRecordRequests,
  nextListingStep,
  noticePageUrl,
  startListing,
  type ListingState,
  type NoticeQuery,
} from '../../core/boamp/query';
import { BOAMP_RETRY_POLICY } from '../../core/boamp/query/retry';
import {
  describeBoampHttpFailure,
  describeBoampTransportFailure,
  describeBoampUnreadable,
  describeUrlFetchQuota,
  type BoampFailure,
} from '../../core/boamp/query/failures';
import { readNoticePage } from '../../core/boamp/parse/records';
import { frenchInteger } from '../../core/scoring/french-number';
import type { BoampRecord, DayWindow, NoticePage } from '../../core/boamp/types';
import { sendRequests, type ApiResponse, type RawResponse } from '../platform/api-sender';

/** What the client needs of an HTTP response (UrlFetchApp's HTTPResponse fits). */
export type BoampResponse = ApiResponse;

/** The part of UrlFetchApp the client uses. */
export interface BoampTransport {
  fetch(url: string, params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions): BoampResponse;
  fetchAll(requests: GoogleAppsScript.URL_Fetch.URLFetchRequest[]): BoampResponse[];
}

export interface BoampClientDeps {
  readonly transport: BoampTransport;
  /** Utilities.sleep in Apps Script; a recorder in tests. */
  readonly sleep: (ms: number) => void;
  /** Math.random in Apps Script: the backoff's jitter. */
  readonly random: () => number;
  /** Epoch ms, to read a `Retry-After` given as a date. */
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Requests sent together in one `fetchAll`. Default 5: a handful per run is what the API's quota favours. */
  readonly parallel?: number;
  /** The API's result window (10 000); tests lower it together with the stand-in's. */
  readonly resultWindow?: number;
}

export interface FullRecords {
  /** In the order the API returned them. */
  readonly records: readonly BoampRecord[];
  /** Asked for but not returned (withdrawn notice, unknown idweb). */
  readonly missing: readonly string[];
}

export interface ListingOptions {
  /** Resume from a saved state; else start on `queries`. */
  readonly state?: ListingState;
  /** Asked before each request batch: true stops the listing and returns its state. */
  readonly shouldStop?: () => boolean;
}

export interface Listing {
  /** Notices read by this call, each idweb once. */
  readonly records: readonly BoampRecord[];
  /** Where to resume; `startListing` shape, plain JSON. */
  readonly state: ListingState;
  readonly done: boolean;
  /** Days with more matches than the API pages through: read in part. */
  readonly truncated: readonly DayWindow[];
  /** HTTP requests sent by this call (retries not counted). */
  readonly requests: number;
}

export interface BoampClient {
  fetchNoticePage(query: NoticeQuery, offset: number): NoticePage;
  fetchNoticePages(query: NoticeQuery, offsets: readonly number[]): NoticePage[];
  fetchFullRecords(idwebs: readonly string[]): FullRecords;
  listNotices(queries: readonly NoticeQuery[], options?: ListingOptions): Listing;
}

const REQUEST: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
  method: 'get',
  headers: { Accept: 'application/json' },
  muteHttpExceptions: true,
};

export function createBoampClient(deps: BoampClientDeps): BoampClient {
  const log = deps.log ?? ((line: string) => console.warn(line));
  const parallel = Math.max(1, Math.floor(deps.parallel ?? 5));
  const resultWindow = deps.resultWindow ?? RESULT_WINDOW;

  const fail = (failure: BoampFailure): CrmError => {
    log(`BOAMP : ${failure.code} — ${failure.message}`);
    return new CrmError(failure.code, failure.message);
  };

  /** Sends the URLs together and retries the ones that may succeed later; answers in order. */
  const sendAll = (urls: readonly string[]): RawResponse[] =>
    sendRequests(
      urls.map((url) => ({ url, ...REQUEST })),
      { ...deps, log },
      {
        service: 'BOAMP',
        policy: BOAMP_RETRY_POLICY,
        quotaError: () => fail(describeUrlFetchQuota()),
      },
    ).map((outcome) => {
      if (outcome.ok) return outcome.raw;
      if (!outcome.raw) throw fail(describeBoampTransportFailure());
      throw fail(describeBoampHttpFailure(outcome.raw.status, outcome.raw.text, outcome.stop));
    });

  const readPage = (raw: RawResponse): NoticePage => {
    const reading = readNoticePage(raw.text);
    if (!reading.ok) throw fail(describeBoampUnreadable(reading.problem));
    if (reading.skipped > 0)
      log(
        `BOAMP : ${reading.skipped} résultat(s) sans idweb ignoré(s), impossibles à enregistrer.`,
      );
    return reading.page;
  };

  const pageUrl = (query: NoticeQuery, offset: number): string => {
    if (!Number.isInteger(offset) || offset < 0 || offset >= resultWindow)
      throw new CrmError(
        'VALIDATION',
        `L’API BOAMP ne donne que les ${frenchInteger(resultWindow)} premiers résultats d’une recherche (décalage demandé : ${offset}) : découpez la période.`,
      );
    return noticePageUrl(query, offset, Math.min(PAGE_SIZE, resultWindow - offset));
  };

  const fetchNoticePages = (query: NoticeQuery, offsets: readonly number[]): NoticePage[] => {
    const urls = offsets.map((offset) => pageUrl(query, offset));
    const pages: NoticePage[] = [];
    for (let i = 0; i < urls.length; i += parallel) {
      pages.push(...sendAll(urls.slice(i, i + parallel)).map(readPage));
    }
    return pages;
  };

  return {
    fetchNoticePage(query, offset) {
      return fetchNoticePages(query, [offset])[0] as NoticePage;
    },

    fetchNoticePages,

    fetchFullRecords(idwebs) {
      const requests = fullRecordRequests(idwebs);
      const records: BoampRecord[] = [];
      const returned = new Set<string>();
      for (let i = 0; i < requests.length; i += parallel) {
        const batch = requests.slice(i, i + parallel);
        const raws = sendAll(batch.map((r) => r.url));
        for (const raw of raws) {
          for (const record of readPage(raw).records) {
            if (returned.has(record.idweb)) continue;
            returned.add(record.idweb);
            records.push(record);
          }
        }
      }
      const missing = requests.flatMap((r) => r.idwebs).filter((id) => !returned.has(id));
      return { records, missing };
    },

    listNotices(queries, options = {}) {
      let state = options.state ?? startListing(queries);
      const records: BoampRecord[] = [];
      const seen = new Set<string>();
      let requests = 0;
      for (;;) {
        const step = nextListingStep(state, parallel, { resultWindow });
        if (step.done) return { records, state, done: true, truncated: state.truncated, requests };
        if (options.shouldStop?.())
          return { records, state, done: false, truncated: state.truncated, requests };
        const pages = fetchNoticePages(step.query, step.offsets);
        requests += step.offsets.length;
        state = advanceListing(
          state,
          pages.map((page, i) => ({
            offset: step.offsets[i] as number,
            totalCount: page.totalCount,
            received: page.records.length,
          })),
          { resultWindow },
        );
        for (const page of pages) {
          for (const record of page.records) {
            if (seen.has(record.idweb)) continue;
            seen.add(record.idweb);
            records.push(record);
          }
        }
      }
    },
  };
}
