/**
 * The BOAMP watch in the bench (issue 5): one watch run over about 1,000 candidate notices served
 * by the sandbox's BOAMP stand-in (real notices), on a set-up workbook, measured like the sidebar
 * operations: Sheets calls, HTTP requests, cells, CPU and simulated Apps Script time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { callEndpoint } from '../runtime/call-endpoint';
import { LocalRuntime } from '../runtime/runtime';
import { startSandbox } from '../sandbox';
import { meterCells } from './cell-meter';
import { simulatedMs } from './latency-model';

export interface WatchBenchResult {
  readonly candidates: number;
  readonly added: number;
  readonly sheetsCalls: number;
  readonly httpCalls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  readonly cpuMs: number;
  readonly simulatedMs: number;
  readonly summary: string;
}

const SHEETS_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];

/** `days` of publications before 30 June 2024, the end of the real notices the stand-in holds. */
export async function measureWatch(days = 400): Promise<WatchBenchResult> {
  const sandbox = await startSandbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-watch-'));
  try {
    const runtime = new LocalRuntime({
      workbookPath: path.join(dir, 'bench.xlsx'),
      inMemory: true,
      now: new Date('2024-06-30T07:00:00Z'),
      sandboxPort: sandbox.port,
    });
    callEndpoint(runtime, 'setupStructure');
    runtime.withServices((services) => {
      const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Parametres') as GoogleAppsScript.Spreadsheet.Sheet;
      const values = sheet.getDataRange().getValues();
      const row = values.findIndex((r) => r[0] === 'boamp.jours_premiere_veille');
      sheet.getRange(row + 1, 2).setValues([[String(days)]]);
    });
    const started = performance.now();
    const { result, cells } = meterCells(() =>
      runtime.run({ functionName: 'menuRunBoampWatch', kind: 'menu' }),
    );
    const cpuMs = Math.round(performance.now() - started);
    const summary = result.ui.alerts[0]?.prompt ?? result.error?.message ?? '';
    const sheetsCalls = Object.entries(result.counts)
      .filter(([name]) => SHEETS_CLASSES.some((p) => name.startsWith(p)))
      .reduce((a, [, n]) => a + n, 0);
    const httpCalls = result.counts['UrlFetchApp.httpRequest'] ?? 0;
    const cost = { sheetsCalls, httpCalls, cellsRead: cells.read, cellsWritten: cells.written };
    return {
      candidates: Number(/(\d+) avis lus/.exec(summary)?.[1] ?? 0),
      added: Number(/(\d+) ajoutés/.exec(summary)?.[1] ?? 0),
      ...cost,
      cpuMs,
      simulatedMs: Math.round(simulatedMs(cost)),
      summary,
    };
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
