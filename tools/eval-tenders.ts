/**
 * `npm run eval-tenders [-- <labels.json>] [--titles-only]`: the tender relevance rules (the
 * Parametres defaults) against notices labelled by the rubric — by default
 * ../shared/data/boamp/dev-labels.json. Prints precision and recall per level, the confusion
 * matrix and every misclassified title.
 *
 * The labelled file holds `idweb`, `objet` and `label` only. The live watch also sees the buyer,
 * so each notice gets its `nomacheteur` back from notices-titles.json (the set it was sampled
 * from) when that file is next to it; `--titles-only` scores the titles alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  evaluateRelevance,
  RUBRIC_LABELS,
  type Evaluation,
  type LabelledNotice,
} from '../src/core/boamp/relevance';
import { TENDER_LEVELS } from '../src/core/schema/enums';

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_LABELS = path.resolve(ROOT, '../shared/data/boamp/dev-labels.json');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

function loadLabelled(file: string, withBuyers: boolean): LabelledNotice[] {
  const notices = readJson(file) as LabelledNotice[];
  const titles = path.join(path.dirname(file), 'notices-titles.json');
  if (!withBuyers || !fs.existsSync(titles)) return notices;
  const buyers = new Map(
    (readJson(titles) as Array<{ idweb: string; nomacheteur?: string | null }>).map((n) => [
      n.idweb,
      n.nomacheteur ?? null,
    ]),
  );
  return notices.map((n) => ({ ...n, nomacheteur: buyers.get(n.idweb) ?? null }));
}

const pct = (x: number | null): string => (x === null ? '—' : x.toFixed(3));

function printEvaluation(title: string, evaluation: Evaluation): void {
  console.log(`\n${title} — ${evaluation.total} notices`);
  console.log('level                labelled  predicted  correct  precision  recall');
  for (const m of evaluation.metrics) {
    console.log(
      `${`${m.level} (${m.label})`.padEnd(21)}${String(m.support).padStart(8)}${String(m.predicted).padStart(11)}${String(m.correct).padStart(9)}${pct(m.precision).padStart(11)}${pct(m.recall).padStart(8)}`,
    );
  }
  console.log('\nconfusion (rows: label, columns: level given)');
  console.log(`${''.padEnd(10)}${TENDER_LEVELS.map((l) => l.padStart(12)).join('')}`);
  for (const label of RUBRIC_LABELS) {
    console.log(
      `${label.padEnd(10)}${TENDER_LEVELS.map((l) => String(evaluation.matrix[label][l]).padStart(12)).join('')}`,
    );
  }
}

function main(argv: string[]): void {
  const withBuyers = !argv.includes('--titles-only');
  const file = path.resolve(argv.find((a) => !a.startsWith('--')) ?? DEFAULT_LABELS);
  const notices = loadLabelled(file, withBuyers);
  const source = `${path.relative(ROOT, file)}${withBuyers ? ' (with buyer names)' : ' (titles only)'}`;
  const all = evaluateRelevance(notices);
  printEvaluation(source, all);
  const clear = notices.filter((n) => !n.ambiguous);
  if (clear.length < notices.length)
    printEvaluation('without the notices marked ambiguous', evaluateRelevance(clear));
  console.log(`\nmisclassified (${all.misclassified.length})`);
  for (const { notice, result } of all.misclassified) {
    const why = [
      result.matched.length > 0 ? `+ ${result.matched.join(', ')}` : '',
      result.excluded.length > 0 ? `− ${result.excluded.join(', ')}` : '',
    ]
      .filter((s) => s !== '')
      .join(' ');
    console.log(
      `  ${notice.label} → ${result.level}${notice.ambiguous ? ' (ambiguous)' : ''}  ${notice.idweb}  score ${result.score}  ${notice.objet.slice(0, 140)}${why ? `\n      ${why}` : ''}`,
    );
  }
}

main(process.argv.slice(2));
