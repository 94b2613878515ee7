/**
 * `npm run template`: writes the workbook template generated from the schema, ready to import
 * into Google Sheets (Fichier › Importer), and the same with the demo records:
 * sheets-template/CRM-UTPLA-modele.xlsx and sheets-template/CRM-UTPLA-demo.xlsx. Both are made by
 * the add-on's own setup running in the local runtime, so they match what it installs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openLocalWorkbook } from '../src/local/demo/local-workbook';
import { callEndpoint } from '../src/local/runtime/call-endpoint';

const dir = path.resolve(__dirname, '../sheets-template');

function make(file: string, withDemo: boolean): void {
  const workbookPath = path.join(dir, file);
  const base = workbookPath.replace(/\.xlsx$/, '');
  const sideFiles = [workbookPath, `${base}.state.json`, `${base}.stats.json`];
  for (const side of sideFiles) fs.rmSync(side, { force: true });
  const { runtime } = openLocalWorkbook({ workbookPath, blank: !withDemo });
  if (!withDemo) callEndpoint(runtime, 'setupStructure');
  // Properties and stats of the runtime are not part of a template.
  for (const side of sideFiles.slice(1)) fs.rmSync(side, { force: true });
  console.error(path.relative(process.cwd(), workbookPath));
}

make('CRM-UTPLA-modele.xlsx', false);
make('CRM-UTPLA-demo.xlsx', true);
