/**
 * Opens the local workbook of `npm start` and the CLI, creating it on first use: an empty
 * spreadsheet, the CRM structure installed by the add-on's own setup, then the demo records.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLAUDE_API_KEY_PROPERTY } from '../../server/claude/claude-service';
import {
  APOLLO_API_KEY_PROPERTY,
  HUNTER_API_KEY_PROPERTY,
} from '../../server/enrichment/enrichment-clients';
import { LocalRuntime, type RuntimeOptions } from '../runtime/runtime';
import { seedDemoData } from './seed-demo';

export const DEFAULT_WORKBOOK = path.resolve(__dirname, '../../../.crm-local/crm-utpla.xlsx');

/**
 * The key mode démo gives Claude: the sandbox's stand-in accepts any key, and the AI flows need
 * one to run at all. Obviously fake, so that it is never mistaken for a real one.
 */
export const SANDBOX_CLAUDE_KEY = 'sk-ant-demo-bac-a-sable';

/** The same for Apollo and Hunter, whose stand-ins accept any key but `invalid…`. */
export const SANDBOX_APOLLO_KEY = 'apollo-demo-bac-a-sable';
export const SANDBOX_HUNTER_KEY = 'hunter-demo-bac-a-sable';

export interface OpenedWorkbook {
  runtime: LocalRuntime;
  created: boolean;
  demoRecords: number;
}

/**
 * `blank: true` leaves a new workbook as Google creates one (a single empty sheet), for tests
 * and demos of the setup itself.
 */
export function openLocalWorkbook(
  options: Partial<RuntimeOptions> & { blank?: boolean } = {},
): OpenedWorkbook {
  const workbookPath = options.workbookPath ?? DEFAULT_WORKBOOK;
  const created = !fs.existsSync(workbookPath);
  const runtime = new LocalRuntime({ ...options, workbookPath });
  provideSandboxKeys(runtime);
  let demoRecords = 0;
  if (created && !options.blank) {
    const setup = runtime.run({ functionName: 'setupStructure', kind: 'sidebar' });
    if (!setup.ok)
      throw new Error(`Installation de la structure impossible : ${setup.error?.message ?? ''}`);
    demoRecords = seedDemoData(runtime);
    // The demo's scores and their reasons come from the CRM's own rules, as the daily job would.
    const scoring = runtime.run({ functionName: 'rescoreIcp', kind: 'sidebar' });
    if (!scoring.ok)
      throw new Error(`Calcul des scores impossible : ${scoring.error?.message ?? ''}`);
  }
  return { runtime, created, demoRecords };
}

/**
 * Sandbox mode gets the demo key when no key is set; live mode never sends it to the real API
 * (a workbook first opened in mode démo keeps its state file), so it is removed there.
 */
function provideSandboxKeys(runtime: LocalRuntime): void {
  runtime.withServices(({ PropertiesService }) => {
    const properties = PropertiesService.getScriptProperties();
    for (const [property, demoKey] of [
      [CLAUDE_API_KEY_PROPERTY, SANDBOX_CLAUDE_KEY],
      [APOLLO_API_KEY_PROPERTY, SANDBOX_APOLLO_KEY],
      [HUNTER_API_KEY_PROPERTY, SANDBOX_HUNTER_KEY],
    ] as const) {
      const current = properties.getProperty(property);
      if (runtime.mode === 'sandbox' && current === null) properties.setProperty(property, demoKey);
      if (runtime.mode === 'live' && current === demoKey) properties.deleteProperty(property);
    }
  });
}
