/**
 * What the webhook, web app and settings tests share: a runtime on the sandbox with the CRM set
 * up, Parametres and script properties set as an admin would, the Journal and the outbox read
 * back.
 */
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import type { SandboxHandle } from '../../src/local/sandbox';
import { callApi, freshRuntime } from './helpers';

export const MAKE_URL = 'https://hook.eu2.make.com/abcdefghijklmnopqrstuvwxyz012345';
export const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/webhookSECRETtoken';

export function webhookRuntime(sandbox: SandboxHandle, now: string): LocalRuntime {
  const runtime = freshRuntime({ inMemory: true, now: new Date(now), sandboxPort: sandbox.port });
  callApi(runtime, 'setupStructure');
  return runtime;
}

export function setScriptProperties(runtime: LocalRuntime, values: Record<string, string | null>) {
  runtime.withServices(({ PropertiesService }) => {
    const properties = PropertiesService.getScriptProperties();
    for (const [key, value] of Object.entries(values)) {
      if (value === null) properties.deleteProperty(key);
      else properties.setProperty(key, value);
    }
  });
}

/** A row of Parametres changed as a user would type it in the sheet. */
export function setSetting(runtime: LocalRuntime, key: string, value: string): void {
  runtime.withServices((services) => {
    const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Parametres') as GoogleAppsScript.Spreadsheet.Sheet;
    const values = sheet.getDataRange().getValues();
    const header = values[0] as string[];
    const row = values.findIndex((r) => r[header.indexOf('Clé')] === key);
    if (row < 1) throw new Error(`no setting ${key}`);
    sheet.getRange(row + 1, header.indexOf('Valeur') + 1).setValues([[value]]);
  });
}

/** The pipeline rules switched off, so that a test can close a deal in one move. */
export function relaxPipeline(runtime: LocalRuntime): void {
  for (const key of [
    'pipeline.regle_qualifie_score_icp',
    'pipeline.regle_qualifie_budget_ou_ao',
    'pipeline.regle_contacte_interaction_sortante',
    'pipeline.regle_proposition_montant',
  ])
    setSetting(runtime, key, 'non');
}

export function journal(runtime: LocalRuntime, action?: string): Array<Record<string, string>> {
  const [header = [], ...rows] = readSheetValues(runtime, 'Journal', true) as string[][];
  return rows
    .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])))
    .filter((line) => action === undefined || line.Action === action);
}

/** Keys of the posts waiting in the outbox (document properties). */
export function outbox(
  runtime: LocalRuntime,
): Array<{ key: string; attempts: number; nextIso: string }> {
  const properties = runtime.readState().documentProperties;
  return Object.keys(properties)
    .filter((name) => /^crm\.outbox\..+\.n$/.test(name))
    .map((name) => {
      const base = name.slice(0, -2);
      const count = Number(properties[name]);
      let text = '';
      for (let i = 0; i < count; i++) text += properties[`${base}.${i}`] ?? '';
      const item = JSON.parse(text) as { key: string; attempts: number; nextIso: string };
      return { key: item.key, attempts: item.attempts, nextIso: item.nextIso };
    });
}

export interface MakeReceived {
  hook: string;
  apiKeySent: boolean;
  body: {
    version: number;
    event: string;
    event_id: string;
    at: string;
    source: string;
    test: boolean;
    data: Record<string, unknown>;
  };
}

export async function makeReceived(sandbox: SandboxHandle): Promise<MakeReceived[]> {
  return ((await sandbox.control('make', 'received', null)) as { received: MakeReceived[] })
    .received;
}

/** The Slack messages the stand-in accepted, as posted. */
export async function slackPosted(
  sandbox: SandboxHandle,
): Promise<Array<{ text: string; blocks: unknown[] }>> {
  return (await sandbox.requests('hooks.slack.com'))
    .filter((r) => r.status === 200)
    .map((r) => JSON.parse(r.body) as { text: string; blocks: unknown[] });
}
