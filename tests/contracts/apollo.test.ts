/**
 * The Apollo client (src/server/enrichment/apollo-client.ts) against the contract of
 * shared/apis/apollo.md. First with a fake transport replaying the documented shapes — people
 * and bulk match, organisation enrichment, people search, the 401 in plain text, 403
 * `API_INACCESSIBLE`, 422, 429 with `retry-after` or with the hour spent, 5xx, an account out of
 * credits, malformed JSON, no answer — so every request and sleep can be checked; then through
 * the real local UrlFetchApp against the sandbox's Apollo stand-in with injected faults.
 */
import { isCrmError, type CrmError } from '../../src/core/errors';
import type { MatchDetails } from '../../src/core/enrichment';
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import {
  createApolloClient,
  type ApolloClientDeps,
} from '../../src/server/enrichment/apollo-client';
import type { ApiResponse, ApiTransport } from '../../src/server/platform/api-sender';
import { makeEnv } from '../local/services-test-env';

const KEY = 'apollo-contract-key-SECRET-1234';

/** apollo.md §2, reconstructed from Apollo's example. */
function person(first: string, last: string, over: Record<string, unknown> = {}) {
  return {
    id: `64a7ff0cc4dfae00013df1a5${first.length}`,
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    title: 'Directrice RSE',
    email: `${first.toLowerCase()}.${last.toLowerCase()}@exemple.fr`,
    email_status: 'verified',
    linkedin_url: `http://www.linkedin.com/in/${first.toLowerCase()}-${last.toLowerCase()}-000000`,
    organization: {
      id: '5e66b6381e05b4008c8331b8',
      name: 'Exemple SA',
      website_url: 'http://www.exemple.fr',
      primary_domain: 'exemple.fr',
      industry: 'environmental services',
      estimated_num_employees: 250,
      city: 'Lyon',
      postal_code: '69000',
      country: 'France',
    },
    ...over,
  };
}

type Reply =
  { status: number; body: string; headers?: Record<string, string> } | { throws: string };

interface Sent {
  url: string;
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
}

function fakeTransport(
  replies: Reply[] | ((sent: Sent) => Reply),
): ApiTransport & { sent: Sent[]; batches: number[] } {
  const sent: Sent[] = [];
  const batches: number[] = [];
  const answer = (s: Sent): ApiResponse => {
    sent.push(s);
    const reply = typeof replies === 'function' ? replies(s) : replies.shift();
    if (!reply) throw new Error('The test gave no more replies.');
    if ('throws' in reply) throw new Error(reply.throws);
    return {
      getResponseCode: () => reply.status,
      getContentText: () => reply.body,
      getHeaders: () => reply.headers ?? { 'content-type': 'application/json' },
    };
  };
  return {
    sent,
    batches,
    fetch(url, params) {
      batches.push(1);
      return answer({ url, params });
    },
    fetchAll(requests) {
      batches.push(requests.length);
      const out: ApiResponse[] = [];
      for (const { url, ...params } of requests) out.push(answer({ url, params }));
      return out;
    },
  };
}

function client(replies: Reply[] | ((sent: Sent) => Reply), over: Partial<ApolloClientDeps> = {}) {
  const transport = fakeTransport(replies);
  const slept: number[] = [];
  const logs: string[] = [];
  const apollo = createApolloClient({
    apiKey: KEY,
    transport,
    sleep: (ms) => slept.push(ms),
    random: () => 0,
    log: (line) => logs.push(line),
    ...over,
  });
  return { apollo, transport, slept, logs };
}

function failure(run: () => unknown): CrmError {
  try {
    run();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
  throw new Error('Expected a CrmError');
}

const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

function detailsOf(sent: Sent): MatchDetails[] {
  return (JSON.parse(String(sent.params.payload)) as { details: MatchDetails[] }).details;
}

/** A bulk_match answer for what was asked: everyone found, by name. */
function echoBulk(s: Sent): Reply {
  const details = detailsOf(s);
  return ok({
    status: 'success',
    credits_consumed: details.length,
    matches: details.map((d) => person(d.first_name ?? 'X', d.last_name ?? 'Y')),
  });
}

const people = (n: number): MatchDetails[] =>
  Array.from({ length: n }, (_, i) => ({
    first_name: `Prénom${i}`,
    last_name: `Nom${i}`,
    domain: 'exemple.fr',
  }));

describe('Apollo client with recorded shapes', () => {
  it('matches one person with a JSON body and the key in x-api-key only', () => {
    const { apollo, transport } = client([
      // request_id past 2^53, as Apollo sends it: read as text or ignored, never trusted.
      {
        status: 200,
        body: `{"person": ${JSON.stringify(person('Claire', 'Martin'))}, "request_id": 1039995589705121900}`,
      },
    ]);
    const found = apollo.matchPerson({
      first_name: 'Claire',
      last_name: 'Martin',
      domain: 'exemple.fr',
    });
    expect(found).toMatchObject({
      firstName: 'Claire',
      email: 'claire.martin@exemple.fr',
      emailStatus: 'verified',
    });
    const [sent] = transport.sent;
    expect(sent?.url).toBe('https://api.apollo.io/api/v1/people/match');
    expect(sent?.params).toMatchObject({
      method: 'post',
      contentType: 'application/json',
      muteHttpExceptions: true,
    });
    expect(sent?.params.headers).toMatchObject({ 'x-api-key': KEY });
    expect(JSON.stringify(sent?.params.headers)).not.toMatch(/Bearer/);
    expect(sent?.url).not.toContain(KEY);
  });

  it('reads a miss (person null) and a locked e-mail as no e-mail', () => {
    const { apollo } = client([
      ok({ person: null }),
      ok({ person: person('Claire', 'Martin', { email: 'email_not_unlocked@domain.com' }) }),
    ]);
    expect(apollo.matchPerson({ email: 'inconnu@exemple.fr' })).toBeNull();
    expect(
      apollo.matchPerson({ first_name: 'Claire', last_name: 'Martin', domain: 'exemple.fr' })
        ?.email,
    ).toBeNull();
  });

  it('sends bulk_match in calls of 10 people, several per fetchAll, answers in order', () => {
    const { apollo, transport } = client(echoBulk);
    const report = apollo.bulkMatch(people(23));
    expect(transport.batches).toEqual([3]);
    expect(transport.sent.map((s) => detailsOf(s).length)).toEqual([10, 10, 3]);
    expect(transport.sent[0]?.url).toBe(
      'https://api.apollo.io/api/v1/people/bulk_match?reveal_personal_emails=false&reveal_phone_number=false',
    );
    expect(report.results.map((r) => (r.kind === 'match' ? r.person.firstName : r.kind))).toEqual(
      people(23).map((p) => p.first_name),
    );
    expect(report).toMatchObject({ credits: 23, requests: 3, stopped: null });
  });

  it('drops a match that answers another person than the one asked', () => {
    const { apollo } = client([
      ok({ status: 'success', matches: [person('Julien', 'Autre'), null], credits_consumed: 1 }),
    ]);
    const report = apollo.bulkMatch([
      { first_name: 'Claire', last_name: 'Martin', domain: 'exemple.fr' },
      { first_name: 'Hugo', last_name: 'Roux', domain: 'exemple.fr' },
    ]);
    expect(report.results.map((r) => r.kind)).toEqual(['none', 'none']);
    expect(report.credits).toBe(1);
  });

  it('maps the 401 (plain text) to CONFIG without retrying, and never logs the key', () => {
    const unauthorized: Reply = {
      status: 401,
      body: 'Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.',
      headers: { 'content-type': 'text/plain' },
    };
    const a = client([unauthorized]);
    const error = failure(() => a.apollo.matchPerson({ email: 'x@exemple.fr' }));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/^Clé Apollo refusée \(HTTP 401\)/);
    expect(a.slept).toEqual([]);
    expect(a.logs.join('\n')).not.toContain(KEY);

    const b = client([unauthorized]);
    const report = b.apollo.bulkMatch(people(3));
    expect(report.stopped).toMatchObject({ code: 'CONFIG', retryLater: false });
    expect(report.results.map((r) => r.kind)).toEqual(['pending', 'pending', 'pending']);
  });

  it('maps 403 API_INACCESSIBLE (a key without the endpoint, a free plan) to CONFIG', () => {
    const { apollo } = client([
      {
        status: 403,
        body: JSON.stringify({
          error:
            'api/v1/mixed_people/api_search is not accessible with this access token on a free plan.',
          error_code: 'API_INACCESSIBLE',
        }),
      },
    ]);
    const error = failure(() => apollo.searchPeople('exemple.fr', ['Directrice RSE']));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toContain('API_INACCESSIBLE');
  });

  it('fails only the people of a refused request (422), not the run', () => {
    let call = 0;
    const { apollo, slept } = client((s) =>
      ++call === 2
        ? {
            status: 422,
            body: JSON.stringify({
              status: 'failed',
              error_code: 'UNKNOWN_ERROR',
              error_message: 'bad detail',
            }),
          }
        : echoBulk(s),
    );
    const report = apollo.bulkMatch(people(25));
    expect(report.stopped).toBeNull();
    expect(report.results.slice(10, 20).every((r) => r.kind === 'refused')).toBe(true);
    expect(report.results.filter((r) => r.kind === 'match')).toHaveLength(15);
    expect(slept).toEqual([]);
  });

  it('waits as long as a 429 says, then succeeds', () => {
    const limited: Reply = {
      status: 429,
      body: JSON.stringify({
        message:
          'The maximum number of api calls allowed for api/v1/people/match is 50 times per minute.',
      }),
      headers: { 'Retry-After': '7' },
    };
    const { apollo, slept, transport } = client([
      limited,
      ok({ person: person('Claire', 'Martin') }),
    ]);
    expect(apollo.matchPerson({ email: 'claire.martin@exemple.fr' })).not.toBeNull();
    expect(slept).toEqual([7000]);
    expect(transport.sent).toHaveLength(2);
  });

  it('stops at once on a 429 once the hour is spent: the run resumes later', () => {
    const { apollo, slept } = client([
      {
        status: 429,
        body: JSON.stringify({
          message:
            'The maximum number of api calls allowed for api/v1/people/bulk_match is 200 times per hour.',
        }),
        headers: { 'x-hourly-requests-left': '0', 'x-minute-requests-left': '12' },
      },
    ]);
    const report = apollo.bulkMatch(people(5));
    expect(report.stopped).toMatchObject({ code: 'QUOTA', retryLater: true });
    expect(report.stopped?.message).toMatch(
      /^Limite d’appels Apollo atteinte \(HTTP 429 : « The maximum number/,
    );
    expect(slept).toEqual([]);
  });

  it('reads an account out of credits as QUOTA, never retried', () => {
    const { apollo, slept } = client([
      {
        status: 422,
        body: JSON.stringify({ error: 'You have insufficient credits to perform this action.' }),
      },
    ]);
    const report = apollo.bulkMatch(people(4));
    expect(report.stopped).toMatchObject({ code: 'QUOTA', retryLater: false });
    expect(report.stopped?.message).toMatch(/^Crédits Apollo épuisés/);
    expect(slept).toEqual([]);
  });

  it('retries 5xx with exponential backoff, then gives up with HTTP_5XX', () => {
    const a = client([
      { status: 502, body: '<html>Bad gateway</html>' },
      ok({ organization: person('A', 'B').organization }),
    ]);
    expect(a.apollo.enrichOrganisation('exemple.fr')).toMatchObject({
      employees: 250,
      industry: 'environmental services',
    });
    expect(a.slept).toEqual([2000]);
    expect(a.transport.sent[0]?.url).toBe(
      'https://api.apollo.io/api/v1/organizations/enrich?domain=exemple.fr',
    );

    const b = client(Array.from({ length: 4 }, () => ({ status: 503, body: '' })));
    const error = failure(() => b.apollo.enrichOrganisation('exemple.fr'));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toBe(
      'Erreur du service Apollo (HTTP 503, après plusieurs essais) : réessayez plus tard.',
    );
    expect(b.slept).toEqual([2000, 4000, 8000]);
  });

  it('refuses a malformed body rather than writing half of it', () => {
    const { apollo } = client([{ status: 200, body: '{"status":"success","matches":[{"first_na' }]);
    const report = apollo.bulkMatch(people(2));
    expect(report.stopped).toMatchObject({ code: 'HTTP_5XX' });
    expect(report.stopped?.message).toMatch(/^Réponse illisible de Apollo/);
    expect(report.results.map((r) => r.kind)).toEqual(['pending', 'pending']);
  });

  it('retries a request that got no answer; Google’s UrlFetch quota stops the run', () => {
    const a = client([
      { throws: 'Address unavailable: https://api.apollo.io/…' },
      ok({ person: null }),
    ]);
    expect(a.apollo.matchPerson({ email: 'x@exemple.fr' })).toBeNull();
    expect(a.slept).toEqual([2000]);

    const b = client([{ throws: 'Service invoked too many times for one day: urlfetch.' }]);
    const report = b.apollo.bulkMatch(people(3));
    expect(report.stopped).toMatchObject({ code: 'QUOTA', retryLater: true });
  });

  it('paces fetchAll batches by the minute’s requests left', () => {
    let left = 3;
    const { apollo, transport, slept } = client(
      (s) => {
        left = Math.max(0, left - 1);
        const reply = echoBulk(s) as { status: number; body: string };
        return { ...reply, headers: { 'x-minute-requests-left': String(left) } };
      },
      { parallel: 5 },
    );
    apollo.bulkMatch(people(60));
    // 5 calls at first; Apollo then says 0 left: a minute's pause, then the last one.
    expect(transport.batches[0]).toBe(5);
    expect(slept).toContain(60_000);
    expect(transport.sent).toHaveLength(6);
  });

  it('searches people by domain and titles: candidates, no e-mail, last name hidden', () => {
    const { apollo, transport } = client([
      ok({
        total_entries: 1834,
        people: [
          {
            id: '67bdafd0c3a4c50001bbd7c2',
            first_name: 'Claire',
            last_name_obfuscated: 'Ma***n',
            title: 'Directrice RSE',
            has_email: true,
            organization: { name: 'Exemple SA' },
          },
        ],
      }),
    ]);
    const found = apollo.searchPeople('exemple.fr', ['Directrice RSE', 'Responsable RSE']);
    expect(found).toEqual({
      total: 1834,
      people: [
        {
          apolloId: '67bdafd0c3a4c50001bbd7c2',
          firstName: 'Claire',
          lastNameHint: 'Ma***n',
          title: 'Directrice RSE',
          organisationName: 'Exemple SA',
          hasEmail: true,
        },
      ],
    });
    const body = JSON.parse(String(transport.sent[0]?.params.payload)) as Record<string, unknown>;
    expect(body).toMatchObject({
      q_organization_domains_list: ['exemple.fr'],
      person_titles: ['Directrice RSE', 'Responsable RSE'],
    });
  });
});

describe('Apollo client through UrlFetchApp and the sandbox stand-in', () => {
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

  function live(apiKey = KEY) {
    const slept: number[] = [];
    const apollo = createApolloClient({
      apiKey,
      transport: createUrlFetchApp(makeEnv(), { routing: 'sandbox', sandboxPort: sandbox.port }),
      sleep: (ms) => slept.push(ms),
      random: () => 0,
      log: () => undefined,
    });
    return { apollo, slept };
  }

  const sample = (n: number): MatchDetails[] =>
    Array.from({ length: n }, (_, i) => ({
      first_name: ['Claire', 'Julien', 'Sophie', 'Karim', 'Hugo'][i % 5] as string,
      last_name: ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Roux', 'Fabre'][i % 6] as string,
      domain: `societe-${i}.example.fr`,
    }));

  it('matches 25 people in bulk; unknown domains are misses; credits only for matches', async () => {
    const { apollo } = live();
    const report = apollo.bulkMatch([
      ...sample(25),
      { first_name: 'A', last_name: 'B', domain: 'reelle.fr' },
    ]);
    expect(report.requests).toBe(3);
    const matched = report.results.filter((r) => r.kind === 'match');
    expect(matched.length).toBeGreaterThan(15);
    expect(report.results[25]?.kind).toBe('none');
    const usage = (await sandbox.control('apollo', 'usage', null)) as { credits: number };
    expect(report.credits).toBe(usage.credits);
    const recorded = await sandbox.requests('api.apollo.io');
    expect(recorded.every((r) => r.headers['x-api-key'] === '[redacted]')).toBe(true);
  });

  it('reads the injected 401 in plain text', async () => {
    const { apollo } = live();
    await sandbox.injectFault({ host: 'api.apollo.io', status: 401 });
    const error = failure(() => apollo.enrichOrganisation('societe.example.fr'));
    expect(error.code).toBe('CONFIG');
    const { apollo: refused } = live('invalid-key-000000');
    expect(failure(() => refused.matchPerson({ email: 'a@societe.example.fr' })).code).toBe(
      'CONFIG',
    );
  });

  it('honours an injected 429 with Retry-After, then succeeds', async () => {
    const { apollo, slept } = live();
    await sandbox.injectFault({ host: 'api.apollo.io', status: 429, retryAfter: 2 });
    expect(apollo.enrichOrganisation('societe.example.fr')?.primaryDomain).toBe(
      'societe.example.fr',
    );
    expect(slept).toEqual([2000]);
  });

  it('retries injected 5xx, gives up after the policy’s retries', async () => {
    const { apollo, slept } = live();
    await sandbox.injectFault({ host: 'api.apollo.io', status: 500, times: 4 });
    expect(failure(() => apollo.matchPerson({ email: 'a@societe.example.fr' })).code).toBe(
      'HTTP_5XX',
    );
    expect(slept).toEqual([2000, 4000, 8000]);
  });

  it('is refused more than 10 people in one call (422 RECORD_LIMIT_EXCEEDED)', async () => {
    const env = makeEnv();
    const UrlFetchApp = createUrlFetchApp(env, { routing: 'sandbox', sandboxPort: sandbox.port });
    const res = UrlFetchApp.fetch('https://api.apollo.io/api/v1/people/bulk_match', {
      method: 'post',
      contentType: 'application/json',
      headers: { 'x-api-key': KEY },
      payload: JSON.stringify({ details: sample(11) }),
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(422);
    expect(JSON.parse(res.getContentText())).toMatchObject({ error_code: 'RECORD_LIMIT_EXCEEDED' });
  });

  it('finds decision makers whose ids people/match then reveals', () => {
    const { apollo } = live();
    const found = apollo.searchPeople('societe.example.fr', ['Responsable RSE']);
    expect(found.people.length).toBeGreaterThan(1);
    const first = found.people[0];
    const revealed = apollo.matchPerson({ id: first?.apolloId as string });
    expect(revealed?.firstName).toBe(first?.firstName);
    expect(revealed?.lastName?.startsWith(first?.lastNameHint.slice(0, 2) ?? '?')).toBe(true);
  });
});
