/**
 * The Claude client (src/server/claude/claude-client.ts) against the contract of
 * shared/apis/anthropic.md. First with a small fake transport replaying the recorded response
 * shapes (§4 and §5) — a structured answer, a `thinking` block before the text, 429 with and
 * without `retry-after`, 529, 401, 5xx, malformed JSON, an answer that does not fit — so every
 * sleep and every request can be checked; then through the real local UrlFetchApp against the
 * sandbox's Claude stand-in with injected faults.
 */
import { buildExplainScoreTask, type ExplainScoreInput } from '../../src/core/ai/explain-score';
import { isCrmError, type CrmError } from '../../src/core/errors';
import {
  createClaudeClient,
  type BilledCall,
  type ClaudeClientDeps,
  type HttpTransport,
} from '../../src/server/claude/claude-client';
import { createUrlFetchApp } from '../../src/local/runtime/services/url-fetch/url-fetch-app';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { makeEnv } from '../local/services-test-env';

const KEY = 'sk-ant-api03-test-secret-key';

// --- recorded shapes (anthropic.md §4, §5) ---------------------------------------------------

const ANSWER = {
  explication:
    'La commune de Vannes obtient 47/100 : sa population de 54 947 habitants la place au cœur de la cible. Son budget biodiversité confirmé renforce l’engagement. En revanche, aucune interaction n’est encore enregistrée, ce qui pèse sur la relation.',
  prochaineAction:
    'Appeler l’adjointe à l’environnement pour présenter le parrainage de ruches avant le vote du budget.',
};

const USAGE = {
  input_tokens: 812,
  output_tokens: 143,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  service_tier: 'standard',
  server_tool_use: null,
  inference_geo: null,
  output_tokens_details: null,
};

function message(content: unknown[], over: Record<string, unknown> = {}) {
  return {
    id: 'msg_01AbCdEfGh',
    type: 'message',
    role: 'assistant',
    model: 'claude-haiku-4-5-20251001',
    content,
    stop_reason: 'end_turn',
    stop_sequence: null,
    stop_details: null,
    usage: USAGE,
    container: null,
    ...over,
  };
}

const textBlock = (text: string) => ({ type: 'text', text, citations: null });
const success = message([textBlock(JSON.stringify(ANSWER))]);

function apiError(type: string, text: string) {
  return {
    type: 'error',
    error: { type, message: text },
    request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
  };
}

const RATE_LIMITED = apiError(
  'rate_limit_error',
  'Number of request tokens has exceeded your per-minute rate limit',
);
const OVERLOADED = apiError('overloaded_error', 'Overloaded');

// --- a fake transport and ledger ---------------------------------------------------------------

type Reply =
  { status: number; body: unknown; headers?: Record<string, string> } | { throws: string };

interface Sent {
  url: string;
  params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
}

function fakeTransport(replies: Reply[]): HttpTransport & { sent: Sent[] } {
  const sent: Sent[] = [];
  return {
    sent,
    fetch(url, params) {
      sent.push({ url, params });
      const reply = replies.shift();
      if (!reply) throw new Error('The test gave no more replies.');
      if ('throws' in reply) throw new Error(reply.throws);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return {
        getResponseCode: () => reply.status,
        getContentText: () => text,
        getHeaders: () => ({ 'request-id': 'req_018EeWyXxfu5pfWkrYcMdjWG', ...reply.headers }),
      };
    },
  };
}

function client(replies: Reply[], over: Partial<ClaudeClientDeps> = {}) {
  const transport = fakeTransport(replies);
  const slept: number[] = [];
  const billed: BilledCall[] = [];
  const logs: string[] = [];
  let available = true;
  const claude = createClaudeClient({
    apiKey: KEY,
    model: 'claude-haiku-4-5',
    transport,
    sleep: (ms) => slept.push(ms),
    random: () => 0,
    ledger: {
      ensureAvailable() {
        if (!available)
          throw Object.assign(new Error('Budget Claude du mois épuisé'), {
            name: 'CrmError',
            code: 'QUOTA',
          });
      },
      record: (call) => billed.push(call),
    },
    log: (line) => logs.push(line),
    ...over,
  });
  return {
    claude,
    transport,
    slept,
    billed,
    logs,
    exhaustBudget() {
      available = false;
    },
  };
}

const input: ExplainScoreInput = {
  kind: 'organisations',
  today: '2026-11-28',
  score: 47,
  reasons: ['Adéquation 20/20 — Commune de 54 947 habitants (≥ 5 000) : +18', 'Confiance : 100 %'],
  record: { nom: 'Commune de Vannes', type: 'Commune' },
  organisation: null,
  interactions: [],
};
const task = buildExplainScoreTask(input);
const subject = { tab: 'Organisations', recordId: 'ORG-000012' };

function failure(run: () => unknown): CrmError {
  try {
    run();
  } catch (error) {
    if (isCrmError(error)) return error;
    throw error;
  }
  throw new Error('expected a CrmError');
}

// --- the contract --------------------------------------------------------------------------

describe('Claude client, recorded shapes', () => {
  it('sends the portable request and returns the validated structured answer', () => {
    const { claude, transport, billed, slept } = client([{ status: 200, body: success }]);
    const answer = claude.generate(task, subject);
    expect(answer).toEqual({
      value: ANSWER,
      model: 'claude-haiku-4-5-20251001',
      usage: {
        inputTokens: 812,
        outputTokens: 143,
        cacheCreationInputTokens: 0,
        cacheReadInputTokens: 0,
      },
    });
    expect(slept).toEqual([]);
    expect(transport.sent).toHaveLength(1);
    const [{ url, params }] = transport.sent as [Sent];
    expect(url).toBe('https://api.anthropic.com/v1/messages');
    expect(params).toMatchObject({
      method: 'post',
      contentType: 'application/json',
      muteHttpExceptions: true,
      headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    });
    const body = JSON.parse(String(params.payload)) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'max_tokens',
      'messages',
      'model',
      'output_config',
      'system',
    ]);
    expect(body.output_config).toEqual({
      format: { type: 'json_schema', schema: task.jsonSchema },
    });
    expect(billed).toEqual([
      {
        purpose: 'Expliquer ce score',
        model: 'claude-haiku-4-5-20251001',
        usage: answer.usage,
        subject,
      },
    ]);
  });

  it('reads the text block by type when a thinking block comes first', () => {
    const { claude } = client([
      {
        status: 200,
        body: message([
          {
            type: 'thinking',
            thinking: 'Le score combine…',
            signature: 'EqQBCgIYAhIM1gbcDa9GJwZA',
          },
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
          textBlock(JSON.stringify(ANSWER)),
        ]),
      },
    ]);
    expect(claude.generate(task).value).toEqual(ANSWER);
  });

  it('retries a 429 after the retry-after it gives, then succeeds', () => {
    const { claude, transport, slept, logs } = client([
      { status: 429, body: RATE_LIMITED, headers: { 'retry-after': '2' } },
      { status: 200, body: success },
    ]);
    expect(claude.generate(task).value).toEqual(ANSWER);
    expect(transport.sent).toHaveLength(2);
    expect(slept).toEqual([2000]);
    expect(logs.join('\n')).toContain('HTTP 429, nouvel essai dans 2000 ms');
  });

  it('stops at once on a 429 without retry-after: the account’s spend cap', () => {
    const { claude, transport, slept, billed } = client([{ status: 429, body: RATE_LIMITED }]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('QUOTA');
    expect(error.message).toMatch(/^Plafond de dépense mensuel du compte Anthropic atteint/);
    expect(transport.sent).toHaveLength(1);
    expect(slept).toEqual([]);
    expect(billed).toEqual([]);
  });

  it('retries 529 overloaded with exponential backoff', () => {
    const { claude, transport, slept } = client([
      { status: 529, body: OVERLOADED },
      { status: 529, body: OVERLOADED },
      { status: 200, body: success },
    ]);
    expect(claude.generate(task).value).toEqual(ANSWER);
    expect(transport.sent).toHaveLength(3);
    expect(slept).toEqual([1000, 2000]);
  });

  it('gives up after the retries with a French HTTP_5XX', () => {
    const { claude, transport } = client([
      { status: 529, body: OVERLOADED },
      { status: 529, body: OVERLOADED },
      { status: 529, body: OVERLOADED },
    ]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toBe(
      'Claude est surchargé (HTTP 529, après plusieurs essais) : réessayez dans quelques minutes.',
    );
    expect(transport.sent).toHaveLength(3);
  });

  it('retries a 500, then succeeds', () => {
    const { claude, slept } = client([
      { status: 500, body: apiError('api_error', 'Internal server error') },
      { status: 200, body: success },
    ]);
    expect(claude.generate(task).value).toEqual(ANSWER);
    expect(slept).toEqual([1000]);
  });

  it('maps 401 to CONFIG without retrying, and never logs the key', () => {
    const { claude, transport, logs } = client([
      { status: 401, body: apiError('authentication_error', 'invalid x-api-key') },
    ]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toBe(
      'Clé Claude refusée par Anthropic (HTTP 401) : vérifiez ou remplacez la clé dans Paramètres.',
    );
    expect(transport.sent).toHaveLength(1);
    expect(logs.join('\n')).toContain('req_011CSHoEeqs5C35K2UUqR7Fy');
    expect(logs.join('\n')).not.toContain(KEY);
    expect(error.message).not.toContain(KEY);
  });

  it.each([
    [400, 'invalid_request_error', 'HTTP_4XX', /^Claude a refusé la requête \(HTTP 400/],
    [402, 'billing_error', 'QUOTA', /^Paiement du compte Anthropic en défaut/],
    [403, 'permission_error', 'CONFIG', /^La clé Claude n’a pas accès/],
    [404, 'not_found_error', 'CONFIG', /^Modèle Claude « claude-haiku-4-5 » introuvable/],
  ])('maps %i %s to %s without retrying', (status, type, code, message) => {
    const { claude, transport } = client([{ status, body: apiError(type, 'Something failed') }]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(transport.sent).toHaveLength(1);
  });

  it('reads a 413 whose body is Cloudflare’s HTML, not the API’s JSON', () => {
    const { claude } = client([
      { status: 413, body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>' },
    ]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('HTTP_4XX');
    expect(error.message).toMatch(/^Requête trop volumineuse pour Claude \(HTTP 413\)/);
  });

  it('refuses a 200 whose body is not JSON, and bills nothing it cannot read', () => {
    const { claude, billed } = client([{ status: 200, body: '{"id":"msg_01AbC","type":"mess' }]);
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toBe(
      'Réponse de Claude rejetée : la réponse n’est pas du JSON lisible. Rien n’a été modifié ; réessayez.',
    );
    expect(billed).toEqual([]);
  });

  it('refuses an answer that does not fit the schema, but still counts its tokens', () => {
    const { claude, billed, transport } = client([
      {
        status: 200,
        body: message([textBlock(JSON.stringify({ explication: 'Bon score.', score: 100 }))]),
      },
    ]);
    const error = failure(() => claude.generate(task, subject));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toMatch(
      /^Réponse de Claude rejetée : elle ne respecte pas le format attendu \(.*explication : trop court/,
    );
    expect(billed).toHaveLength(1);
    // Not retried: the same request would give the same kind of answer (anthropic.md §3).
    expect(transport.sent).toHaveLength(1);
  });

  it('refuses a text block that is not JSON', () => {
    const { claude } = client([
      { status: 200, body: message([textBlock('Voici mon explication : le score est bon.')]) },
    ]);
    expect(failure(() => claude.generate(task)).message).toContain('elle n’est pas du JSON valide');
  });

  it('refuses an answer cut by max_tokens, and a refusal', () => {
    const truncated = client([
      {
        status: 200,
        body: message([textBlock('{"explication": "La commune')], { stop_reason: 'max_tokens' }),
      },
    ]);
    expect(failure(() => truncated.claude.generate(task)).message).toContain(
      'la réponse a été tronquée (limite de jetons atteinte)',
    );
    expect(truncated.billed).toHaveLength(1);
    const refused = client([
      { status: 200, body: message([], { stop_reason: 'refusal', stop_details: {} }) },
    ]);
    const error = failure(() => refused.claude.generate(task));
    expect(error.code).toBe('HTTP_4XX');
    expect(error.message).toContain('Claude a refusé de répondre');
  });

  it('retries a timeout, and says Claude is unreachable when it persists', () => {
    const flaky = client([
      { throws: 'Timeout: https://api.anthropic.com/v1/messages' },
      { status: 200, body: success },
    ]);
    expect(flaky.claude.generate(task).value).toEqual(ANSWER);
    expect(flaky.slept).toEqual([1000]);
    const down = client([
      { throws: 'Address unavailable: https://api.anthropic.com/v1/messages' },
      { throws: 'Address unavailable: https://api.anthropic.com/v1/messages' },
      { throws: 'Address unavailable: https://api.anthropic.com/v1/messages' },
    ]);
    const error = failure(() => down.claude.generate(task));
    expect(error.code).toBe('HTTP_5XX');
    expect(error.message).toMatch(/^Claude injoignable/);
  });

  it('stops on UrlFetchApp’s daily quota, in any language', () => {
    const { claude, transport } = client([
      { throws: 'Service invoked too many times for one day: urlfetch.' },
    ]);
    expect(failure(() => claude.generate(task)).code).toBe('QUOTA');
    expect(transport.sent).toHaveLength(1);
  });

  it('keeps a paid answer when its usage cannot be recorded, and says so in the log', () => {
    const run = client([{ status: 200, body: success }], {
      ledger: {
        ensureAvailable: () => undefined,
        record: () => {
          throw new Error('Lock timeout: another process was holding the lock');
        },
      },
    });
    expect(run.claude.generate(task).value).toEqual(ANSWER);
    expect(run.logs.join('\n')).toContain('consommation non enregistrée (Lock timeout');
  });

  it('makes no call once the month’s budget is spent', () => {
    const run = client([{ status: 200, body: success }]);
    run.exhaustBudget();
    expect(failure(() => run.claude.generate(task)).code).toBe('QUOTA');
    expect(run.transport.sent).toEqual([]);
  });

  it('checks the model with GET /v1/models/{id}', () => {
    const model = {
      type: 'model',
      id: 'claude-haiku-4-5-20251001',
      display_name: 'Claude Haiku 4.5',
      created_at: '2025-10-01T00:00:00Z',
      max_input_tokens: 200000,
      max_tokens: 64000,
      capabilities: { structured_outputs: { supported: true }, batch: { supported: true } },
    };
    const ok = client([{ status: 200, body: model }]);
    expect(ok.claude.checkModel()).toEqual({
      id: 'claude-haiku-4-5-20251001',
      displayName: 'Claude Haiku 4.5',
      structuredOutputs: true,
    });
    expect(ok.transport.sent[0]?.url).toBe('https://api.anthropic.com/v1/models/claude-haiku-4-5');
    expect(ok.transport.sent[0]?.params.payload).toBeUndefined();

    const legacy = client([{ status: 200, body: { ...model, capabilities: undefined } }]);
    expect(legacy.claude.checkModel().structuredOutputs).toBeNull();

    const unknown = client([{ status: 404, body: apiError('not_found_error', 'model: claude-x') }]);
    const error = failure(() => unknown.claude.checkModel('claude-x'));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toBe(
      'Modèle Claude « claude-x » introuvable (HTTP 404) : corrigez « claude.modele » dans Paramètres.',
    );

    const plain = client([
      {
        status: 200,
        body: { ...model, capabilities: { structured_outputs: { supported: false } } },
      },
    ]);
    expect(failure(() => plain.claude.checkModel()).message).toMatch(
      /ne sait pas répondre en JSON structuré/,
    );
  });
});

// --- through UrlFetchApp and the sandbox stand-in ----------------------------------------------

describe('Claude client through UrlFetchApp and the sandbox stand-in', () => {
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

  function sandboxClient(apiKey = KEY) {
    const slept: number[] = [];
    const billed: BilledCall[] = [];
    const UrlFetchApp = createUrlFetchApp(makeEnv(), {
      routing: 'sandbox',
      sandboxPort: sandbox.port,
    });
    const claude = createClaudeClient({
      apiKey,
      model: 'claude-haiku-4-5',
      transport: UrlFetchApp as unknown as HttpTransport,
      sleep: (ms) => slept.push(ms),
      random: () => 0,
      ledger: { ensureAvailable: () => undefined, record: (call) => billed.push(call) },
      log: () => undefined,
    });
    return { claude, slept, billed };
  }

  it('gets a schema-valid French answer, and the key is redacted in the sandbox’s record', async () => {
    const { claude, billed } = sandboxClient();
    const answer = claude.generate(task, subject);
    expect(answer.model).toBe('claude-haiku-4-5-20251001');
    expect(answer.value.explication).toContain('47/100');
    expect(answer.value.explication).toContain('mode démo');
    expect(billed[0]?.usage.inputTokens).toBeGreaterThan(100);
    const [request] = await sandbox.requests('api.anthropic.com');
    expect(request?.headers['x-api-key']).toBe('[redacted]');
    expect(JSON.stringify(request)).not.toContain(KEY);
  });

  it('honours an injected 429 with Retry-After, then succeeds', async () => {
    await sandbox.injectFault({ host: 'api.anthropic.com', status: 429, retryAfter: 3 });
    const { claude, slept } = sandboxClient();
    expect(claude.generate(task).value.prochaineAction.length).toBeGreaterThan(10);
    expect(slept).toEqual([3000]);
    const requests = await sandbox.requests('api.anthropic.com');
    expect(requests.map((r) => [r.status, r.faulted])).toEqual([
      [429, true],
      [200, false],
    ]);
  });

  it('stops on an injected 429 without Retry-After', async () => {
    await sandbox.injectFault({ host: 'api.anthropic.com', status: 429, times: 3 });
    const { claude, slept } = sandboxClient();
    expect(failure(() => claude.generate(task)).code).toBe('QUOTA');
    expect(slept).toEqual([]);
    expect(await sandbox.requests('api.anthropic.com')).toHaveLength(1);
  });

  it('retries injected 529s with the API’s error body, then gives up', async () => {
    await sandbox.injectFault({ host: 'api.anthropic.com', status: 529, times: 3 });
    const { claude, slept } = sandboxClient();
    const error = failure(() => claude.generate(task));
    expect(error.code).toBe('HTTP_5XX');
    expect(slept).toEqual([1000, 2000]);
  });

  it('maps a refused key to CONFIG', () => {
    const { claude } = sandboxClient('sk-ant-invalid-key');
    expect(failure(() => claude.generate(task)).code).toBe('CONFIG');
  });

  it('checks models: an alias resolves, an unknown id is CONFIG', () => {
    const { claude } = sandboxClient();
    expect(claude.checkModel('claude-haiku-4-5')).toEqual({
      id: 'claude-haiku-4-5-20251001',
      displayName: 'Claude Haiku 4.5',
      structuredOutputs: true,
    });
    expect(failure(() => claude.checkModel('claude-inexistant')).code).toBe('CONFIG');
  });
});
