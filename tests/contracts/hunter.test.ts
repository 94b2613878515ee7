/**
 * The Hunter client (src/server/enrichment/hunter-client.ts) against the contract of
 * shared/apis/hunter.md: the verifier's and finder's shapes, and Hunter's own reading of the
 * statuses — 202 (still verifying: asked again) and 222 (mail server glitch: later) are not
 * final, 403 is the rate limit (retried), 429 the exhausted credits (never retried), 451 a person
 * who asked to be removed; then 401, 5xx and malformed JSON. First with a fake transport, then
 * through the real local UrlFetchApp and the sandbox's Hunter stand-in with injected faults.
 */
import { isCrmError, type CrmError } from '../../src/core/errors';
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { createHunterClient } from '../../src/server/enrichment/hunter-client';
import type { ApiResponse, ApiTransport } from '../../src/server/platform/api-sender';
import { makeEnv } from '../local/services-test-env';

const KEY = 'hunter-contract-key-SECRET-5678';

/** hunter.md §2, reconstructed. */
function verified(email: string, status = 'valid', score = 96) {
  return JSON.stringify({
    data: {
      status,
      result: status === 'valid' ? 'deliverable' : 'risky',
      score,
      email,
      regexp: true,
      gibberish: false,
      disposable: false,
      webmail: false,
      mx_records: true,
      smtp_server: true,
      smtp_check: true,
      accept_all: false,
      block: false,
      sources: [],
    },
    meta: { params: { email } },
  });
}

const hunterError = (status: number, id: string, details: string) => ({
  status,
  body: JSON.stringify({ errors: [{ id, code: status, details }] }),
});

type Reply = { status: number; body: string } | { throws: string };

function fakeTransport(
  replies: Reply[] | ((url: string) => Reply),
): ApiTransport & { urls: string[]; headers: unknown[]; batches: number[] } {
  const urls: string[] = [];
  const headers: unknown[] = [];
  const batches: number[] = [];
  const answer = (
    url: string,
    params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
  ): ApiResponse => {
    urls.push(url);
    headers.push(params.headers);
    const reply = typeof replies === 'function' ? replies(url) : replies.shift();
    if (!reply) throw new Error('The test gave no more replies.');
    if ('throws' in reply) throw new Error(reply.throws);
    return {
      getResponseCode: () => reply.status,
      getContentText: () => reply.body,
      getHeaders: () => ({ 'Content-Type': 'application/json; charset=utf-8' }),
    };
  };
  return {
    urls,
    headers,
    batches,
    fetch(url, params) {
      batches.push(1);
      return answer(url, params);
    },
    fetchAll(requests) {
      batches.push(requests.length);
      return requests.map(({ url, ...params }) => answer(url, params));
    },
  };
}

function client(replies: Reply[] | ((url: string) => Reply)) {
  const transport = fakeTransport(replies);
  const slept: number[] = [];
  const logs: string[] = [];
  const hunter = createHunterClient({
    apiKey: KEY,
    transport,
    sleep: (ms) => slept.push(ms),
    random: () => 0,
    log: (line) => logs.push(line),
  });
  return { hunter, transport, slept, logs };
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

const EMAIL = 'claire.martin@exemple.fr';

describe('Hunter client with recorded shapes', () => {
  it('verifies an address: status and score; the key in X-API-KEY, never in the URL', () => {
    const { hunter, transport, logs } = client([{ status: 200, body: verified(EMAIL) }]);
    expect(hunter.verifyEmail(EMAIL)).toEqual({
      kind: 'verified',
      verification: { email: EMAIL, status: 'valid', score: 96 },
    });
    expect(transport.urls[0]).toBe(
      'https://api.hunter.io/v2/email-verifier?email=claire.martin%40exemple.fr',
    );
    expect(transport.urls[0]).not.toContain(KEY);
    expect(transport.headers[0]).toMatchObject({ 'X-API-KEY': KEY });
    expect(logs.join('\n')).not.toContain(KEY);
  });

  it('reads every documented status', () => {
    for (const status of ['valid', 'invalid', 'accept_all', 'webmail', 'disposable', 'unknown']) {
      const { hunter } = client([{ status: 200, body: verified(EMAIL, status, 50) }]);
      const result = hunter.verifyEmail(EMAIL);
      expect(result.kind === 'verified' && result.verification.status).toBe(status);
    }
  });

  it('asks again after a 202 (still verifying), and leaves the address pending when it lasts', () => {
    const still = { status: 202, body: JSON.stringify({ data: { status: 'unknown' } }) };
    const a = client([still, { status: 200, body: verified(EMAIL) }]);
    expect(a.hunter.verifyEmail(EMAIL).kind).toBe('verified');
    expect(a.slept).toEqual([2000]);

    const b = client([still, still, still, still]);
    expect(b.hunter.verifyEmail(EMAIL)).toEqual({ kind: 'pending' });
    expect(b.slept).toEqual([2000, 4000, 8000]);
  });

  it('leaves a 222 (the mail server answered oddly) for a later run, without retrying now', () => {
    const { hunter, slept, transport } = client([
      hunterError(222, 'verification_failed', 'The SMTP server answered unexpectedly.'),
    ]);
    expect(hunter.verifyEmail(EMAIL)).toEqual({ kind: 'pending' });
    expect(slept).toEqual([]);
    expect(transport.urls).toHaveLength(1);
  });

  it('retries a 403, Hunter’s rate limit', () => {
    const { hunter, slept } = client([
      hunterError(403, 'too_many_requests', 'You have reached the rate limit.'),
      { status: 200, body: verified(EMAIL) },
    ]);
    expect(hunter.verifyEmail(EMAIL).kind).toBe('verified');
    expect(slept).toEqual([2000]);
  });

  it('never retries a 429, Hunter’s exhausted credits, and stops the batch there', () => {
    const emails = Array.from({ length: 15 }, (_, i) => `p${i}@exemple.fr`);
    let n = 0;
    const { hunter, slept } = client((url) =>
      ++n === 12
        ? hunterError(429, 'too_many_requests', 'You have reached your usage limit.')
        : { status: 200, body: verified(decodeURIComponent(url.split('email=')[1] ?? '')) },
    );
    const batch = hunter.verifyEmails(emails);
    expect(batch.stopped).toMatchObject({ code: 'QUOTA', retryLater: false });
    expect(batch.stopped?.message).toMatch(/^Crédits Hunter épuisés/);
    expect(batch.results.filter((r) => r.kind === 'verified')).toHaveLength(14);
    expect(batch.results[11]).toEqual({ kind: 'not-sent' });
    // One pause between the two groups of ten; none for the 429.
    expect(slept).toEqual([1000]);
    expect(failure(() => client([hunterError(429, 'x', 'y')]).hunter.verifyEmail(EMAIL)).code).toBe(
      'QUOTA',
    );
  });

  it('sends ten requests a second: fetchAll groups of 10, a second apart', () => {
    const emails = Array.from({ length: 25 }, (_, i) => `p${i}@exemple.fr`);
    const { hunter, transport, slept } = client((url) => ({
      status: 200,
      body: verified(decodeURIComponent(url.split('email=')[1] ?? '')),
    }));
    const batch = hunter.verifyEmails(emails);
    expect(transport.batches).toEqual([10, 10, 5]);
    expect(slept).toEqual([1000, 1000]);
    expect(
      batch.results.map((r) => (r.kind === 'verified' ? r.verification.email : r.kind)),
    ).toEqual(emails);
  });

  it('refuses one address (400, 451) without stopping the others', () => {
    const { hunter } = client([
      hunterError(400, 'wrong_params', 'The email parameter is invalid.'),
      hunterError(451, 'unavailable_for_legal_reasons', 'Removed at the person’s request.'),
      { status: 200, body: verified('c@exemple.fr') },
    ]);
    const batch = hunter.verifyEmails(['a@exemple', 'b@exemple.fr', 'c@exemple.fr']);
    expect(batch.stopped).toBeNull();
    expect(batch.results.map((r) => r.kind)).toEqual(['refused', 'refused', 'verified']);
    expect(batch.results[1]).toMatchObject({ message: expect.stringMatching(/HTTP 451/) });
  });

  it('maps 401 to CONFIG, 5xx after retries to HTTP_5XX, a malformed body to HTTP_5XX', () => {
    const unauthorized = client([
      hunterError(401, 'authentication_failed', 'No user found for the API key supplied'),
    ]);
    expect(failure(() => unauthorized.hunter.verifyEmail(EMAIL)).code).toBe('CONFIG');
    expect(unauthorized.slept).toEqual([]);

    const down = client(Array.from({ length: 4 }, () => ({ status: 500, body: '' })));
    const error = failure(() => down.hunter.verifyEmail(EMAIL));
    expect(error.message).toBe(
      'Erreur du service Hunter (HTTP 500, après plusieurs essais) : réessayez plus tard.',
    );
    expect(down.slept).toEqual([2000, 4000, 8000]);

    const garbled = client([{ status: 200, body: '{"data": {"status": "val' }]);
    expect(failure(() => garbled.hunter.verifyEmail(EMAIL)).message).toMatch(
      /^Réponse illisible de Hunter/,
    );
  });

  it('finds an address from name and domain; a miss is a 200 with email null or a 404', () => {
    const found = JSON.stringify({
      data: {
        first_name: 'Claire',
        last_name: 'Martin',
        email: EMAIL,
        score: 91,
        domain: 'exemple.fr',
        verification: { date: '2026-11-20', status: 'valid' },
      },
      meta: {},
    });
    const { hunter, transport } = client([
      { status: 200, body: found },
      { status: 200, body: JSON.stringify({ data: { email: null, score: null }, meta: {} }) },
      hunterError(404, 'not_found', 'No email found.'),
    ]);
    const batch = hunter.findEmails([
      { domain: 'exemple.fr', firstName: 'Claire', lastName: 'Martin' },
      { domain: 'exemple.fr', firstName: 'Hugo', lastName: 'Roux' },
      { domain: 'exemple.fr', firstName: 'Nadia', lastName: 'Fabre' },
    ]);
    expect(batch.results).toEqual([
      { kind: 'found', found: { email: EMAIL, score: 91, status: 'valid' } },
      { kind: 'none' },
      { kind: 'none' },
    ]);
    expect(transport.urls[0]).toBe(
      'https://api.hunter.io/v2/email-finder?domain=exemple.fr&first_name=Claire&last_name=Martin&max_duration=10',
    );
  });
});

describe('Hunter client through UrlFetchApp and the sandbox stand-in', () => {
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
    const hunter = createHunterClient({
      apiKey,
      transport: createUrlFetchApp(makeEnv(), { routing: 'sandbox', sandboxPort: sandbox.port }),
      sleep: (ms) => slept.push(ms),
      random: () => 0,
      log: () => undefined,
    });
    return { hunter, slept };
  }

  it('verifies addresses with the stand-in’s statuses; the key never reaches the record', async () => {
    const { hunter } = live();
    const batch = hunter.verifyEmails([
      'claire.martin@societe.example.fr',
      'invalide@societe.example.fr',
      'quelquun@gmail.com',
      'x@yopmail.com',
    ]);
    const statuses = batch.results.map((r) =>
      r.kind === 'verified' ? r.verification.status : r.kind,
    );
    expect(statuses.slice(1)).toEqual(['invalid', 'webmail', 'disposable']);
    const recorded = await sandbox.requests('api.hunter.io');
    expect(recorded.every((r) => r.headers['x-api-key'] === '[redacted]')).toBe(true);
    expect(JSON.stringify(recorded)).not.toContain(KEY);
  });

  it('asks again after the stand-in’s 202, and stops on an injected 429', async () => {
    const { hunter, slept } = live();
    expect(hunter.verifyEmail('lent@societe.example.fr').kind).toBe('verified');
    expect(slept).toEqual([2000]);
    await sandbox.injectFault({ host: 'api.hunter.io', status: 429 });
    expect(failure(() => hunter.verifyEmail('a@societe.example.fr')).code).toBe('QUOTA');
  });

  it('retries an injected 403 and an injected 503', async () => {
    const { hunter, slept } = live();
    await sandbox.injectFault([
      { host: 'api.hunter.io', status: 403 },
      { host: 'api.hunter.io', status: 503 },
    ]);
    expect(hunter.verifyEmail('a@societe.example.fr').kind).toBe('verified');
    expect(slept).toEqual([2000, 4000]);
  });

  it('answers 401 to a missing or invalid key', () => {
    expect(
      failure(() => live('invalid-000000000000').hunter.verifyEmail('a@b.example.fr')).code,
    ).toBe('CONFIG');
  });

  it('finds addresses on example domains only', () => {
    const { hunter } = live();
    const batch = hunter.findEmails([
      { domain: 'societe.example.fr', firstName: 'Claire', lastName: 'Martin' },
      { domain: 'societe-reelle.fr', firstName: 'Claire', lastName: 'Martin' },
    ]);
    expect(batch.results[1]).toEqual({ kind: 'none' });
  });
});
