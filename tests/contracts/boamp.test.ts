/**
 * The BOAMP client (src/server/boamp/boamp-client.ts) against the contract of
 * shared/apis/boamp.md. First with a small fake transport replaying the documented shapes — the
 * real July 2024 `records` response, Opendatasoft's 429 and 400 bodies, 5xx, malformed JSON,
 * transport failures — so every sleep and request can be checked; then through the real local
 * UrlFetchApp against the sandbox's BOAMP stand-in, which serves the real notices of
 * ../shared/data/boamp, with injected faults; last, against the stand-in in process with its
 * 10 000-record window scaled down, to show a listing split into day windows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTenderDetails } from '../../src/core/boamp/parse';
import { BOAMP_HOST, BOAMP_RECORDS_URL, type NoticeQuery } from '../../src/core/boamp/query';
import type { CrmError } from '../../src/core/errors';
import { isCrmError } from '../../src/core/errors';
import {
  createBoampClient,
  type BoampClientDeps,
  type BoampResponse,
  type BoampTransport,
} from '../../src/server/boamp/boamp-client';
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { createBoampStandIn } from '../../src/local/sandbox/stand-ins/boamp';
import { makeEnv } from '../local/services-test-env';

const DATA = path.resolve(__dirname, '../../../shared/data/boamp');
const REAL_PAGE = fs.readFileSync(path.join(DATA, 'notices-full-mapa-2024.json'), 'utf8');
const TITLES = JSON.parse(
  fs.readFileSync(path.join(DATA, 'notices-titles.json'), 'utf8'),
) as Array<{
  idweb: string;
  objet: string;
  dateparution: string;
}>;

const JULY: NoticeQuery = {
  window: { from: '2024-07-01', to: '2024-07-02' },
  anyOf: [],
  allOf: [],
};
const inWindow = (from: string, to: string) =>
  TITLES.filter((t) => t.dateparution >= from && t.dateparution <= to);

function failure(run: () => unknown): CrmError {
  try {
    run();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
  throw new Error('Expected a CrmError');
}

// --- a fake transport -------------------------------------------------------------------------

type Reply =
  { status: number; body: string; headers?: Record<string, string> } | { throws: string };

function response(reply: {
  status: number;
  body: string;
  headers?: Record<string, string>;
}): BoampResponse {
  return {
    getResponseCode: () => reply.status,
    getContentText: () => reply.body,
    getHeaders: () => ({ 'content-type': 'application/json; charset=utf-8', ...reply.headers }),
  };
}

function fakeTransport(replies: Reply[]): BoampTransport & { urls: string[]; batches: number[] } {
  const urls: string[] = [];
  const batches: number[] = [];
  const next = (url: string): BoampResponse => {
    urls.push(url);
    const reply = replies.shift();
    if (!reply) throw new Error('The test gave no more replies.');
    if ('throws' in reply) throw new Error(reply.throws);
    return response(reply);
  };
  return {
    urls,
    batches,
    fetch(url) {
      batches.push(1);
      return next(url);
    },
    fetchAll(requests) {
      batches.push(requests.length);
      const urlsOf = requests.map((r) => r.url);
      // One transport failure loses the whole batch, as in Apps Script.
      const out: BoampResponse[] = [];
      for (const url of urlsOf) out.push(next(url));
      return out;
    },
  };
}

function client(replies: Reply[], over: Partial<BoampClientDeps> = {}) {
  const transport = fakeTransport(replies);
  const slept: number[] = [];
  const logs: string[] = [];
  const boamp = createBoampClient({
    transport,
    sleep: (ms) => slept.push(ms),
    random: () => 0,
    log: (line) => logs.push(line),
    ...over,
  });
  return { boamp, transport, slept, logs };
}

const ok = (body = REAL_PAGE): Reply => ({ status: 200, body });
const odsError = (
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): Reply => ({
  status,
  body: JSON.stringify({ error_code: code, message }),
  ...(headers ? { headers } : {}),
});

describe('BOAMP client with recorded shapes', () => {
  it('reads a page: total_count and records, asked without donnees', () => {
    const { boamp, transport, slept } = client([ok()]);
    const page = boamp.fetchNoticePage(JULY, 200);
    expect(page.totalCount).toBe(14_615);
    expect(page.records.map((r) => r.idweb)).toEqual(['24-76932', '24-76638']);
    expect(slept).toEqual([]);
    const url = new URL(transport.urls[0] ?? '');
    expect(url.origin + url.pathname).toBe(BOAMP_RECORDS_URL);
    expect(url.searchParams.get('select')).not.toContain('donnees');
    expect(url.searchParams.get('limit')).toBe('100');
    expect(url.searchParams.get('offset')).toBe('200');
  });

  it('waits as long as a 429 says, then succeeds', () => {
    const { boamp, slept, transport } = client([
      odsError(429, 'TooManyRequests', 'Too many requests', { 'Retry-After': '7' }),
      ok(),
    ]);
    expect(boamp.fetchNoticePage(JULY, 0).records).toHaveLength(2);
    expect(slept).toEqual([7000]);
    expect(transport.urls).toHaveLength(2);
  });

  it('backs off on a 429 without Retry-After, and stops when the quota resets too far away', () => {
    const a = client([odsError(429, 'TooManyRequests', 'x'), ok()]);
    a.boamp.fetchNoticePage(JULY, 0);
    expect(a.slept).toEqual([2000]);

    const b = client([odsError(429, 'TooManyRequests', 'x', { 'retry-after': '7200' })]);
    const error = failure(() => b.boamp.fetchNoticePage(JULY, 0));
    expect(error.code).toBe('QUOTA');
    expect(error.message).toBe(
      'Quota de l’API BOAMP (Opendatasoft) atteint (HTTP 429) : la veille BOAMP reprendra d’elle-même dans 2 h environ.',
    );
    expect(b.slept).toEqual([]);
  });

  it('retries 5xx with exponential backoff, then gives up with HTTP_5XX', () => {
    const a = client([{ status: 502, body: '<html>Bad gateway</html>' }, ok()]);
    expect(a.boamp.fetchNoticePage(JULY, 0).totalCount).toBe(14_615);
    expect(a.slept).toEqual([2000]);

    const b = client(Array.from({ length: 4 }, () => odsError(503, 'ServiceUnavailable', 'x')));
    const error = failure(() => b.boamp.fetchNoticePage(JULY, 0));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toBe(
      'Le service BOAMP ne répond pas correctement (HTTP 503, après plusieurs essais) : la veille BOAMP reprendra à la prochaine exécution.',
    );
    expect(b.slept).toEqual([2000, 4000, 8000]);
  });

  it('retries a request that got no answer; Google’s quota is final', () => {
    const a = client([{ throws: 'Address unavailable: https://boamp…' }, ok()]);
    a.boamp.fetchNoticePage(JULY, 0);
    expect(a.slept).toEqual([2000]);

    const b = client(Array.from({ length: 4 }, () => ({ throws: 'Timeout: https://boamp…' })));
    expect(failure(() => b.boamp.fetchNoticePage(JULY, 0)).message).toMatch(
      /^API BOAMP injoignable/,
    );

    const c = client([{ throws: 'Service invoked too many times for one day: urlfetch.' }]);
    const quota = failure(() => c.boamp.fetchNoticePage(JULY, 0));
    expect(quota.code).toBe('QUOTA');
    expect(quota.message).toMatch(/^Quota Google d’appels externes \(UrlFetch\)/);
    expect(c.slept).toEqual([]);
  });

  it('does not retry a refused query, and quotes the API’s reason', () => {
    const { boamp, slept } = client([
      odsError(400, 'ODSQLError', 'Unknown field: contractfolderid'),
    ]);
    const error = failure(() => boamp.fetchNoticePage(JULY, 0));
    expect(error.code).toBe('HTTP_4XX');
    expect(error.message).toContain('« Unknown field: contractfolderid »');
    expect(slept).toEqual([]);
  });

  it('refuses a malformed body rather than storing half of it', () => {
    const { boamp } = client([ok('{"total_count": 14615, "results": [{"idweb": "24-7')]);
    const error = failure(() => boamp.fetchNoticePage(JULY, 0));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toBe(
      'Réponse illisible de l’API BOAMP (JSON invalide) : rien n’a été enregistré, la veille BOAMP reprendra à la prochaine exécution.',
    );
  });

  it('never asks past the API’s 10 000-record window', () => {
    const { boamp, transport } = client([ok()]);
    expect(failure(() => boamp.fetchNoticePage(JULY, 10_000)).code).toBe('VALIDATION');
    expect(transport.urls).toEqual([]);
    boamp.fetchNoticePage(JULY, 9_950);
    const last = new URL(transport.urls[0] ?? '');
    expect(last.searchParams.get('limit')).toBe('50');
  });

  it('fetches full records in fetchAll batches and retries only the request that failed', () => {
    const ids = Array.from({ length: 150 }, (_, i) => `24-${70000 + i}`);
    const batches: number[] = [];
    const slept: number[] = [];
    // Each request is answered with the notices it asked for (the split is core's), except
    // 24-70149, withdrawn; the second request of the first batch fails once.
    const boamp = createBoampClient({
      transport: {
        fetch(url) {
          return this.fetchAll([{ url }])[0] as BoampResponse;
        },
        fetchAll(requests) {
          batches.push(requests.length);
          return requests.map((r, i) => {
            if (batches.length === 1 && i === 1) return response({ status: 503, body: '{}' });
            const where = new URL(r.url).searchParams.get('where') ?? '';
            const asked = [...where.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
            const found = asked.filter((id) => id !== '24-70149');
            return response({
              status: 200,
              body: JSON.stringify({
                total_count: found.length,
                results: found.map((idweb) => ({ idweb, donnees: '{"MAPA":{}}' })),
              }),
            });
          });
        },
      },
      sleep: (ms) => slept.push(ms),
      random: () => 0,
      log: () => undefined,
    });
    const { records, missing } = boamp.fetchFullRecords([...ids, ids[0] as string]);
    expect(records).toHaveLength(149);
    expect(new Set(records.map((r) => r.idweb)).size).toBe(149);
    expect(missing).toEqual(['24-70149']);
    expect(batches).toEqual([batches[0], 1]);
    expect(batches[0]).toBeGreaterThanOrEqual(2);
    expect(slept).toEqual([2000]);
  });
});

// --- through UrlFetchApp and the sandbox stand-in -------------------------------------------

describe('BOAMP client through UrlFetchApp and the sandbox stand-in', () => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  beforeEach(async () => {
    await sandbox.reset();
  });

  function sandboxClient(over: Partial<BoampClientDeps> = {}) {
    const slept: number[] = [];
    const UrlFetchApp = createUrlFetchApp(makeEnv(), {
      routing: 'sandbox',
      sandboxPort: sandbox.port,
    });
    const boamp = createBoampClient({
      transport: UrlFetchApp as unknown as BoampTransport,
      sleep: (ms) => slept.push(ms),
      random: () => 0,
      log: () => undefined,
      ...over,
    });
    return { boamp, slept, UrlFetchApp };
  }

  it('lists the real notices of a window, with their total_count', () => {
    const { boamp } = sandboxClient();
    const page = boamp.fetchNoticePage(
      { window: { from: '2024-06-01', to: '2024-06-30' }, anyOf: [], allOf: [] },
      0,
    );
    const expected = inWindow('2024-06-01', '2024-06-30');
    expect(page.totalCount).toBe(expected.length);
    expect(page.records.length).toBe(Math.min(100, expected.length));
    // Oldest first, then by idweb.
    const days = page.records.map((r) => r.dateparution ?? '');
    expect([...days].sort()).toEqual(days);
    expect(page.records[0]).toMatchObject({ donnees: null, code_departement: [] });
  });

  it('pages through a query across several pages, each notice once', async () => {
    const { boamp } = sandboxClient({ parallel: 2 });
    const expected = inWindow('2024-03-01', '2024-05-31');
    expect(expected.length).toBeGreaterThan(200);
    const listing = boamp.listNotices([
      { window: { from: '2024-03-01', to: '2024-05-31' }, anyOf: [], allOf: [] },
    ]);
    expect(listing.done).toBe(true);
    expect(listing.records.map((r) => r.idweb).sort()).toEqual(expected.map((t) => t.idweb).sort());
    expect(listing.requests).toBe(Math.ceil(expected.length / 100));
    const offsets = (await sandbox.requests(BOAMP_HOST)).map((r) =>
      new URL(r.path, 'http://x').searchParams.get('offset'),
    );
    expect(offsets).toEqual(Array.from({ length: listing.requests }, (_, i) => String(i * 100)));
  });

  it('finds notices by keyword with the query builder’s search()', () => {
    const { boamp } = sandboxClient();
    const listing = boamp.listNotices([
      {
        window: { from: '2017-01-01', to: '2024-12-31' },
        anyOf: ['search(objet, "zones humides")', 'search(objet, "chiropteres")'],
        allOf: [],
      },
    ]);
    expect(listing.records.length).toBeGreaterThan(10);
    // The stand-in's search(): every word of the text starts a word of the object.
    for (const r of listing.records) {
      const words = (r.objet ?? '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/);
      const has = (w: string) => words.some((x) => x.startsWith(w));
      expect((has('zones') && has('humides')) || has('chiropteres')).toBe(true);
    }
  });

  it('honours an injected 429 with Retry-After once, then succeeds', async () => {
    await sandbox.injectFault({ host: BOAMP_HOST, status: 429, retryAfter: 1 });
    const { boamp, slept } = sandboxClient();
    expect(boamp.fetchNoticePage(JULY, 0).totalCount).toBe(
      inWindow('2024-07-01', '2024-07-02').length,
    );
    expect(slept).toEqual([1000]);
    const requests = await sandbox.requests(BOAMP_HOST);
    expect(requests.map((r) => [r.status, r.faulted])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('retries injected 5xx, then gives up after the policy’s retries', async () => {
    await sandbox.injectFault({ host: BOAMP_HOST, status: 503, times: 2 });
    const a = sandboxClient();
    expect(a.boamp.fetchNoticePage(JULY, 0).records.length).toBeGreaterThan(0);
    expect(a.slept).toEqual([2000, 4000]);

    await sandbox.reset();
    await sandbox.injectFault({ host: BOAMP_HOST, status: 500, times: 4 });
    const b = sandboxClient();
    expect(failure(() => b.boamp.fetchNoticePage(JULY, 0)).code).toBe('HTTP_5XX');
    expect(await sandbox.requests(BOAMP_HOST)).toHaveLength(4);
  });

  it('refuses a malformed body', async () => {
    await sandbox.injectFault({ host: BOAMP_HOST, status: 200, body: '{"total_count": 1, "res' });
    const { boamp } = sandboxClient();
    expect(failure(() => boamp.fetchNoticePage(JULY, 0)).message).toMatch(
      /^Réponse illisible de l’API BOAMP \(JSON invalide\)/,
    );
  });

  it('fetches full records by idweb: complete where the data has them, missing ones named', () => {
    const { boamp } = sandboxClient();
    const { records, missing } = boamp.fetchFullRecords([
      '24-76932',
      '24-76638',
      '17-144827',
      '99-00001',
    ]);
    expect(records.map((r) => r.idweb).sort()).toEqual(['17-144827', '24-76638', '24-76932']);
    expect(missing).toEqual(['99-00001']);
    const orange = records.find((r) => r.idweb === '24-76932');
    expect(parseTenderDetails(orange ?? {}).criteria).toHaveLength(2);
    // The titles file holds six fields only: no donnees, and nothing made up.
    expect(records.find((r) => r.idweb === '17-144827')?.donnees).toBeNull();
  });

  it('gets a 400 from the API past offset + limit = 10 000, which the client never sends', () => {
    const { UrlFetchApp, boamp } = sandboxClient();
    const res = UrlFetchApp.fetch(`${BOAMP_RECORDS_URL}?limit=100&offset=9950`, {
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(400);
    expect(JSON.parse(res.getContentText())).toMatchObject({
      error_code: 'InvalidRESTParameterError',
    });
    // The whole dataset is exactly 10 000 notices: the last page is still within the window.
    const all = { window: { from: '2017-01-01', to: '2024-12-31' }, anyOf: [], allOf: [] };
    expect(boamp.fetchNoticePage(all, 9_900).records).toHaveLength(100);
    expect(failure(() => boamp.fetchNoticePage(all, 10_000)).code).toBe('VALIDATION');
  });
});

// --- the window split, against the stand-in in process with a smaller window ------------------

describe('listing past the result window, by day windows', () => {
  function inProcess(resultWindow: number) {
    const standIn = createBoampStandIn({ dataDir: DATA, resultWindow });
    const sent: Array<{ offset: number; limit: number; where: string }> = [];
    const answer = (url: string): BoampResponse => {
      const u = new URL(url);
      const query = Object.fromEntries(u.searchParams);
      sent.push({
        offset: Number(query.offset),
        limit: Number(query.limit),
        where: query.where ?? '',
      });
      const res = standIn.handle({
        method: 'GET',
        host: u.hostname,
        path: u.pathname,
        query,
        headers: {},
        body: Buffer.alloc(0),
        bodyText: '',
      });
      return response({ status: res.status, body: JSON.stringify(res.body) });
    };
    const transport: BoampTransport = {
      fetch: (url) => answer(url),
      fetchAll: (requests) => requests.map((r) => answer(r.url)),
    };
    const boamp = createBoampClient({
      transport,
      sleep: () => undefined,
      random: () => 0,
      log: () => undefined,
      parallel: 3,
      resultWindow,
    });
    return { boamp, sent };
  }

  it('splits a window with more matches than the API pages through, and misses none', () => {
    const { boamp, sent } = inProcess(500);
    const expected = inWindow('2024-01-01', '2024-07-31');
    expect(expected.length).toBeGreaterThan(500);
    const listing = boamp.listNotices([
      { window: { from: '2024-01-01', to: '2024-07-31' }, anyOf: [], allOf: [] },
    ]);
    expect(listing.done).toBe(true);
    expect(listing.truncated).toEqual([]);
    expect(listing.records.map((r) => r.idweb).sort()).toEqual(expected.map((t) => t.idweb).sort());
    // Every request stayed within the window; the first asked the whole range, then halves.
    for (const s of sent) expect(s.offset + s.limit).toBeLessThanOrEqual(500);
    expect(sent[0]?.where).toContain("date'2024-07-31'");
    expect(sent[1]?.where).toContain("dateparution <= date'2024-04-15'");
  });

  it('reads a single day past the window as far as allowed, and reports it', () => {
    const { boamp } = inProcess(10);
    const day = '2018-04-13';
    expect(inWindow(day, day).length).toBeGreaterThan(10);
    const listing = boamp.listNotices([{ window: { from: day, to: day }, anyOf: [], allOf: [] }]);
    expect(listing.records).toHaveLength(10);
    expect(listing.truncated).toEqual([{ from: day, to: day }]);
  });

  it('stops when asked and resumes from the saved state without reading a page twice', () => {
    const { boamp, sent } = inProcess(10_000);
    const query: NoticeQuery = {
      window: { from: '2023-01-01', to: '2023-12-31' },
      anyOf: [],
      allOf: [],
    };
    let budget = 2;
    const first = boamp.listNotices([query], { shouldStop: () => budget-- <= 0 });
    expect(first.done).toBe(false);
    const saved = JSON.parse(JSON.stringify(first.state)) as typeof first.state;
    const second = boamp.listNotices([], { state: saved });
    expect(second.done).toBe(true);
    const all = [...first.records, ...second.records].map((r) => r.idweb);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(
      inWindow('2023-01-01', '2023-12-31')
        .map((t) => t.idweb)
        .sort(),
    );
    const offsets = sent.map((s) => s.offset);
    expect(new Set(offsets).size).toBe(offsets.length);
  });
});
