/**
 * « Paramètres et clés… » end to end on dist/Code.js with the sandbox's stand-ins: keys saved and
 * shown masked, refused when they cannot be right, tested with one real call each (Claude's
 * model lookup, Apollo's auth/health, Hunter's account, a test post to Make and Slack), cleared;
 * the web app's secret generated, shown once and accepted by doPost; and no key or webhook URL
 * ever in a log line, the Journal, an answer or the sandbox's record.
 */
import type {
  GeneratedSecret,
  KeyTestResult,
  SecretState,
  SettingsKeysState,
} from '../../src/server/api/contract';
import type { LocalRuntime, RunResult } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { MAKE_URL, SLACK_URL, makeReceived, slackPosted, webhookRuntime } from './webhook-helpers';

const CLAUDE_KEY = 'sk-ant-api03-Secret0Claude1Key2For3Tests4Only5';
const APOLLO_KEY = 'apolloSecretKey0123456789';
const HUNTER_KEY = 'hunter0secret1key2abcdef3456789abcdef012';
const SECRETS = [CLAUDE_KEY, APOLLO_KEY, HUNTER_KEY, MAKE_URL, SLACK_URL];
/** The secret part of each webhook URL: the path. */
const URL_SECRETS = ['abcdefghijklmnopqrstuvwxyz012345', 'webhookSECRETtoken'];

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

/** Every run's log lines and answers, to check that no secret ever shows. */
const seen: string[] = [];

function run(runtime: LocalRuntime, name: string, ...args: unknown[]): RunResult {
  const result = runtime.run({ functionName: name, args, kind: 'sidebar' });
  seen.push(...result.logs);
  seen.push(JSON.stringify(result.value));
  if (!result.ok) throw new Error(result.error?.message);
  return result;
}

function data<T>(runtime: LocalRuntime, name: string, ...args: unknown[]): T {
  const envelope = run(runtime, name, ...args).value as { ok: boolean; data?: T; message?: string };
  if (!envelope.ok) throw new Error(`${name} : ${envelope.message ?? ''}`);
  return envelope.data as T;
}

function refusal(runtime: LocalRuntime, name: string, ...args: unknown[]) {
  const envelope = run(runtime, name, ...args).value as {
    ok: boolean;
    code: string;
    message: string;
  };
  expect(envelope.ok).toBe(false);
  return envelope;
}

function setup(): LocalRuntime {
  return webhookRuntime(sandbox, '2026-11-27T10:00:00Z');
}

const state = (runtime: LocalRuntime, id: string) =>
  data<SettingsKeysState>(runtime, 'getSettingsKeys').keys.find((k) => k.id === id);

describe('settings dialog endpoints', () => {
  it('lists every secret, none set, with Claude’s model and Slack’s events', () => {
    const runtime = setup();
    const keys = data<SettingsKeysState>(runtime, 'getSettingsKeys');
    expect(keys.keys.map((k) => k.id)).toEqual([
      'CLAUDE_API_KEY',
      'APOLLO_API_KEY',
      'HUNTER_API_KEY',
      'MAKE_WEBHOOK_URL',
      'MAKE_WEBHOOK_URL_CONTACT_QUALIFIE',
      'MAKE_WEBHOOK_URL_AO_PERTINENT',
      'MAKE_WEBHOOK_URL_OPPORTUNITE_GAGNEE',
      'MAKE_WEBHOOK_URL_OPPORTUNITE_PERDUE',
      'MAKE_WEBHOOK_URL_TACHE_EN_RETARD',
      'MAKE_WEBHOOK_APIKEY',
      'SLACK_WEBHOOK_URL',
      'INCOMING_WEBHOOK_SECRET',
    ]);
    expect(keys.keys.every((k) => !k.configured && k.masked === null)).toBe(true);
    expect(keys).toMatchObject({
      claudeModel: 'claude-haiku-4-5',
      webAppUrl: 'http://localhost:8080/exec',
    });
    expect(keys.slackEvents).toHaveLength(5);
  });

  it('saves a key and shows only its last 4 characters, everywhere', () => {
    const runtime = setup();
    const saved = data<SecretState>(
      runtime,
      'saveSettingsKey',
      'CLAUDE_API_KEY',
      ` ${CLAUDE_KEY} `,
    );
    expect(saved).toMatchObject({ configured: true, masked: '••••nly5' });
    expect(runtime.readState().scriptProperties.CLAUDE_API_KEY).toBe(CLAUDE_KEY);
    expect(state(runtime, 'CLAUDE_API_KEY')?.masked).toBe('••••nly5');
    const audit = readSheetValues(runtime, 'Journal', true) as string[][];
    expect(audit.at(-1)).toEqual(
      expect.arrayContaining([
        'Paramètres et clés',
        'Clé API Claude (Anthropic) enregistrée (••••nly5).',
      ]),
    );
    expect(data<SecretState>(runtime, 'clearSettingsKey', 'CLAUDE_API_KEY')).toMatchObject({
      configured: false,
      masked: null,
    });
    expect(runtime.readState().scriptProperties.CLAUDE_API_KEY).toBeUndefined();
  });

  it('refuses what cannot be right, in French, and keeps the previous value', () => {
    const runtime = setup();
    data(runtime, 'saveSettingsKey', 'MAKE_WEBHOOK_URL', MAKE_URL);
    expect(
      refusal(runtime, 'saveSettingsKey', 'MAKE_WEBHOOK_URL', 'https://evil.example/x'),
    ).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/n’est pas make\.com/),
    });
    expect(refusal(runtime, 'saveSettingsKey', 'SLACK_WEBHOOK_URL', MAKE_URL).message).toMatch(
      /URL Slack invalide/,
    );
    expect(refusal(runtime, 'saveSettingsKey', 'NOT_A_KEY', 'x').message).toMatch(/inconnu/);
    expect(runtime.readState().scriptProperties.MAKE_WEBHOOK_URL).toBe(MAKE_URL);
  });

  it('tests Claude with one model lookup, the typed key first, the stored one otherwise', async () => {
    const runtime = setup();
    const typed = data<KeyTestResult>(runtime, 'testSettingsKey', 'CLAUDE_API_KEY', CLAUDE_KEY);
    expect(typed).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^La clé Claude fonctionne : modèle/),
    });
    expect(runtime.readState().scriptProperties.CLAUDE_API_KEY).toBeUndefined();
    const requests = await sandbox.requests('api.anthropic.com');
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/v1/models/claude-haiku-4-5'],
    ]);
    expect(data<KeyTestResult>(runtime, 'testSettingsKey', 'CLAUDE_API_KEY', null)).toMatchObject({
      ok: false,
      message: /aucune valeur enregistrée/,
    });
    expect(
      data<KeyTestResult>(
        runtime,
        'testSettingsKey',
        'CLAUDE_API_KEY',
        'sk-ant-invalid-0123456789abcdef',
      ),
    ).toMatchObject({ ok: false, message: /Clé Claude refusée par Anthropic \(HTTP 401\)/ });
  });

  it('tests Apollo (auth/health) and Hunter (account) without spending a credit', async () => {
    const runtime = setup();
    data(runtime, 'saveSettingsKey', 'APOLLO_API_KEY', APOLLO_KEY);
    data(runtime, 'saveSettingsKey', 'HUNTER_API_KEY', HUNTER_KEY);
    expect(data<KeyTestResult>(runtime, 'testSettingsKey', 'APOLLO_API_KEY', null)).toMatchObject({
      ok: true,
      message: 'La clé Apollo fonctionne (Apollo la reconnaît).',
    });
    expect(data<KeyTestResult>(runtime, 'testSettingsKey', 'HUNTER_API_KEY', null)).toMatchObject({
      ok: true,
      message: /^La clé Hunter fonctionne \(offre Sandbox, \d+ crédits restants ce mois-ci\)\.$/,
    });
    expect((await sandbox.requests()).map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([
      'GET api.apollo.io/api/v1/auth/health',
      'GET api.hunter.io/v2/account',
    ]);
    expect(
      data<KeyTestResult>(
        runtime,
        'testSettingsKey',
        'APOLLO_API_KEY',
        'invalid-apollo-key-000000',
      ),
    ).toMatchObject({ ok: false, message: /Clé Apollo refusée \(HTTP 401\)/ });
    expect(
      data<KeyTestResult>(
        runtime,
        'testSettingsKey',
        'HUNTER_API_KEY',
        'invalid-hunter-key-00000000',
      ),
    ).toMatchObject({ ok: false, message: /Clé Hunter refusée \(HTTP 401\)/ });
  });

  it('tests the webhooks with a message marked as a test', async () => {
    const runtime = setup();
    data(runtime, 'saveSettingsKey', 'SLACK_WEBHOOK_URL', SLACK_URL);
    expect(
      data<KeyTestResult>(runtime, 'testSettingsKey', 'SLACK_WEBHOOK_URL', null),
    ).toMatchObject({
      ok: true,
      message: /Le webhook Slack fonctionne/,
    });
    expect((await slackPosted(sandbox))[0]?.text).toMatch(/^Test du CRM UTPLA .* à ignorer\.$/);
    const make = data<KeyTestResult>(
      runtime,
      'testSettingsKey',
      'MAKE_WEBHOOK_URL_TACHE_EN_RETARD',
      MAKE_URL,
    );
    expect(make).toMatchObject({ ok: true, message: /événement « test »/ });
    expect((await makeReceived(sandbox))[0]?.body).toMatchObject({
      event: 'test',
      test: true,
      version: 1,
    });
    await sandbox.injectFault({ host: 'hook.eu2.make.com', status: 410 });
    expect(
      data<KeyTestResult>(runtime, 'testSettingsKey', 'MAKE_WEBHOOK_URL', MAKE_URL),
    ).toMatchObject({
      ok: false,
      message: /Webhook Make désactivé ou supprimé \(HTTP 410/,
    });
  });

  it('generates the web app’s secret, shows it once, and doPost accepts it', () => {
    const runtime = setup();
    const generated = data<GeneratedSecret>(runtime, 'generateIncomingSecret');
    expect(generated.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(generated.state).toMatchObject({
      configured: true,
      masked: `••••${generated.secret.slice(-4)}`,
    });
    expect(JSON.stringify(data(runtime, 'getSettingsKeys'))).not.toContain(generated.secret);
    const again = data<GeneratedSecret>(runtime, 'generateIncomingSecret');
    expect(again.secret).not.toBe(generated.secret);
    const post = (secret: string) =>
      JSON.parse(
        runtime.runWebApp('doPost', {
          body: JSON.stringify({
            secret,
            action: 'create',
            type: 'contact',
            fields: { nom: 'Martin' },
          }),
        }).response?.content ?? '{}',
      ) as { ok: boolean; code?: string };
    expect(post(generated.secret)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(post(again.secret)).toMatchObject({ ok: true });
  });

  it('opens the dialog from the menu', () => {
    const runtime = setup();
    const opened = runtime.run({ functionName: 'onOpen', kind: 'simple' });
    const items = opened.ui.menus.flatMap((m) => m.items);
    expect(items).toContainEqual({
      caption: 'Paramètres et clés…',
      functionName: 'menuOpenSettings',
    });
    const shown = runtime.run({ functionName: 'menuOpenSettings', kind: 'menu' });
    expect(shown.ui.dialogs).toEqual([
      expect.objectContaining({ kind: 'modal', title: 'Paramètres et clés' }),
    ]);
    expect(shown.ui.dialogs[0]?.html).toContain('<title>Paramètres et clés</title>');
  });

  it('never shows a key or a webhook URL in a log line, an answer, the Journal or the sandbox', async () => {
    const runtime = setup();
    data(runtime, 'saveSettingsKey', 'CLAUDE_API_KEY', CLAUDE_KEY);
    data(runtime, 'saveSettingsKey', 'APOLLO_API_KEY', APOLLO_KEY);
    data(runtime, 'saveSettingsKey', 'HUNTER_API_KEY', HUNTER_KEY);
    data(runtime, 'saveSettingsKey', 'MAKE_WEBHOOK_URL', MAKE_URL);
    data(runtime, 'saveSettingsKey', 'SLACK_WEBHOOK_URL', SLACK_URL);
    // Failures are where secrets leak: error texts, retry lines, quoted bodies.
    await sandbox.injectFault([
      { host: 'api.anthropic.com', status: 500, times: 5 },
      { host: 'api.apollo.io', status: 503, times: 5 },
      { host: 'hooks.slack.com', status: 403 },
      { host: 'hook.eu2.make.com', status: 500 },
    ]);
    for (const id of [
      'CLAUDE_API_KEY',
      'APOLLO_API_KEY',
      'HUNTER_API_KEY',
      'MAKE_WEBHOOK_URL',
      'SLACK_WEBHOOK_URL',
    ])
      data(runtime, 'testSettingsKey', id, null);
    data(runtime, 'testSettingsKey', 'CLAUDE_API_KEY', 'sk-ant-invalid-Typed0Secret1Key');
    data(runtime, 'getSettingsKeys');
    // An event's inline failure and the hourly retry log their own lines.
    const org = data<{ id: string }>(runtime, 'createRecord', 'organisations', {
      nom: 'Vannes',
      type: 'Commune',
    });
    const opp = data<{ id: string }>(runtime, 'createRecord', 'opportunites', {
      titre: 'Ruches',
      organisationId: org.id,
    });
    await sandbox.injectFault({ host: 'hook.eu2.make.com', status: 502, times: 5 });
    data(runtime, 'moveStage', opp.id, 'Perdu', 'Budget');
    runtime.setNow(new Date('2026-11-27T12:00:00Z'));
    data(runtime, 'runJobsNow');
    const journalText = JSON.stringify(readSheetValues(runtime, 'Journal', true));
    const sandboxText = JSON.stringify(await sandbox.requests());
    const everything = [...seen, journalText, sandboxText].join('\n');
    expect(seen.length).toBeGreaterThan(20);
    for (const secret of [...SECRETS, ...URL_SECRETS, 'sk-ant-invalid-Typed0Secret1Key'])
      expect(everything).not.toContain(secret);
    expect(journalText).toMatch(/échec \(Erreur du service Make\.com/);
  });
});
