/**
 * The relevance of one BOAMP notice to UTPLA: a score, a level of the tab's enum and the words
 * behind them, from the fields of an Explore API v2.1 record (any of them may be missing).
 *
 * - Cœur: the trade's own words (and CPV) reach the core threshold. Negative words never take
 *   this level away — a missed core notice costs more than a false alarm; a phrase that covers
 *   the trade word ("ruche d'entreprises") or a place name ("crèche Les Abeilles") does.
 * - Adjacent: the whole score reaches the adjacent threshold and the title or the CPV found
 *   something. Buyer, descriptor and département only raise or lower what the text found.
 * - Hors cible: the rest.
 */
import type { TENDER_LEVELS } from '../../schema/enums';
import {
  defaultRelevanceRules,
  type CodeRule,
  type RelevanceRules,
  type TermIndex,
  type TermRule,
} from './rules';
import { isProperName, matchAt, tokenize, type Phrase, type Token } from './tokens';

export type TenderLevel = (typeof TENDER_LEVELS)[number];

/** The record fields relevance reads; `BoampRecord` and raw API JSON both fit. */
export interface NoticeForRelevance {
  readonly idweb?: unknown;
  readonly objet?: unknown;
  readonly nomacheteur?: unknown;
  /** Not an API field: a caller that knows the buyer's type may add it. */
  readonly type_acheteur?: unknown;
  readonly code_departement?: unknown;
  readonly descripteur_code?: unknown;
  /** The API's short alias of `descripteur_code`. */
  readonly dc?: unknown;
  readonly descripteur_libelle?: unknown;
  /** Not a top-level API field: CPV codes a caller read from `donnees`. */
  readonly cpv?: unknown;
}

export type HitFamily =
  'coeur' | 'adjacent' | 'exclu' | 'acheteur' | 'cpv_coeur' | 'cpv' | 'descripteur' | 'departement';

export interface RelevanceHit {
  readonly label: string;
  readonly family: HitFamily;
  readonly points: number;
}

export interface RelevanceResult {
  readonly score: number;
  readonly level: TenderLevel;
  /** What raised the score, in the order of the title, then CPV, descriptors, buyer. */
  readonly matched: readonly string[];
  /** What lowered it. */
  readonly excluded: readonly string[];
  readonly hits: readonly RelevanceHit[];
}

/**
 * Multi-valued fields arrive as arrays, JSON strings or plain strings depending on the client
 * (boamp.md §1.6).
 */
function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.flatMap((v) =>
      typeof v === 'string' || typeof v === 'number' ? [String(v)] : [],
    );
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return [];
  const text = value.trim();
  if (text.startsWith('[')) {
    try {
      return listOf(JSON.parse(text) as unknown);
    } catch {
      // Not JSON after all: read it as a separated list.
    }
  }
  return text
    .replace(/^\[|\]$/g, '')
    .split(/[,;|]/)
    .map((v) => v.trim().replace(/^["']|["']$/g, ''))
    .filter((v) => v !== '');
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

interface Candidate {
  readonly rule: TermRule;
  readonly start: number;
  readonly end: number;
}

function candidates(tokens: readonly Token[], index: TermIndex): Candidate[] {
  const found: Candidate[] = [];
  tokens.forEach((token, start) => {
    for (const rule of [...(index.byFirstStem.get(token.stem) ?? []), ...index.prefixFirst]) {
      const end = matchAt(tokens, start, rule.phrase);
      if (end >= 0) found.push({ rule, start, end });
    }
  });
  return found;
}

/**
 * The most specific phrase wins where matches overlap: "ruche d'entreprises" (excluded) over
 * "ruche", "atlas de la biodiversité communale" over "biodiversité". Each rule counts once.
 */
function selectHits(found: readonly Candidate[], tokens: readonly Token[]): Candidate[] {
  const order = [...found].sort(
    (a, b) =>
      b.rule.phrase.length - a.rule.phrase.length ||
      Math.abs(b.rule.points) - Math.abs(a.rule.points) ||
      a.start - b.start,
  );
  const taken = new Array<boolean>(tokens.length).fill(false);
  const seen = new Set<TermRule>();
  const kept: Candidate[] = [];
  for (const c of order) {
    if (seen.has(c.rule)) continue;
    let free = true;
    for (let i = c.start; i <= c.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = c.start; i <= c.end; i++) taken[i] = true;
    seen.add(c.rule);
    kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function labelOf(c: Candidate, tokens: readonly Token[]): string {
  // A prefix rule ("apicul*") shows the word the title used.
  if (!c.rule.phrase.some((p) => p.prefix)) return c.rule.label;
  return tokens
    .slice(c.start, c.end + 1)
    .map((t) => t.word)
    .join(' ');
}

function termHits(
  text: string,
  index: TermIndex,
  nameContexts: readonly Phrase[] | null,
): RelevanceHit[] {
  const tokens = tokenize(text);
  const found = candidates(tokens, index).filter(
    (c) =>
      c.rule.points < 0 || nameContexts === null || !isProperName(tokens, c.start, nameContexts),
  );
  return selectHits(found, tokens).map((c) => ({
    label: labelOf(c, tokens),
    family: c.rule.family,
    points: c.rule.points,
  }));
}

function normalizeCpv(code: string): string {
  return code.replace(/\D/g, '').slice(0, 8);
}

function cpvHits(codes: readonly string[], rules: RelevanceRules): RelevanceHit[] {
  const all = [
    ...rules.cpvCore.map((rule) => ({ rule, family: 'cpv_coeur' as const })),
    ...rules.cpv.map((rule) => ({ rule, family: 'cpv' as const })),
  ];
  const seen = new Set<CodeRule>();
  const hits: RelevanceHit[] = [];
  for (const code of codes.map(normalizeCpv).filter((c) => c.length >= 2)) {
    // The longest prefix decides: 92534 (vie sauvage) rather than 9253 for 92534000.
    const best = all
      .filter(({ rule }) => code.startsWith(rule.code))
      .sort((a, b) => b.rule.code.length - a.rule.code.length)[0];
    if (!best || seen.has(best.rule)) continue;
    seen.add(best.rule);
    hits.push({ label: `CPV ${code}`, family: best.family, points: best.rule.points });
  }
  return hits;
}

function descriptorHits(notice: NoticeForRelevance, rules: RelevanceRules): RelevanceHit[] {
  const codes = listOf(notice.descripteur_code);
  const list = codes.length > 0 ? codes : listOf(notice.dc);
  const labels = listOf(notice.descripteur_libelle);
  const hits: RelevanceHit[] = [];
  list.forEach((code, i) => {
    const rule = rules.descriptors.find((r) => r.code === code.trim());
    if (!rule || rule.points === 0) return;
    const name = labels[i] ?? rule.label;
    hits.push({
      label: `descripteur ${name ? `${name} (${rule.code})` : rule.code}`,
      family: 'descripteur',
      points: rule.points,
    });
  });
  return hits;
}

function departmentHit(notice: NoticeForRelevance, rules: RelevanceRules): RelevanceHit[] {
  const codes = listOf(notice.code_departement).map((c) => c.trim().toUpperCase());
  const best = rules.departments
    .filter((r) => codes.includes(r.code))
    .sort((a, b) => b.points - a.points)[0];
  return best && best.points !== 0
    ? [{ label: `département ${best.code}`, family: 'departement', points: best.points }]
    : [];
}

const CORE_FAMILIES: ReadonlySet<HitFamily> = new Set<HitFamily>(['coeur', 'cpv_coeur']);
const FINDING_FAMILIES: ReadonlySet<HitFamily> = new Set<HitFamily>([
  'coeur',
  'adjacent',
  'cpv_coeur',
  'cpv',
]);

export function scoreNotice(
  notice: NoticeForRelevance,
  rules: RelevanceRules = defaultRelevanceRules(),
): RelevanceResult {
  const buyerText = [textOf(notice.nomacheteur), textOf(notice.type_acheteur)];
  const hits = [
    ...termHits(textOf(notice.objet), rules.text, rules.nameContexts),
    ...cpvHits(listOf(notice.cpv), rules),
    ...descriptorHits(notice, rules),
    ...buyerText.flatMap((t) => termHits(t, rules.buyers, null)),
    ...departmentHit(notice, rules),
  ];
  const found = hits.some((h) => FINDING_FAMILIES.has(h.family) && h.points > 0);
  // Without a finding, a buyer or a descriptor says nothing about this notice: it neither scores
  // nor shows in "Mots trouvés" (every study would otherwise list "Etude").
  const counted = found ? hits : hits.filter((h) => h.points < 0);
  const sum = (keep: (h: RelevanceHit) => boolean): number =>
    counted.filter(keep).reduce((total, h) => total + h.points, 0);
  const core = sum((h) => CORE_FAMILIES.has(h.family) && h.points > 0);
  // The strongest objection counts, not their sum: a title that names the river, its floods and
  // its hydrology is no less a wildlife survey for it.
  const objection = Math.min(0, ...counted.map((h) => h.points));
  const total = sum((h) => h.points > 0) + objection;
  const level: TenderLevel =
    core >= rules.coreThreshold
      ? 'Cœur'
      : found && total >= rules.adjacentThreshold
        ? 'Adjacent'
        : 'Hors cible';
  const score = Math.round(level === 'Cœur' ? Math.max(total, core) : Math.max(0, total));
  return {
    score,
    level,
    matched: counted.filter((h) => h.points > 0).map((h) => h.label),
    excluded: counted.filter((h) => h.points < 0).map((h) => h.label),
    hits: counted,
  };
}

/** The "Mots trouvés" cell. */
export function matchedText(result: RelevanceResult): string {
  return result.matched.join(', ');
}
