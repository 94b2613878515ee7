/**
 * « Paramètres et clés… »: the secrets of the CRM in the script's properties (DESIGN.md §3), as
 * the dialog sees them — masked, saved, cleared, tested with one cheap real call, and the shared
 * secret of the web app generated. A value crosses to the browser only once: a secret the CRM
 * has just generated, which the admin must paste into Make.
 *
 * No key or URL is ever written to a log, the Journal or an error message: messages name the
 * service and the HTTP status, never the value.
 */
import { CrmError } from '../../core/errors';
import { modelFromSettings } from '../../core/claude/budget';
import type { RetryPolicy } from '../../core/retry/retry-policy';
import {
  APOLLO_HEALTH_URL,
  HUNTER_ACCOUNT_URL,
  readApolloHealth,
  readHunterAccount,
  readWebhookTest,
  type KeyCheck,
} from '../../core/settings/key-checks';
import {
  APOLLO_KEY_ID,
  CLAUDE_KEY_ID,
  HUNTER_KEY_ID,
  INCOMING_SECRET_ID,
  SECRET_DEFS,
  checkSecretInput,
  maskSecret,
  secretDef,
  type SecretDef,
} from '../../core/settings/secret-keys';
import { MAKE_APIKEY_PROPERTY, slackEventsFromSettings } from '../../core/webhooks/channels';
import { testEvent } from '../../core/webhooks/events';
import { slackTestMessage } from '../../core/webhooks/slack-messages';
import type { KeyTestResult, SecretState, SettingsKeysState } from '../api/contract';
import { createClaudeClient } from '../claude/claude-client';
import { sendRequests, type SenderDeps } from '../platform/api-sender';
import { now } from '../platform/clock';
import { appendJournal } from '../journal/journal-writer';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { WEBAPP_SPREADSHEET_PROPERTY } from '../webapp/do-post';
import { readSettings } from './settings-reader';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function getSettingsKeys(spreadsheet: Spreadsheet): SettingsKeysState {
  const stored = PropertiesService.getScriptProperties().getProperties();
  const settings = readSettings(spreadsheet);
  return {
    keys: SECRET_DEFS.map((def) => stateOf(def, stored[def.id] ?? null)),
    claudeModel: modelFromSettings(settings),
    slackEvents: [...slackEventsFromSettings(settings)],
    webAppUrl: webAppUrl(),
  };
}

export function saveSettingsKey(spreadsheet: Spreadsheet, id: string, value: string): SecretState {
  const def = requireDef(id);
  const check = checkSecretInput(def, value);
  if (!check.ok)
    throw new CrmError('VALIDATION', check.message, 'value', [
      { field: 'value', message: check.message },
    ]);
  store(spreadsheet, def, check.value);
  journal(spreadsheet, `${def.label} enregistrée (${maskSecret(check.value) ?? ''}).`);
  return stateOf(def, check.value);
}

export function clearSettingsKey(spreadsheet: Spreadsheet, id: string): SecretState {
  const def = requireDef(id);
  PropertiesService.getScriptProperties().deleteProperty(def.id);
  journal(spreadsheet, `${def.label} supprimée.`);
  return stateOf(def, null);
}

/**
 * A new shared secret for the web app: 256 bits from two random UUIDs through SHA-256, in
 * URL-safe base64. The previous one stops working at once.
 */
export function generateIncomingSecret(spreadsheet: Spreadsheet): {
  secret: string;
  state: SecretState;
} {
  const def = requireDef(INCOMING_SECRET_ID);
  const digest = Utilities.computeDigest(
    Utilities.DigestAlgorithm.SHA_256,
    `${Utilities.getUuid()}${Utilities.getUuid()}${now().getTime()}`,
  );
  const secret = Utilities.base64EncodeWebSafe(digest).replace(/=+$/, '');
  store(spreadsheet, def, secret);
  journal(spreadsheet, `${def.label} généré (${maskSecret(secret) ?? ''}).`);
  return { secret, state: stateOf(def, secret) };
}

/**
 * One cheap real call with the value typed in the dialog, or the stored one when none is typed:
 * a key can be tried before it replaces a working one.
 */
export function testSettingsKey(
  spreadsheet: Spreadsheet,
  id: string,
  candidate: string | null,
): KeyTestResult {
  const def = requireDef(id);
  if (!def.testable) throw new CrmError('VALIDATION', `${def.label} : rien à tester.`);
  let value: string;
  if (candidate !== null && candidate.trim() !== '') {
    const check = checkSecretInput(def, candidate);
    if (!check.ok) return { ok: false, message: check.message };
    value = check.value;
  } else {
    const stored = PropertiesService.getScriptProperties().getProperty(def.id);
    if (!stored)
      return { ok: false, message: `${def.label} : aucune valeur enregistrée à tester.` };
    value = stored;
  }
  const result = runTest(spreadsheet, def, value);
  return { ok: result.ok, message: result.message, testedAt: now().toISOString() };
}

function runTest(spreadsheet: Spreadsheet, def: SecretDef, value: string): KeyCheck {
  switch (def.kind) {
    case 'api-key':
      if (def.id === CLAUDE_KEY_ID) return testClaude(spreadsheet, value);
      if (def.id === APOLLO_KEY_ID)
        return oneCall(
          {
            url: APOLLO_HEALTH_URL,
            method: 'get',
            headers: { 'x-api-key': value, 'Cache-Control': 'no-cache' },
          },
          'Apollo',
          readApolloHealth,
        );
      if (def.id === HUNTER_KEY_ID)
        return oneCall(
          { url: HUNTER_ACCOUNT_URL, method: 'get', headers: { 'X-API-KEY': value } },
          'Hunter',
          readHunterAccount,
        );
      return { ok: false, message: `${def.label} : rien à tester.` };
    case 'make-url': {
      const apiKey = PropertiesService.getScriptProperties().getProperty(MAKE_APIKEY_PROPERTY);
      return oneCall(
        {
          url: value,
          method: 'post',
          contentType: 'application/json',
          payload: JSON.stringify(testEvent(now().toISOString(), Utilities.getUuid())),
          ...(apiKey ? { headers: { 'x-make-apikey': apiKey } } : {}),
        },
        'Make.com',
        (status, body) => readWebhookTest('make', status, body),
      );
    }
    case 'slack-url':
      return oneCall(
        {
          url: value,
          method: 'post',
          contentType: 'application/json',
          payload: JSON.stringify(slackTestMessage()),
        },
        'Slack',
        (status, body) => readWebhookTest('slack', status, body),
      );
    default:
      return { ok: false, message: `${def.label} : rien à tester.` };
  }
}

/** `GET /v1/models/{model}`: free, and it checks the model of Parametres along with the key. */
function testClaude(spreadsheet: Spreadsheet, apiKey: string): KeyCheck {
  const model = modelFromSettings(readSettings(spreadsheet));
  const client = createClaudeClient({
    apiKey,
    model,
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
    // A model lookup is not billed: nothing to count.
    ledger: { ensureAvailable: () => undefined, record: () => undefined },
    log: (line) => console.warn(line),
  });
  try {
    const info = client.checkModel(model);
    return {
      ok: true,
      message: `La clé Claude fonctionne : modèle « ${info.displayName || info.id} » (${info.id}) disponible.`,
    };
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    return { ok: false, message: typeof message === 'string' ? message : String(error) };
  }
}

/** No retry: a test says how the service answers now, and the admin can press again. */
const TEST_POLICY: RetryPolicy = {
  maxRetries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxWaitMs: 0,
  maxTotalWaitMs: 0,
  retryTransportFailures: false,
  classify: (status) => (status >= 200 && status < 300 ? 'success' : 'stop'),
};

function oneCall(
  request: GoogleAppsScript.URL_Fetch.URLFetchRequest,
  service: string,
  read: (status: number | null, body: string) => KeyCheck,
): KeyCheck {
  const deps: SenderDeps = {
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
    log: (line) => console.warn(line),
  };
  try {
    const [outcome] = sendRequests([request], deps, {
      service,
      policy: TEST_POLICY,
      quotaError: () =>
        new CrmError(
          'QUOTA',
          'Quota quotidien d’appels externes de Google atteint : réessayez demain.',
        ),
    });
    return read(outcome?.raw ? outcome.raw.status : null, outcome?.raw?.text ?? '');
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    return { ok: false, message: typeof message === 'string' ? message : String(error) };
  }
}

function store(spreadsheet: Spreadsheet, def: SecretDef, value: string): void {
  const properties: Record<string, string> = { [def.id]: value };
  // The web app may run without an active spreadsheet: it finds this one by the ID kept here.
  if (def.id === INCOMING_SECRET_ID) properties[WEBAPP_SPREADSHEET_PROPERTY] = spreadsheet.getId();
  PropertiesService.getScriptProperties().setProperties(properties);
}

function stateOf(def: SecretDef, value: string | null): SecretState {
  return {
    id: def.id,
    group: def.group,
    kind: def.kind,
    label: def.label,
    help: def.help,
    testable: def.testable,
    configured: value !== null && value !== '',
    masked: maskSecret(value),
  };
}

function requireDef(id: unknown): SecretDef {
  const def = secretDef(id);
  if (!def) throw new CrmError('VALIDATION', `Paramètre secret inconnu : « ${String(id)} ».`);
  return def;
}

/** Who changed which key, and its last 4 characters: enough to audit, useless to an attacker. */
function journal(spreadsheet: Spreadsheet, detail: string): void {
  try {
    withDocumentLock(() =>
      appendJournal(spreadsheet, [
        { at: now(), user: currentUserEmail(), action: 'Paramètres et clés', detail },
      ]),
    );
  } catch (error) {
    console.warn(
      `Paramètres et clés : Journal non écrit (${String((error as Error)?.message ?? error)}).`,
    );
  }
}

function webAppUrl(): string | null {
  try {
    return ScriptApp.getService().getUrl() || null;
  } catch {
    // Not deployed as a web app (or the context may not ask): the dialog says how to deploy.
    return null;
  }
}
