/**
 * The API sandbox end to end: the stand-in server in its worker thread, reached by the real
 * UrlFetchApp in sandbox mode; the Slack stand-in (shared/apis/slack.md); fault injection and
 * the record of requests, with keys redacted.
 */
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import {
  redactUrl,
  startSandbox,
  startSandboxSync,
  type SandboxHandle,
} from '../../src/local/sandbox';
import { redactBody, redactPath } from '../../src/local/sandbox/redact';
import { handleSlackWebhook } from '../../src/local/sandbox/stand-ins/slack';
import type { SandboxRequest } from '../../src/local/sandbox/types';
import { makeEnv } from './services-test-env';

const WEBHOOK = 'https://hooks.slack.com/services/T0001/B0002/abcdefSECRET';

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

function urlFetch(timeoutMs?: number) {
  const env = makeEnv();
  const options = timeoutMs === undefined ? {} : { timeoutMs };
  return {
    env,
    UrlFetchApp: createUrlFetchApp(env, {
      routing: 'sandbox',
      sandboxPort: sandbox.port,
      ...options,
    }),
  };
}

function post(body: string, contentType = 'application/json') {
  return { method: 'post', contentType, payload: body, muteHttpExceptions: true };
}

describe('sandbox server', () => {
  it('starts on a free port and reports its stand-ins', async () => {
    const res = await fetch(`${sandbox.origin}/__sandbox/health`);
    expect(await res.json()).toEqual({
      ok: true,
      standIns: ['slack', 'claude', 'boamp', 'apollo', 'hunter', 'make'],
    });
  });

  it('also starts synchronously', async () => {
    const other = startSandboxSync();
    try {
      expect(other.port).toBeGreaterThan(0);
      expect(other.port).not.toBe(sandbox.port);
      const res = await fetch(`${other.origin}/__sandbox/health`);
      expect(res.status).toBe(200);
    } finally {
      await other.stop();
    }
  });

  it('answers 501 for an API host that has no stand-in', async () => {
    // Every host the CRM calls has its stand-in now: ask for another one directly.
    const res = await fetch(`${sandbox.origin}/v1/anything`, {
      headers: { 'x-sandbox-host': 'api.unknown.example' },
    });
    expect(res.status).toBe(501);
  });
});

// shared/apis/slack.md §2: 200 `ok` text/plain; 400 invalid_payload / no_text; 404 no_service.
describe('Slack incoming webhook stand-in', () => {
  it('accepts a message with text or blocks', () => {
    const { UrlFetchApp } = urlFetch();
    const res = UrlFetchApp.fetch(WEBHOOK, post(JSON.stringify({ text: 'Nouveau lead chaud' })));
    expect(res.getResponseCode()).toBe(200);
    expect(res.getContentText()).toBe('ok');
    expect(res.getHeaders()['content-type']).toMatch(/^text\/plain/);
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Ville*' } }];
    expect(UrlFetchApp.fetch(WEBHOOK, post(JSON.stringify({ blocks }))).getResponseCode()).toBe(
      200,
    );
    // The JSON may also come in a `payload` form field.
    const form = UrlFetchApp.fetch(WEBHOOK, {
      method: 'post',
      payload: { payload: JSON.stringify({ text: 'x' }) },
      muteHttpExceptions: true,
    });
    expect(form.getContentText()).toBe('ok');
  });

  it('answers the documented plain-text errors', () => {
    const { UrlFetchApp } = urlFetch();
    const answer = (url: string, body: string) => {
      const res = UrlFetchApp.fetch(url, post(body));
      return [res.getResponseCode(), res.getContentText()];
    };
    expect(answer(WEBHOOK, '{not json')).toEqual([400, 'invalid_payload']);
    expect(answer(WEBHOOK, '{}')).toEqual([400, 'no_text']);
    expect(answer(WEBHOOK, JSON.stringify({ text: '  ' }))).toEqual([400, 'no_text']);
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(answer(WEBHOOK, JSON.stringify({ text: 'x', blocks: tooMany }))).toEqual([
      400,
      'invalid_payload',
    ]);
    const longSection = [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3001) } }];
    expect(answer(WEBHOOK, JSON.stringify({ text: 'x', blocks: longSection }))).toEqual([
      400,
      'invalid_payload',
    ]);
    expect(answer('https://hooks.slack.com/nothing', '{"text":"x"}')).toEqual([404, 'no_service']);
  });

  it('is a plain function of the request', () => {
    const request: SandboxRequest = {
      method: 'POST',
      host: 'hooks.slack.com',
      path: '/services/T/B/X',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"text":"hi"}'),
      bodyText: '{"text":"hi"}',
    };
    expect(handleSlackWebhook(request)).toMatchObject({ status: 200, body: 'ok' });
  });
});

describe('recorded requests', () => {
  it('lists what was sent, with keys and webhook secrets redacted', async () => {
    const { UrlFetchApp } = urlFetch();
    UrlFetchApp.fetch(WEBHOOK, post(JSON.stringify({ text: 'bonjour' })));
    UrlFetchApp.fetch('https://api.hunter.io/v2/email-verifier?email=a%40b.fr&api_key=HUNTERKEY', {
      headers: { 'X-API-KEY': 'HUNTERKEY' },
      muteHttpExceptions: true,
    });
    UrlFetchApp.fetch('https://api.anthropic.com/v1/messages', {
      method: 'post',
      contentType: 'application/json',
      headers: {
        'x-api-key': 'sk-ant-SECRET',
        'anthropic-version': '2023-06-01',
        Authorization: 'Bearer T',
      },
      payload: JSON.stringify({ model: 'm', api_key: 'leak' }),
      muteHttpExceptions: true,
    });
    const recorded = await sandbox.requests();
    expect(recorded.map((r) => [r.method, r.host, r.path, r.status])).toEqual([
      ['POST', 'hooks.slack.com', '/services/T0001/B0002/[redacted…CRET]', 200],
      ['GET', 'api.hunter.io', '/v2/email-verifier?email=a%40b.fr&api_key=[redacted]', 200],
      // The Claude stand-in refuses this body (no max_tokens), as the API would.
      ['POST', 'api.anthropic.com', '/v1/messages', 400],
    ]);
    expect(recorded[0]?.body).toBe('{"text":"bonjour"}');
    expect(recorded[1]?.headers['x-api-key']).toBe('[redacted]');
    expect(recorded[2]?.headers).toMatchObject({
      'x-api-key': '[redacted]',
      authorization: '[redacted]',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    });
    expect(recorded[2]?.body).toBe('{"model":"m","api_key":"[redacted]"}');
    expect(JSON.stringify(recorded)).not.toMatch(/HUNTERKEY|sk-ant-SECRET|abcdefSECRET|leak/);
    expect(await sandbox.requests('api.hunter.io')).toHaveLength(1);
    await sandbox.reset();
    expect(await sandbox.requests()).toEqual([]);
  });

  it('redacts URLs for logs', () => {
    expect(redactUrl('https://hook.eu1.make.com/abcdefghijklmnopqrstuvwxyz123456?x=1')).toBe(
      'https://hook.eu1.make.com/[redacted…3456]?x=1',
    );
    expect(redactPath('api.hunter.io', '/v2/domain-search?domain=x.fr&API_KEY=k')).toBe(
      '/v2/domain-search?domain=x.fr&API_KEY=[redacted]',
    );
    expect(redactBody('api_key=abc&x=1')).toBe('api_key=[redacted]&x=1');
  });
});

describe('fault injection', () => {
  it('answers the injected status the given number of times, in the API shape, with Retry-After', async () => {
    await sandbox.injectFault({ host: 'hooks.slack.com', status: 429, times: 2, retryAfter: 3 });
    const { UrlFetchApp } = urlFetch();
    const codes = [1, 2, 3].map(() => {
      const res = UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}'));
      return [res.getResponseCode(), res.getContentText(), res.getHeaders()['retry-after']];
    });
    expect(codes).toEqual([
      [429, 'rate_limited', '3'],
      [429, 'rate_limited', '3'],
      [200, 'ok', undefined],
    ]);
    expect((await sandbox.requests()).map((r) => r.faulted)).toEqual([true, true, false]);
  });

  it('matches on path prefix and method, and can set the body', async () => {
    await sandbox.injectFault([
      { host: 'hooks.slack.com', pathPrefix: '/services/OTHER', status: 500 },
      { host: 'hooks.slack.com', method: 'GET', status: 503 },
      { host: 'api.apollo.io', status: 422, body: { error: 'invalid' } },
    ]);
    const { UrlFetchApp } = urlFetch();
    expect(UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}')).getResponseCode()).toBe(200);
    const other = UrlFetchApp.fetch(
      'https://hooks.slack.com/services/OTHER/B/C',
      post('{"text":"x"}'),
    );
    expect([other.getResponseCode(), other.getContentText()]).toEqual([500, 'rollup_error']);
    const apollo = UrlFetchApp.fetch('https://api.apollo.io/api/v1/people/match', post('{}'));
    expect([apollo.getResponseCode(), apollo.getContentText()]).toEqual([
      422,
      '{"error":"invalid"}',
    ]);
  });

  it('gives the UrlFetchApp timeout error when the answer comes after the client timeout', async () => {
    await sandbox.injectFault({ host: 'hooks.slack.com', delayMs: 3000, status: 200 });
    const { UrlFetchApp } = urlFetch(250);
    expect(() => UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}'))).toThrow(`Timeout: ${WEBHOOK}`);
    // The next request is served normally.
    expect(UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}')).getResponseCode()).toBe(200);
  });

  it('delays without changing the answer when no status is given', async () => {
    await sandbox.injectFault({ host: 'hooks.slack.com', delayMs: 50 });
    const { UrlFetchApp } = urlFetch();
    expect(UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}')).getContentText()).toBe('ok');
  });

  it('resets the connection, which UrlFetchApp reports as Address unavailable', async () => {
    await sandbox.injectFault({ host: 'hooks.slack.com', resetConnection: true });
    const { UrlFetchApp } = urlFetch();
    expect(() => UrlFetchApp.fetch(WEBHOOK, post('{"text":"x"}'))).toThrow(
      `Address unavailable: ${WEBHOOK}`,
    );
  });

  it('rejects a fault without a host', async () => {
    await expect(sandbox.injectFault({ host: '' })).rejects.toThrow(/needs a host/);
  });
});
