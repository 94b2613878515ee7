/**
 * The Claude client wired to Apps Script: the key from the script's properties (never a cell,
 * never a log), the model and the monthly budget from Parametres, UrlFetchApp and
 * Utilities.sleep. Without a key Claude is off and says so; the rest of the CRM keeps working.
 */
import { CrmError } from '../../core/errors';
import { budgetFromSettings, modelFromSettings } from '../../core/claude/budget';
import { MISSING_KEY_MESSAGE } from '../../core/claude/failures';
import type { ModelInfo } from '../../core/claude/messages';
import { now } from '../platform/clock';
import { readSettings, type Settings } from '../settings/settings-reader';
import { createClaudeClient, type ClaudeClient } from './claude-client';
import { createUsageLedger } from './usage-ledger';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Script property holding the Anthropic API key (entered through the settings dialog). */
export const CLAUDE_API_KEY_PROPERTY = 'CLAUDE_API_KEY';

export function hasClaudeKey(): boolean {
  return readApiKey() !== null;
}

export function openClaude(spreadsheet: Spreadsheet, settings: Settings): ClaudeClient {
  const client = buildClient(spreadsheet, settings);
  ensureModelChecked(client);
  return client;
}

/** Hours a model of Parametres, once found in `GET /v1/models`, is trusted without asking again. */
const MODEL_CHECK_HOURS = 6;

/**
 * The model of Parametres is checked against the API the first time it is used after being set
 * (and every few hours after): a typo gives the API's French "unknown model" message before any
 * paid call, rather than a failed answer.
 */
function ensureModelChecked(client: ClaudeClient): void {
  const cache = CacheService.getScriptCache();
  const key = `crm.claude.model-ok.${client.model}`;
  if (cache?.get(key) === 'ok') return;
  client.checkModel(client.model);
  cache?.put(key, 'ok', MODEL_CHECK_HOURS * 3600);
}

function buildClient(spreadsheet: Spreadsheet, settings: Settings): ClaudeClient {
  const apiKey = readApiKey();
  if (apiKey === null) throw new CrmError('CONFIG', MISSING_KEY_MESSAGE);
  return createClaudeClient({
    apiKey,
    model: modelFromSettings(settings),
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
    ledger: createUsageLedger(spreadsheet, budgetFromSettings(settings)),
  });
}

/**
 * Checks a model id against `GET /v1/models/{id}` — the one of Parametres, or one the user is
 * about to save. For the settings dialog's "Tester" button.
 */
export function checkClaudeModel(spreadsheet: Spreadsheet, model?: string): ModelInfo {
  const client = buildClient(spreadsheet, readSettings(spreadsheet));
  return client.checkModel(model ?? client.model);
}

function readApiKey(): string | null {
  const key = PropertiesService.getScriptProperties().getProperty(CLAUDE_API_KEY_PROPERTY);
  return key === null || key.trim() === '' ? null : key.trim();
}
