/**
 * The webhook sender (src/server/webhooks/webhook-sender.ts) against the contracts of
 * shared/apis/make.md and slack.md, through the real local UrlFetchApp and the sandbox's Make and
 * Slack stand-ins: a 2xx is delivered, a 4xx is refused after one request, 5xx and 429 are tried
 * again (honouring Slack's Retry-After) by the hourly job's policy and left for later by the
 * inline one, a timeout counts as no answer, several posts go out together, and no URL ends in
 * a log line.
 */
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { INLINE_POLICY, JOB_POLICY } from '../../src/core/webhooks/delivery';
import { opportunityClosedEvent } from '../../src/core/webhooks/events';
import { slackMessage } from '../../src/core/webhooks/slack-messages';
import type { ApiTransport } from '../../src/server/platform/api-sender';
import { postWebhooks, type WebhookPost } from '../../src/server/webhooks/webhook-sender';
import { makeEnv } from '../local/services-test-env';

const MAKE_URL = 'https://hook.eu2.make.com/abcdefghijklmnopqrstuvwxyz012345';
const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/webhookSECRETtoken';
const MAKE_HOST = 'hook.eu2.make.com';

const event = opportunityClosedEvent({
  opportunity: { id: 'OPP-000042', titre: 'Ruches au parc', etape: 'Gagné', montant: 4800 },
  organisation: { id: 'ORG-000001', nom: 'Commune de Vannes' },
  from: 'Négociation',
  atIso: '2026-11-29T10:15:00.000Z',
});

const makePost = (key = 'make|1', url = MAKE_URL): WebhookPost => ({
  key,
  channel: 'make',
  url,
  body: JSON.stringify(event),
});
const slackPost: WebhookPost = {
  key: 'slack|1',
  channel: 'slack',
  url: SLACK_URL,
  body: JSON.stringify(slackMessage('opportunite.gagnee', [event])),
};

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

function sender(timeoutMs?: number) {
  const slept: number[] = [];
  const logs: string[] = [];
  const transport = createUrlFetchApp(makeEnv(), {
    routing: 'sandbox',
    sandboxPort: sandbox.port,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  }) as unknown as ApiTransport;
  const deps = {
    transport,
    sleep: (ms: number) => slept.push(ms),
    random: () => 0,
    now: () => Date.parse('2026-11-29T10:15:00Z'),
    log: (line: string) => logs.push(line),
  };
  return { deps, slept, logs };
}

describe('webhook sender against the Make and Slack stand-ins', () => {
  it('delivers to Make (200 Accepted) the JSON event as it is', async () => {
    const { deps } = sender();
    const [result] = postWebhooks([makePost()], deps, INLINE_POLICY);
    expect(result).toEqual({ key: 'make|1', verdict: 'delivered', status: 200, message: '' });
    const { received } = (await sandbox.control('make', 'received', null)) as {
      received: Array<{ body: unknown; contentType: string }>;
    };
    expect(received).toHaveLength(1);
    expect(received[0]?.contentType).toMatch(/^application\/json/);
    expect(received[0]?.body).toEqual(event);
  });

  it('delivers to Slack (200 ok), Make and Slack posts in the same call', async () => {
    const { deps } = sender();
    const results = postWebhooks([makePost(), slackPost], deps, INLINE_POLICY);
    expect(results.map((r) => [r.key, r.verdict, r.status])).toEqual([
      ['make|1', 'delivered', 200],
      ['slack|1', 'delivered', 200],
    ]);
    const [slack] = await sandbox.requests('hooks.slack.com');
    expect(slack?.path).toBe('/services/T0001/B0002/[redacted…oken]');
  });

  it('sends the optional Make API key in x-make-apikey, redacted in the record', async () => {
    const { deps } = sender();
    postWebhooks([{ ...makePost(), apiKey: 'make-key-123456' }], deps, INLINE_POLICY);
    const [request] = await sandbox.requests(MAKE_HOST);
    expect(request?.headers['x-make-apikey']).toBe('[redacted]');
  });

  it('refuses a 4xx after one request, with the reason in French', async () => {
    await sandbox.injectFault([
      { host: MAKE_HOST, status: 400, times: 3 },
      { host: 'hooks.slack.com', status: 404, times: 3 },
    ]);
    const { deps, slept } = sender();
    const results = postWebhooks([makePost(), slackPost], deps, JOB_POLICY);
    expect(results.map((r) => [r.verdict, r.status])).toEqual([
      ['refused', 400],
      ['refused', 404],
    ]);
    expect(results[0]?.message).toMatch(/File d’attente Make pleine \(HTTP 400\)/);
    expect(results[1]?.message).toMatch(
      /Webhook Slack refusé ou désactivé \(HTTP 404 channel_not_found\)/,
    );
    expect(slept).toEqual([]);
    expect(await sandbox.requests()).toHaveLength(2);
  });

  it('refuses a dead Make webhook (410 Gone) and says to replace the URL', async () => {
    const { deps } = sender();
    const [result] = postWebhooks(
      [makePost('make|2', 'https://hook.eu2.make.com/gone0000000000000000000000000000')],
      deps,
      JOB_POLICY,
    );
    expect(result).toMatchObject({ verdict: 'refused', status: 410 });
    expect(result?.message).toMatch(/Webhook Make désactivé ou supprimé.*Paramètres et clés/);
  });

  it('retries a 5xx from the hourly job, with backoff, then delivers', async () => {
    await sandbox.injectFault({ host: MAKE_HOST, status: 500, times: 2 });
    const { deps, slept, logs } = sender();
    const [result] = postWebhooks([makePost()], deps, JOB_POLICY);
    expect(result).toMatchObject({ verdict: 'delivered', status: 200 });
    expect(slept).toEqual([10_000, 20_000]);
    expect((await sandbox.requests(MAKE_HOST)).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(logs.join('\n')).toMatch(/Make\.com : HTTP 500, nouvel essai/);
  });

  it('honours Slack’s 429 Retry-After', async () => {
    await sandbox.injectFault({ host: 'hooks.slack.com', status: 429, retryAfter: 2 });
    const { deps, slept } = sender();
    const [result] = postWebhooks([slackPost], deps, JOB_POLICY);
    expect(result?.verdict).toBe('delivered');
    expect(slept).toEqual([2000]);
  });

  it('leaves a 5xx or 429 for later after three tries by the job, and after one inline', async () => {
    await sandbox.injectFault({ host: MAKE_HOST, status: 503, times: 3 });
    const job = sender();
    const [fromJob] = postWebhooks([makePost()], job.deps, JOB_POLICY);
    expect(fromJob).toMatchObject({ verdict: 'retry-later', status: 503 });
    expect(fromJob?.message).toMatch(
      /Erreur du service Make\.com \(HTTP 503[^)]*\) : nouvel essai plus tard/,
    );
    await sandbox.reset();
    await sandbox.injectFault({ host: MAKE_HOST, status: 429 });
    const inline = sender();
    const [fromAction] = postWebhooks([makePost()], inline.deps, INLINE_POLICY);
    expect(fromAction).toMatchObject({ verdict: 'retry-later', status: 429 });
    expect(inline.slept).toEqual([]);
    expect(await sandbox.requests(MAKE_HOST)).toHaveLength(1);
  });

  it('counts a timeout as no answer, left for later', async () => {
    await sandbox.injectFault({ host: MAKE_HOST, delayMs: 1500, status: 200 });
    const { deps } = sender(300);
    const [result] = postWebhooks([makePost()], deps, INLINE_POLICY);
    expect(result).toMatchObject({ verdict: 'retry-later', status: null });
    expect(result?.message).toMatch(/Make\.com injoignable/);
  });

  it('never writes a webhook URL in its log lines or messages', async () => {
    await sandbox.injectFault([
      { host: MAKE_HOST, status: 502, times: 3 },
      { host: 'hooks.slack.com', status: 500, times: 3 },
    ]);
    const { deps, logs } = sender();
    const results = postWebhooks([makePost(), slackPost], deps, JOB_POLICY);
    const text = [...logs, ...results.map((r) => r.message)].join('\n');
    expect(text).not.toContain('abcdefghijklmnopqrstuvwxyz012345');
    expect(text).not.toContain('webhookSECRETtoken');
  });
});
