/**
 * Measures every bench operation on one generated workbook: the CRM's endpoint run on
 * dist/Code.js as the sidebar calls it, then its row-by-row counterpart on the same emulated
 * SpreadsheetApp, each as one execution whose service calls and cells are counted.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HasContext } from '../runtime/spreadsheet/context';
import { LocalRuntime } from '../runtime/runtime';
import { meterCells } from './cell-meter';
import { datasetSizes, type BenchTargets, type DataTab } from './generate-data';
import { simulatedMs } from './latency-model';
import { OPERATIONS, type BenchOperation } from './operations';
import { prepareWorkbook } from './seed-workbook';

export interface Cost {
  readonly sheetsCalls: number;
  readonly httpCalls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  /** Wall time of the execution in Node. */
  readonly cpuMs: number;
  readonly simulatedMs: number;
  /** Sheets calls by `Class.method`. */
  readonly sheetsCallsByMethod: Record<string, number>;
}

export interface OperationResult {
  readonly operation: string;
  readonly endpoint: string;
  readonly contacts: number;
  /** Null when the endpoint is missing from dist/Code.js or answered with an error. */
  readonly ours: Cost | null;
  readonly naive: Cost | null;
  /** Why `ours` is null. */
  readonly unavailable?: string;
  /** False when the naive version found other records than the endpoint (a bench bug). */
  readonly agrees: boolean | null;
}

export interface SizeResult {
  readonly contacts: number;
  readonly rows: Record<DataTab, number>;
  readonly seedMs: number;
  readonly operations: OperationResult[];
}

const SHEETS_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];
const BENCH_NOW = new Date('2026-11-28T10:00:00Z');

function costOf(
  counts: Record<string, number>,
  cells: { read: number; written: number },
  cpuMs: number,
): Cost {
  const sheetsCallsByMethod: Record<string, number> = {};
  for (const [name, n] of Object.entries(counts))
    if (SHEETS_CLASSES.some((prefix) => name.startsWith(prefix))) sheetsCallsByMethod[name] = n;
  const cost = {
    sheetsCalls: Object.values(sheetsCallsByMethod).reduce((a, b) => a + b, 0),
    httpCalls: counts['UrlFetchApp.httpRequest'] ?? 0,
    cellsRead: cells.read,
    cellsWritten: cells.written,
  };
  return {
    ...cost,
    cpuMs: Math.round(cpuMs),
    simulatedMs: Math.round(simulatedMs(cost)),
    sheetsCallsByMethod,
  };
}

function runEndpoint(
  runtime: LocalRuntime,
  operation: BenchOperation,
  targets: BenchTargets,
): { cost: Cost; data: unknown } | { unavailable: string } {
  const started = performance.now();
  const { result, cells } = meterCells(() =>
    runtime.run({
      functionName: operation.endpoint,
      args: operation.args(targets),
      kind: 'sidebar',
    }),
  );
  const cpuMs = performance.now() - started;
  if (!result.ok) {
    const message = result.error?.message ?? 'error';
    return {
      unavailable: message.startsWith('Script function not found') ? 'non disponible' : message,
    };
  }
  const envelope = result.value as { ok: boolean; data?: unknown; message?: string };
  if (!envelope.ok) return { unavailable: `erreur : ${envelope.message ?? '?'}` };
  return { cost: costOf(result.counts, cells, cpuMs), data: envelope.data };
}

function runNaive(
  runtime: LocalRuntime,
  operation: BenchOperation,
  targets: BenchTargets,
): { cost: Cost; value: unknown } {
  const started = performance.now();
  const { result, cells } = meterCells(() =>
    runtime.withServices((services) => {
      const app = services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      const value = operation.naive(app.getActiveSpreadsheet(), targets, runtime.now());
      // Host work keeps no stats in the runtime, so read this execution's counter directly.
      const counts = (services.SpreadsheetApp as HasContext).ctx.env.counter.snapshot();
      return { value, counts };
    }),
  );
  const cpuMs = performance.now() - started;
  return { cost: costOf(result.counts, cells, cpuMs), value: result.value };
}

/** The operation's clean-up after a run, as host work (not counted). */
function restore(runtime: LocalRuntime, operation: BenchOperation): void {
  if (!operation.restore) return;
  runtime.withServices((services) => {
    const app = services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    operation.restore?.(app.getActiveSpreadsheet());
  });
}

export function measureSize(
  contacts: number,
  operations: readonly BenchOperation[] = OPERATIONS,
): SizeResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  try {
    const runtime = new LocalRuntime({
      workbookPath: path.join(dir, 'bench.xlsx'),
      inMemory: true,
      now: BENCH_NOW,
    });
    const seedStarted = performance.now();
    const targets = prepareWorkbook(runtime, contacts);
    const seedMs = Math.round(performance.now() - seedStarted);
    const results = operations.map((operation): OperationResult => {
      const base = { operation: operation.label, endpoint: operation.endpoint, contacts };
      const ours = runEndpoint(runtime, operation, targets);
      restore(runtime, operation);
      if ('unavailable' in ours)
        return { ...base, ours: null, naive: null, unavailable: ours.unavailable, agrees: null };
      const naive = runNaive(runtime, operation, targets);
      restore(runtime, operation);
      const agrees = operation.summarise
        ? JSON.stringify(operation.summarise(ours.data)) === JSON.stringify(naive.value)
        : null;
      return { ...base, ours: ours.cost, naive: naive.cost, agrees };
    });
    return { contacts, rows: datasetSizes(contacts), seedMs, operations: results };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
