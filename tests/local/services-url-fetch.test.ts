/**
 * Conformance of UrlFetchApp to Apps Script (developers.google.com/apps-script/reference/
 * url-fetch/url-fetch-app, shared/apis/urlfetchapp.md): response API, the exception for
 * status ≥ 400, payload encodings, fetchAll, redirects, the whitelist, sandbox routing and
 * transport errors. Requests go to the API sandbox (its own thread) or, in live mode, to
 * local addresses only.
 */
import * as net from 'node:net';
import {
  createUrlFetchApp,
  type UrlFetchAppOptions,
} from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { isWhitelisted } from '../../src/local/runtime/services/url-fetch/routing';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { makeEnv } from './services-test-env';

const WEBHOOK = 'https://hooks.slack.com/services/T1/B2/SECRET';
const MANIFEST_WHITELIST = [
  'https://boamp-datadila.opendatasoft.com/',
  'https://api.anthropic.com/',
  'https://api.apollo.io/',
  'https://api.hunter.io/',
  'https://*.make.com/',
  'https://hooks.slack.com/',
];

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

function setup(options: UrlFetchAppOptions = {}) {
  const env = makeEnv();
  return {
    env,
    UrlFetchApp: createUrlFetchApp(env, {
      routing: 'sandbox',
      sandboxPort: sandbox.port,
      ...options,
    }),
  };
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an exception');
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('HTTPResponse', () => {
  it('gives status, text, signed bytes, headers and a blob', async () => {
    await sandbox.injectFault({
      host: 'api.apollo.io',
      status: 200,
      body: { name: 'Zoé' },
      headers: { 'x-minute-requests-left': '49' },
    });
    const { UrlFetchApp } = setup();
    const res = UrlFetchApp.fetch('https://api.apollo.io/api/v1/people/match', {
      method: 'post',
      payload: '{}',
    });
    expect(res.getResponseCode()).toBe(200);
    expect(JSON.parse(res.getContentText())).toEqual({ name: 'Zoé' });
    // Java bytes are signed: the UTF-8 bytes of 'é' (0xC3 0xA9) read -61 and -87.
    expect(res.getContent().slice(-5)).toEqual([111, -61, -87, 34, 125]);
    // Names as the transport gives them (lower case): callers must look them up case-insensitively.
    expect(res.getHeaders()['x-minute-requests-left']).toBe('49');
    expect(res.getAllHeaders()['content-type']).toMatch(/application\/json/);
    expect(res.getBlob().getContentType()).toMatch(/application\/json/);
    expect(res.getBlob().getDataAsString()).toBe('{"name":"Zoé"}');
  });
});

describe('HTTP errors', () => {
  it('throws for a status ≥ 400 with the URL cut to its origin and the body quoted', () => {
    const { UrlFetchApp } = setup();
    const error = thrown(() =>
      UrlFetchApp.fetch(WEBHOOK, {
        method: 'post',
        contentType: 'application/json',
        payload: '{}',
      }),
    );
    expect(error.name).toBe('Exception');
    expect(error.message).toBe(
      'Request failed for https://hooks.slack.com returned code 400. Truncated server response: no_text (use muteHttpExceptions option to examine full response)',
    );
  });

  it('truncates a long body in the exception, and returns it whole when muted', async () => {
    const long = 'x'.repeat(1500);
    await sandbox.injectFault({ host: 'api.anthropic.com', status: 529, body: long, times: 2 });
    const { UrlFetchApp } = setup();
    const url = 'https://api.anthropic.com/v1/messages';
    const error = thrown(() => UrlFetchApp.fetch(url, { method: 'post', payload: '{}' }));
    expect(error.message).toBe(
      `Request failed for https://api.anthropic.com returned code 529. Truncated server response: ${'x'.repeat(1000)}... (use muteHttpExceptions option to examine full response)`,
    );
    const muted = UrlFetchApp.fetch(url, {
      method: 'post',
      payload: '{}',
      muteHttpExceptions: true,
    });
    expect(muted.getResponseCode()).toBe(529);
    expect(muted.getContentText()).toBe(long);
  });
});

describe('payloads', () => {
  it('form-encodes an object, sends strings and bytes as given, defaults the content type', async () => {
    const { UrlFetchApp } = setup();
    const url = 'https://hook.eu1.make.com/abcd1234';
    const opts = { method: 'post', muteHttpExceptions: true };
    UrlFetchApp.fetch(url, { ...opts, payload: { event: 'lead chaud', score: 87 } });
    UrlFetchApp.fetch(url, { ...opts, contentType: 'application/json', payload: '{"a":1}' });
    UrlFetchApp.fetch(url, {
      ...opts,
      contentType: 'application/octet-stream',
      payload: [104, 105, -1],
    });
    UrlFetchApp.fetch(url, { ...opts, headers: { 'Content-Type': 'text/csv' }, payload: 'a;b' });
    const recorded = await sandbox.requests();
    expect(recorded.map((r) => [r.headers['content-type'], r.body])).toEqual([
      ['application/x-www-form-urlencoded', 'event=lead+chaud&score=87'],
      ['application/json', '{"a":1}'],
      ['application/octet-stream', 'hi\ufffd'],
      ['text/csv', 'a;b'],
    ]);
    expect(recorded[0]?.headers['user-agent']).toMatch(/Google-Apps-Script/);
  });

  it('does not send a payload with GET, and says so in the log', async () => {
    const { env, UrlFetchApp } = setup();
    UrlFetchApp.fetch('https://api.hunter.io/v2/account', {
      payload: 'x=1',
      muteHttpExceptions: true,
    });
    expect((await sandbox.requests())[0]?.body).toBe('');
    expect(env.logs.map((l) => l.level)).toEqual(['warn']);
  });

  it('describes a request without sending it', async () => {
    const { UrlFetchApp } = setup();
    const request = UrlFetchApp.getRequest('https://example.org/x', {
      method: 'post',
      payload: { a: 'b' },
    });
    expect(request).toMatchObject({
      url: 'https://example.org/x',
      method: 'post',
      contentType: 'application/x-www-form-urlencoded',
      payload: 'a=b',
      followRedirects: true,
    });
    expect(await sandbox.requests()).toEqual([]);
  });
});

describe('fetchAll', () => {
  it('returns responses in request order and counts each request', () => {
    const { env, UrlFetchApp } = setup();
    const ok = {
      url: WEBHOOK,
      method: 'post',
      contentType: 'application/json',
      payload: '{"text":"a"}',
    };
    const bad = { ...ok, payload: '{}', muteHttpExceptions: true };
    const responses = UrlFetchApp.fetchAll([ok, bad, ok]);
    expect(responses.map((r) => [r.getResponseCode(), r.getContentText()])).toEqual([
      [200, 'ok'],
      [400, 'no_text'],
      [200, 'ok'],
    ]);
    expect(env.counter.snapshot()).toMatchObject({
      'UrlFetchApp.fetchAll': 1,
      'UrlFetchApp.httpRequest': 3,
    });
  });

  it('throws for the whole batch when one request fails unmuted', () => {
    const { UrlFetchApp } = setup();
    const ok = {
      url: WEBHOOK,
      method: 'post',
      contentType: 'application/json',
      payload: '{"text":"a"}',
    };
    expect(() => UrlFetchApp.fetchAll([ok, { ...ok, payload: '{}' }])).toThrow(/returned code 400/);
  });
});

describe('redirects', () => {
  it('returns the 3xx when followRedirects is false and follows it otherwise', async () => {
    const fault = {
      host: 'hooks.slack.com',
      status: 302,
      headers: { location: '/services/T/B/moved' },
    };
    await sandbox.injectFault([fault, fault]);
    const { UrlFetchApp } = setup();
    const opts = {
      method: 'post',
      contentType: 'application/json',
      payload: '{"text":"x"}',
      muteHttpExceptions: true,
    };
    const manual = UrlFetchApp.fetch(WEBHOOK, { ...opts, followRedirects: false });
    expect(manual.getResponseCode()).toBe(302);
    expect(manual.getHeaders().location).toBe('/services/T/B/moved');
    // A 302 turns the POST into a GET, which the webhook refuses.
    expect(UrlFetchApp.fetch(WEBHOOK, opts).getResponseCode()).toBe(405);
    const paths = (await sandbox.requests()).map((r) => `${r.method} ${r.path}`);
    expect(paths[paths.length - 1]).toBe('GET /services/T/B/[redacted…oved]');
  });
});

describe('where requests may go', () => {
  it('enforces the manifest whitelist, with a leading *. matching subdomains', () => {
    const { UrlFetchApp } = setup({ urlFetchWhitelist: MANIFEST_WHITELIST, routing: 'live' });
    expect(thrown(() => UrlFetchApp.fetch('https://evil.example/x')).message).toBe(
      'Request to https://evil.example/x failed because the URL has not been whitelisted in the script manifest.',
    );
    expect(isWhitelisted('https://hook.eu1.make.com/abc', MANIFEST_WHITELIST)).toBe(true);
    expect(isWhitelisted('https://make.com/abc', MANIFEST_WHITELIST)).toBe(false);
    expect(isWhitelisted('https://api.hunter.io/v2/x', MANIFEST_WHITELIST)).toBe(true);
    expect(isWhitelisted('https://api.hunter.io.evil.com/', MANIFEST_WHITELIST)).toBe(false);
    expect(isWhitelisted('http://api.hunter.io/v2/x', MANIFEST_WHITELIST)).toBe(false);
  });

  it('refuses any non-API host in sandbox mode, and everything when the sandbox is not running', () => {
    const { UrlFetchApp } = setup();
    expect(thrown(() => UrlFetchApp.fetch('https://www.google.com/')).message).toMatch(
      /^Sandbox mode: request to www\.google\.com refused/,
    );
    const env = makeEnv();
    const noSandbox = createUrlFetchApp(env);
    expect(() => noSandbox.fetch(WEBHOOK)).toThrow(/the API sandbox is not running/);
  });

  it('rejects a URL that is not http(s)', () => {
    const { UrlFetchApp } = setup();
    expect(thrown(() => UrlFetchApp.fetch('pas une url')).message).toBe(
      'Invalid argument: pas une url',
    );
  });
});

describe('transport errors in live mode', () => {
  it('reports a refused connection as Address unavailable', async () => {
    const port = await closedPort();
    const { UrlFetchApp } = setup({ routing: 'live' });
    const url = `http://127.0.0.1:${port}/x`;
    expect(thrown(() => UrlFetchApp.fetch(url)).message).toBe(`Address unavailable: ${url}`);
  });

  it('reports an unknown host as a DNS error', () => {
    const { UrlFetchApp } = setup({ routing: 'live' });
    const url = 'http://no-such-host.invalid/';
    expect(thrown(() => UrlFetchApp.fetch(url)).message).toBe(`DNS error: ${url}`);
  });
});
