/**
 * Parametres text → compiled relevance rules. A line a user mistyped is skipped with a French
 * warning rather than failing the watch: one bad entry must not stop the daily tender list.
 */
import { parseIntegerSetting } from '../../settings/defaults';
import {
  DEFAULT_ADJACENT_THRESHOLD,
  DEFAULT_CORE_THRESHOLD,
  RELEVANCE_KEYS,
  RELEVANCE_SETTINGS,
} from './default-rules';
import { compilePhrase, type Phrase } from './tokens';

export type TermFamily = 'coeur' | 'adjacent' | 'exclu' | 'acheteur';

export interface TermRule {
  /** As written in Parametres, shown in "Mots trouvés". */
  readonly label: string;
  readonly phrase: Phrase;
  /** Negative for exclusions. */
  readonly points: number;
  readonly family: TermFamily;
}

export interface TermIndex {
  readonly rules: readonly TermRule[];
  /** Rules by the stem of their first word, so a title is scanned once, not once per rule. */
  readonly byFirstStem: ReadonlyMap<string, readonly TermRule[]>;
  /** Rules whose first word is a prefix (`apicul*`): few, tried at every word. */
  readonly prefixFirst: readonly TermRule[];
}

export interface CodeRule {
  readonly code: string;
  readonly label: string;
  readonly points: number;
}

export interface RelevanceRules {
  readonly text: TermIndex;
  readonly buyers: TermIndex;
  readonly nameContexts: readonly Phrase[];
  readonly cpvCore: readonly CodeRule[];
  readonly cpv: readonly CodeRule[];
  readonly descriptors: readonly CodeRule[];
  readonly departments: readonly CodeRule[];
  readonly coreThreshold: number;
  readonly adjacentThreshold: number;
  /** French, one per skipped entry. */
  readonly warnings: readonly string[];
}

const DEFAULT_VALUES: ReadonlyMap<string, string> = new Map(
  RELEVANCE_SETTINGS.map((s) => [s.key, s.defaultValue]),
);

function entriesOf(raw: string): string[] {
  return raw
    .split(/[;\n\r]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

function parsePoints(raw: string): number | null {
  const text = raw
    .trim()
    .replace(/[\u2212\u2013]/g, '-')
    .replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Splits "terme = points"; a missing "= points" takes `fallback`. */
function splitEntry(entry: string, fallback: number): { key: string; points: number | null } {
  const eq = entry.lastIndexOf('=');
  if (eq < 0) return { key: entry, points: fallback };
  return { key: entry.slice(0, eq).trim(), points: parsePoints(entry.slice(eq + 1)) };
}

function parseTerms(
  settingKey: string,
  raw: string,
  family: TermFamily,
  fallback: number,
  warnings: string[],
): TermRule[] {
  const rules: TermRule[] = [];
  for (const entry of entriesOf(raw)) {
    const { key, points } = splitEntry(entry, fallback);
    const phrase = compilePhrase(key);
    if (points === null) {
      warnings.push(`${settingKey} : « ${entry} » ignoré (points illisibles).`);
    } else if (phrase.length === 0) {
      warnings.push(`${settingKey} : « ${entry} » ignoré (aucun mot).`);
    } else {
      // Exclusions are written as positive amounts to remove; either sign means "remove".
      const signed = family === 'exclu' ? -Math.abs(points) : points;
      rules.push({ label: key, phrase, points: signed, family });
    }
  }
  return rules;
}

function parseCodes(
  settingKey: string,
  raw: string,
  pattern: RegExp,
  warnings: string[],
): CodeRule[] {
  const rules: CodeRule[] = [];
  for (const entry of entriesOf(raw)) {
    const { key, points } = splitEntry(entry, 0);
    const code = pattern.exec(key)?.[1];
    if (points === null || !code) {
      warnings.push(`${settingKey} : « ${entry} » ignoré (code ou points illisibles).`);
    } else {
      rules.push({ code: code.toUpperCase(), label: key.slice(code.length).trim(), points });
    }
  }
  return rules;
}

export function indexTerms(rules: readonly TermRule[]): TermIndex {
  const byFirstStem = new Map<string, TermRule[]>();
  const prefixFirst: TermRule[] = [];
  for (const rule of rules) {
    const first = rule.phrase[0];
    if (!first) continue;
    if (first.prefix) prefixFirst.push(rule);
    else byFirstStem.set(first.stem, [...(byFirstStem.get(first.stem) ?? []), rule]);
  }
  return { rules, byFirstStem, prefixFirst };
}

/** The rules from the Parametres map; a key absent from the map takes its default. */
export function relevanceRulesFromSettings(settings: ReadonlyMap<string, string>): RelevanceRules {
  const warnings: string[] = [];
  const value = (key: string): string => settings.get(key) ?? DEFAULT_VALUES.get(key) ?? '';
  const terms = (key: string, family: TermFamily, fallback: number): TermRule[] =>
    parseTerms(key, value(key), family, fallback, warnings);
  const K = RELEVANCE_KEYS;
  const coreThreshold = parseIntegerSetting(
    settings.get(K.coreThreshold),
    DEFAULT_CORE_THRESHOLD,
    1,
    10_000,
  );
  const text = indexTerms([
    ...terms(K.core, 'coeur', coreThreshold),
    ...terms(K.adjacent, 'adjacent', 20),
    ...terms(K.excluded, 'exclu', 30),
  ]);
  const nameContexts = entriesOf(value(K.nameContexts))
    .map(compilePhrase)
    .filter((p) => p.length > 0);
  const cpvCode = /^\s*(\d{2,8})/;
  return {
    text,
    buyers: indexTerms(terms(K.buyers, 'acheteur', 10)),
    nameContexts,
    cpvCore: parseCodes(K.cpvCore, value(K.cpvCore), cpvCode, warnings),
    cpv: parseCodes(K.cpv, value(K.cpv), cpvCode, warnings),
    descriptors: parseCodes(K.descriptors, value(K.descriptors), /^\s*(\d+)/, warnings),
    departments: parseCodes(K.departments, value(K.departments), /^\s*(\d[\dab]\d?)/i, warnings),
    coreThreshold,
    adjacentThreshold: parseIntegerSetting(
      settings.get(K.adjacentThreshold),
      DEFAULT_ADJACENT_THRESHOLD,
      1,
      10_000,
    ),
    warnings,
  };
}

let defaults: RelevanceRules | undefined;

/** The installed defaults, compiled once per execution. */
export function defaultRelevanceRules(): RelevanceRules {
  if (!defaults) defaults = relevanceRulesFromSettings(new Map());
  return defaults;
}
