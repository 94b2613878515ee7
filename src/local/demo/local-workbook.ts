/**
 * Opens the local workbook of `npm start` and the CLI, creating it on first use: an empty
 * spreadsheet, the CRM structure installed by the add-on's own setup, then the demo records.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalRuntime, type RuntimeOptions } from '../runtime/runtime';
import { seedDemoData } from './seed-demo';

export const DEFAULT_WORKBOOK = path.resolve(__dirname, '../../../.crm-local/crm-utpla.xlsx');

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
