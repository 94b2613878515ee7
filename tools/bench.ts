/**
 * `npm run bench [-- --sizes 1000,10000] [--json results.json]`: times the CRM's main sidebar
 * operations on generated workbooks of 1,000, 10,000 and 50,000 contacts in the local runtime,
 * next to a row-by-row implementation, and prints a Markdown report (DESIGN.md §8).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RATIO_TEXT } from '../src/local/bench/generate-data';
import { describeModel, LATENCY_MODEL } from '../src/local/bench/latency-model';
import { measureSize, type SizeResult } from '../src/local/bench/measure';
import { preamble, resultsTable, targetsTable } from '../src/local/bench/report';
import { OPERATIONS } from '../src/local/bench/operations';
import { evaluateTargets } from '../src/local/bench/targets';
import { measureWatch, type WatchBenchResult } from '../src/local/bench/watch-bench';
import { enrichmentTable, measureEnrichment } from '../src/local/bench/enrichment-bench';

/** Contacts of the bulk enrichment bench (issue 6). */
const ENRICHMENT_CONTACTS = 1_000;

const DEFAULT_SIZES = [1_000, 10_000, 50_000];

/** Every publication day of the stand-in's real notices (May 2017 → June 2024). */
const WATCH_DAYS = 2_600;

function watchTable(w: WatchBenchResult): string[] {
  return [
    '',
    '## BOAMP watch',
    '',
    'One run of `menuRunBoampWatch` on a set-up workbook against the sandbox’s BOAMP stand-in, which serves 10,000 real notices (2017–2024); every notice the keyword net matches over the whole period is a candidate.',
    '',
    '| Candidates | Added | Sheets calls | HTTP requests | Cells read / written | CPU ms | Simulated ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${w.candidates} | ${w.added} | ${w.sheetsCalls} | ${w.httpCalls} | ${w.cellsRead} / ${w.cellsWritten} | ${w.cpuMs} | ${w.simulatedMs} |`,
    '',
    `Run summary: ${w.summary}`,
  ];
}

interface Options {
  sizes: number[];
  jsonPath: string | null;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { sizes: DEFAULT_SIZES, jsonPath: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') {
      options.sizes = value()
        .split(',')
        .map((s) => Number(s.trim().replace(/_/g, '')));
      if (options.sizes.some((n) => !Number.isInteger(n) || n < 10))
        throw new Error('--sizes takes whole numbers of contacts ≥ 10, e.g. 1000,10000');
    } else if (arg === '--json') {
      options.jsonPath = path.resolve(value());
    } else {
      throw new Error(`unknown option ${arg} (use --sizes 1000,10000 and --json <file>)`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sizes: SizeResult[] = [];
  for (const contacts of options.sizes) {
    process.stderr.write(`bench: ${contacts.toLocaleString('en-US')} contacts…\n`);
    sizes.push(measureSize(contacts));
  }
  const targets = evaluateTargets(
    sizes,
    new Set(OPERATIONS.filter((o) => o.budgeted === false).map((o) => o.label)),
    new Map(OPERATIONS.flatMap((o) => (o.budgetMs ? [[o.label, o.budgetMs] as const] : []))),
  );
  process.stderr.write('bench: BOAMP watch…\n');
  const watch = await measureWatch(WATCH_DAYS);
  process.stderr.write('bench: bulk enrichment…\n');
  const enrichment = await measureEnrichment(ENRICHMENT_CONTACTS);
  const report = [
    ...preamble(),
    ...resultsTable(sizes),
    ...targetsTable(targets),
    ...watchTable(watch),
    ...enrichmentTable(enrichment),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  if (options.jsonPath) {
    const json = {
      generatedAt: new Date().toISOString(),
      ratios: RATIO_TEXT,
      latencyModel: { ...LATENCY_MODEL, description: describeModel() },
      sizes,
      targets,
      watch,
      enrichment,
    };
    fs.writeFileSync(options.jsonPath, `${JSON.stringify(json, null, 2)}\n`);
    process.stderr.write(`bench: results written to ${options.jsonPath}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
