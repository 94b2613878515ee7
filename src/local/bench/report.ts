/** The bench's Markdown: what was measured and how, the results table, and the targets. */
import { RATIO_TEXT } from './generate-data';
import { describeModel } from './latency-model';
import type { Cost, SizeResult } from './measure';
import { SPARE_ROWS } from './seed-workbook';
import {
  BUDGET_AT_CONTACTS,
  BULK_BUDGET_MS,
  SIDEBAR_BUDGET_MS,
  type TargetResult,
} from './targets';

/** Apps Script stops an execution after 6 minutes. */
const EXECUTION_LIMIT_MS = 6 * 60_000;

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(ms: number): string {
  const text = int(ms);
  if (ms < 60_000) return text;
  const human =
    ms < 3_600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 3_600_000).toFixed(1)} h`;
  return `${text} (${human}${ms > EXECUTION_LIMIT_MS ? ', over the 6-min limit' : ''})`;
}

const ratio = (naive: number, ours: number) => (ours === 0 ? '—' : `${int(naive / ours)}×`);

export function preamble(): string[] {
  return [
    '# CRM UTPLA — performance bench',
    '',
    `- Data: generated; ${RATIO_TEXT}. Written with one setValues per tab (host work) after` +
      ` setupStructure on an empty workbook; every tab keeps ${SPARE_ROWS} empty rows below its data.`,
    '- CRM: the sidebar endpoint run on dist/Code.js as google.script.run calls it. Naive: a' +
      ' row-by-row version of the same operation (src/local/bench/naive-operations.ts: getValue per' +
      ' cell, setValue per field, appendRow per row) on the same emulated SpreadsheetApp, run in' +
      ' full at every size (no cap, no extrapolation).',
    '- Targets: the contact in the middle of its tab; moveStage takes an opportunity from Qualifié' +
      ' to Contacté (the rule that reads contacts and interactions); the naive move takes the next one.',
    '- Sheets calls: SpreadsheetApp / Spreadsheet / Sheet / Range method calls counted by the local' +
      ' runtime. CPU ms: wall time of the execution in Node (for the CRM, loading dist/Code.js included).',
    ...describeModel().map((line) => `- ${line}`),
    '',
  ];
}

function cells(cost: Cost): string {
  return `${int(cost.cellsRead)} / ${int(cost.cellsWritten)}`;
}

export function resultsTable(sizes: readonly SizeResult[]): string[] {
  const lines = [
    '| Operation | Contacts | Sheets calls | HTTP calls | Cells read / written | CPU ms | Simulated ms | Naive Sheets calls | Naive simulated ms | Ratio calls | Ratio time |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const size of sizes) {
    for (const op of size.operations) {
      const head = `| ${op.operation} | ${int(size.contacts)}`;
      const { ours, naive } = op;
      if (!ours || !naive) {
        lines.push(`${head} | ${op.unavailable ?? 'non disponible'} | | | | | | | | |`);
        continue;
      }
      lines.push(
        [
          head,
          int(ours.sheetsCalls),
          int(ours.httpCalls),
          cells(ours),
          int(ours.cpuMs),
          int(ours.simulatedMs),
          int(naive.sheetsCalls),
          duration(naive.simulatedMs),
          ratio(naive.sheetsCalls, ours.sheetsCalls),
          `${ratio(naive.simulatedMs, ours.simulatedMs)} |`,
        ].join(' | '),
      );
    }
  }
  return lines;
}

const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL');

export function targetsTable(targets: readonly TargetResult[]): string[] {
  const lines = [
    '',
    `## Targets`,
    '',
    `| Operation | Constant Sheets calls across sizes | < ${int(SIDEBAR_BUDGET_MS)} ms (bulk operations: < ${int(BULK_BUDGET_MS)} ms) simulated at ${int(BUDGET_AT_CONTACTS)} contacts |`,
    '| --- | --- | --- |',
  ];
  for (const t of targets) {
    const calls = t.callsBySize.map((c) => (c.sheetsCalls === null ? '—' : int(c.sheetsCalls)));
    const budget =
      t.simulatedAtBudgetSize === null
        ? 'n/a'
        : t.withinBudget === null
          ? `reference, not a sidebar call (${int(t.simulatedAtBudgetSize)} ms)`
          : `${verdict(t.withinBudget)} (${int(t.simulatedAtBudgetSize)} ms)`;
    lines.push(
      `| ${t.operation} | ${verdict(t.constantCalls)} (${calls.join(' / ')}) | ${budget} |`,
    );
  }
  const all = targets.flatMap((t) => [t.constantCalls, t.withinBudget]);
  const overall = all.includes(false) ? 'FAIL' : all.includes(true) ? 'PASS' : 'n/a';
  lines.push('', `Overall: ${overall}`);
  return lines;
}
