/**
 * Bulk enrichment in the bench (issue 6): « Enrichir les contacts incomplets » over 1,000
 * generated contacts against the sandbox's Apollo and Hunter stand-ins, next to the
 * one-request-per-contact version (naive-enrichment.ts) on an identical workbook. Measured like
 * the other operations — Sheets calls, HTTP requests, cells, CPU — plus the HTTP round trips
 * (a `fetchAll` is one) and the pauses the APIs' rate limits impose (Hunter: 10 requests a
 * second), which the simulated time includes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HasContext } from '../runtime/spreadsheet/context';
import { LocalRuntime } from '../runtime/runtime';
import { startSandbox, type SandboxHandle } from '../sandbox';
import { meterCells } from './cell-meter';
import { seedEnrichmentWorkbook, setSetting } from './enrichment-data';
import { LATENCY_MODEL, simulatedMs } from './latency-model';
import { naiveEnrichIncomplete } from './naive-enrichment';

export interface EnrichmentCost {
  readonly sheetsCalls: number;
  /** Requests sent (each request of a `fetchAll` counts). */
  readonly httpCalls: number;
  /** `fetch` and `fetchAll` calls: what the script waits for, requests of a batch going in parallel. */
  readonly roundTrips: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
  readonly sleptMs: number;
  readonly cpuMs: number;
  /** The latency model (every request charged) plus the pauses. */
  readonly simulatedMs: number;
  /** The same with a `fetchAll` charged as one round trip. */
  readonly simulatedParallelMs: number;
  readonly apolloCredits: number;
  readonly hunterCredits: number;
}

export interface EnrichmentBenchResult {
  readonly contacts: number;
  readonly ours: EnrichmentCost;
  readonly naive: EnrichmentCost;
  readonly summary: string;
}

const SHEETS_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];

function costOf(
  counts: Record<string, number>,
  cells: { read: number; written: number },
  sleptMs: number,
  cpuMs: number,
  credits: { apollo: number; hunter: number },
): EnrichmentCost {
  const sheetsCalls = Object.entries(counts)
    .filter(([name]) => SHEETS_CLASSES.some((p) => name.startsWith(p)))
    .reduce((a, [, n]) => a + n, 0);
  const httpCalls = counts['UrlFetchApp.httpRequest'] ?? 0;
  const roundTrips = (counts['UrlFetchApp.fetch'] ?? 0) + (counts['UrlFetchApp.fetchAll'] ?? 0);
  const base = { sheetsCalls, cellsRead: cells.read, cellsWritten: cells.written };
  return {
    ...base,
    httpCalls,
    roundTrips,
    sleptMs,
    cpuMs: Math.round(cpuMs),
    simulatedMs: Math.round(simulatedMs({ ...base, httpCalls }) + sleptMs),
    simulatedParallelMs: Math.round(simulatedMs({ ...base, httpCalls: roundTrips }) + sleptMs),
    apolloCredits: credits.apollo,
    hunterCredits: credits.hunter,
  };
}

async function usage(sandbox: SandboxHandle) {
  const apollo = (await sandbox.control('apollo', 'usage', null)) as { credits: number };
  const hunter = (await sandbox.control('hunter', 'usage', null)) as { credits: number };
  return { apollo: apollo.credits, hunter: hunter.credits };
}

function workbook(dir: string, name: string, sandbox: SandboxHandle, contacts: number) {
  const runtime = new LocalRuntime({
    workbookPath: path.join(dir, name),
    inMemory: true,
    now: new Date('2026-11-28T10:00:00Z'),
    sandboxPort: sandbox.port,
  });
  seedEnrichmentWorkbook(runtime, contacts);
  setSetting(runtime, 'enrichissement.contacts_par_execution', '100000');
  setSetting(runtime, 'apollo.credits_mensuels', '1000000');
  setSetting(runtime, 'hunter.credits_mensuels', '1000000');
  return runtime;
}

export async function measureEnrichment(contacts = 1000): Promise<EnrichmentBenchResult> {
  const sandbox = await startSandbox();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-enrich-'));
  try {
    const ours = workbook(dir, 'ours.xlsx', sandbox, contacts);
    let started = performance.now();
    const run = meterCells(() => ours.run({ functionName: 'menuEnrichIncomplete', kind: 'menu' }));
    const oursCpu = performance.now() - started;
    const summary = run.result.ui.alerts[0]?.prompt ?? run.result.error?.message ?? '';
    const oursCost = costOf(
      run.result.counts,
      run.cells,
      run.result.sleptMs,
      oursCpu,
      await usage(sandbox),
    );

    await sandbox.reset();
    const naive = workbook(dir, 'naive.xlsx', sandbox, contacts);
    started = performance.now();
    const naiveRun = meterCells(() =>
      naive.withServices((services) => {
        const app = services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
        naiveEnrichIncomplete(
          app.getActiveSpreadsheet(),
          services.UrlFetchApp as unknown as GoogleAppsScript.URL_Fetch.UrlFetchApp,
          { apollo: 'apollo-bench-key-0000000000', hunter: 'hunter-bench-key-0000000000' },
          naive.now(),
        );
        // Host work keeps no stats in the runtime: read this execution's counter directly.
        return (services.SpreadsheetApp as HasContext).ctx.env.counter.snapshot();
      }),
    );
    const naiveCpu = performance.now() - started;
    const naiveCost = costOf(naiveRun.result, naiveRun.cells, 0, naiveCpu, await usage(sandbox));
    return { contacts, ours: oursCost, naive: naiveCost, summary };
  } finally {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (naive: number, ours: number) => (ours === 0 ? '—' : `${(naive / ours).toFixed(1)}×`);

/** The bench report's table. */
export function enrichmentTable(r: EnrichmentBenchResult): string[] {
  const row = (name: string, c: EnrichmentCost) =>
    `| ${name} | ${int(c.sheetsCalls)} | ${int(c.httpCalls)} | ${int(c.roundTrips)} | ${int(c.cellsRead)} / ${int(c.cellsWritten)} | ${int(c.sleptMs)} | ${int(c.cpuMs)} | ${int(c.simulatedMs)} | ${int(c.simulatedParallelMs)} | ${c.apolloCredits} / ${c.hunterCredits} |`;
  return [
    '',
    '## Bulk enrichment',
    '',
    `« Enrichir les contacts incomplets » (\`menuEnrichIncomplete\`) on ${int(r.contacts)} generated contacts (companies on example.fr domains, five contacts each; some positions and addresses typed, 4 % opted out) against the sandbox’s Apollo and Hunter stand-ins, in one execution. Naive: the same rules, one Apollo \`people/match\` and one Hunter request per contact, rows read and written cell by cell, one Journal appendRow per change, the scores recomputed row by row. Simulated = the latency model (${LATENCY_MODEL.httpCallMs} ms per HTTP request) plus the pauses the APIs’ rate limits impose (Hunter: 10 requests a second); "parallel" charges a \`fetchAll\` as one round trip.`,
    '',
    '| Implementation | Sheets calls | HTTP requests | HTTP round trips | Cells read / written | Pauses ms | CPU ms | Simulated ms | Simulated ms (parallel) | Credits Apollo / Hunter |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('CRM (bulk_match by 10, fetchAll)', r.ours),
    row('Naive (one request per contact)', r.naive),
    '',
    `Ratios naive / CRM: Sheets calls ${ratio(r.naive.sheetsCalls, r.ours.sheetsCalls)}, HTTP requests ${ratio(r.naive.httpCalls, r.ours.httpCalls)}, round trips ${ratio(r.naive.roundTrips, r.ours.roundTrips)}, simulated time ${ratio(r.naive.simulatedMs, r.ours.simulatedMs)} (parallel: ${ratio(r.naive.simulatedParallelMs, r.ours.simulatedParallelMs)}).`,
    '',
    `Run summary: ${r.summary}`,
  ];
}
