/**
 * What the daily watch asks BOAMP for: the notices of a day window that meet at least one of
 * its nets (a keyword in the object, a BOAMP descriptor, a CPV code in the full text) and all of
 * its restrictions (départements, notice kinds, procedures). The relevance score then sorts the
 * candidates client-side: `search()` is fuzzy and its accent handling unverified (boamp.md §1.2).
 *
 * `watchFiltersFromSettings` reads the Parametres values; `buildWatchQueries` turns filters into
 * one or more queries, several only when one would not fit in Apps Script's URL limit.
 */
import { foldText } from '../../text/fold';
import { relevanceRulesFromSettings } from '../relevance/rules';
import type { DayWindow } from '../types';
import { isCalendarDay, odsqlIn, odsqlSearch, searchableText } from './odsql';
import { MAX_URL_LENGTH, longestPageUrlLength, type NoticeQuery } from './request';

export interface WatchFilters {
  /** Words or phrases looked for in the notice's object (`objet`). */
  readonly terms: readonly string[];
  /** Full 8-digit CPV codes looked for in the notice's full text (`donnees`). */
  readonly cpv: readonly string[];
  /** BOAMP descriptor codes (`descripteur_code`), e.g. `116` Espaces verts. */
  readonly descriptors: readonly string[];
  /** Publication départements (`code_departement`); empty: all of France. */
  readonly departements: readonly string[];
  /** Notice kinds (`nature`: `APPEL_OFFRE`, `ATTRIBUTION`…); empty: every kind. */
  readonly natures: readonly string[];
  /** Procedures (`type_procedure`: `PROCEDURE_ADAPTE`, `OUVERT`…); empty: every procedure. */
  readonly procedures: readonly string[];
}

/**
 * The watch's own settings: restrictions only. The net's words and codes are the relevance
 * rules' (`boamp.mots_*`, `boamp.cpv_coeur`), whose `boamp.departements`, `boamp.cpv` and
 * `boamp.descripteurs` are scoring points, not filters — hence a separate key for the
 * départements the watch is limited to.
 */
export const SETTING_DEPARTEMENTS = 'boamp.departements_veille';
export const SETTING_TYPES_AVIS = 'boamp.types_avis';
export const SETTING_TYPES_PROCEDURE = 'boamp.types_procedure';

const DEPARTEMENT = /^(\d{2,3}|2[AB])$/;
const CODE = /^[A-Z][A-Z0-9_]*$/;

export interface WatchFiltersReading {
  readonly filters: WatchFilters;
  /** One French line per value left out, for the Journal: nothing is dropped silently. */
  readonly problems: readonly string[];
}

/**
 * The filters from Parametres. The net is read through the relevance rules' own parser rather
 * than from a twin list: every word of `boamp.mots_coeur` and `boamp.mots_adjacents` with
 * positive points (a notice the score can call relevant holds at least one), and the core CPV
 * codes of `boamp.cpv_coeur`, which can make a notice Cœur without any word. Those are prefixes
 * (`779`) and a full-text search matches whole codes only, so each is sent as its family's head
 * code (`77900000`): notices carrying a finer code of the family are left to the words.
 * Descriptors never make a notice relevant alone, so they do not widen the net. `terms`, when
 * given, replaces the words. A restriction value that cannot be a code of its kind is left out
 * and reported.
 */
export function watchFiltersFromSettings(
  settings: ReadonlyMap<string, string>,
  terms?: readonly string[],
): WatchFiltersReading {
  const problems: string[] = [];
  const read = (key: string, extract: (v: string) => string | null): string[] => {
    const kept: string[] = [];
    for (const raw of splitList(settings.get(key) ?? '')) {
      const value = extract(raw);
      if (value === null) {
        problems.push(`Réglage « ${key} » : valeur « ${raw} » ignorée (format non reconnu).`);
      } else if (!kept.includes(value)) {
        kept.push(value);
      }
    }
    return kept;
  };
  const code = (v: string) => {
    const value = v.toUpperCase().replace(/[\s-]+/g, '_');
    return CODE.test(value) ? value : null;
  };
  const departements = read(SETTING_DEPARTEMENTS, (v) => {
    const value = (/^\d$/.test(v) ? `0${v}` : v).toUpperCase();
    return DEPARTEMENT.test(value) ? value : null;
  });
  const natures = read(SETTING_TYPES_AVIS, code);
  const procedures = read(SETTING_TYPES_PROCEDURE, code);
  const rules = relevanceRulesFromSettings(settings);
  const words =
    terms ??
    rules.text.rules
      .filter((r) => (r.family === 'coeur' || r.family === 'adjacent') && r.points > 0)
      .map((r) => r.label);
  const cpv: string[] = [];
  for (const rule of rules.cpvCore) {
    const head = rule.code.padEnd(8, '0');
    if (rule.points > 0 && /^\d{8}$/.test(head) && !cpv.includes(head)) cpv.push(head);
  }
  return {
    filters: { terms: [...words], cpv, descriptors: [], departements, natures, procedures },
    problems,
  };
}

export interface WatchQueryPlan {
  readonly queries: readonly NoticeQuery[];
  /** Search words that could not be sent (empty once cleaned, or too long for any URL). */
  readonly problems: readonly string[];
}

/**
 * The queries that together return every notice of the window the filters let through. The
 * net's conditions are spread over as many queries as the URL limit requires; each query
 * carries all the restrictions. The caller de-duplicates on idweb, since a notice may meet
 * conditions of two queries.
 */
export function buildWatchQueries(
  filters: WatchFilters,
  window: DayWindow,
  maxUrlLength = MAX_URL_LENGTH,
): WatchQueryPlan {
  if (!isCalendarDay(window.from) || !isCalendarDay(window.to) || window.from > window.to)
    throw new Error(`Bad day window ${window.from} → ${window.to}`);
  const problems: string[] = [];
  const allOf: string[] = [];
  if (filters.departements.length > 0)
    allOf.push(odsqlIn('code_departement', filters.departements));
  if (filters.natures.length > 0) allOf.push(odsqlIn('nature', filters.natures));
  if (filters.procedures.length > 0) allOf.push(odsqlIn('type_procedure', filters.procedures));

  const net: string[] = [];
  if (filters.descriptors.length > 0) net.push(odsqlIn('descripteur_code', filters.descriptors));
  for (const code of filters.cpv) net.push(odsqlSearch('donnees', code));
  for (const term of searchSpellings(filters.terms, problems)) net.push(odsqlSearch('objet', term));

  const fits = (anyOf: readonly string[]) =>
    longestPageUrlLength({ window, anyOf, allOf }) <= maxUrlLength;
  if (!fits([])) throw new Error('The restrictions alone do not fit in a URL');
  if (net.length === 0) return { queries: [{ window, anyOf: [], allOf }], problems };

  const queries: NoticeQuery[] = [];
  let group: string[] = [];
  for (const condition of net) {
    if (fits([...group, condition])) {
      group.push(condition);
      continue;
    }
    if (group.length > 0) queries.push({ window, anyOf: group, allOf });
    if (fits([condition])) {
      group = [condition];
    } else {
      group = [];
      problems.push(
        `Recherche BOAMP : condition trop longue pour une requête, ignorée (${condition.slice(0, 60)}…).`,
      );
    }
  }
  if (group.length > 0) queries.push({ window, anyOf: group, allOf });
  return { queries, problems };
}

/**
 * Each word as given and, when it differs, without accents: whether `search()` folds accents is
 * unverified (boamp.md §1.2), and notices are typed both ways. A phrase that holds a one-word
 * term of the list is left out — wherever the phrase is found, so is that word, whatever
 * `search()` does with several words — which keeps the keyword lists to a few URLs.
 * Duplicates are sent once.
 */
function searchSpellings(terms: readonly string[], problems: string[]): string[] {
  const cleaned: string[] = [];
  for (const term of terms) {
    const text = searchableText(term);
    if (text === '')
      problems.push(`Recherche BOAMP : mot-clé « ${term} » vide une fois nettoyé, ignoré.`);
    else if (!cleaned.includes(text)) cleaned.push(text);
  }
  const wordsOf = (text: string) =>
    foldText(text)
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '');
  const singleWords = new Set(
    cleaned
      .map(wordsOf)
      .filter((w) => w.length === 1)
      .map((w) => w[0] as string),
  );
  const spellings: string[] = [];
  for (const text of cleaned) {
    const words = wordsOf(text);
    if (words.length > 1 && words.some((w) => singleWords.has(w))) continue;
    for (const spelling of [text, searchableText(foldText(text))]) {
      if (spelling !== '' && !spellings.includes(spelling)) spellings.push(spelling);
    }
  }
  return spellings;
}

function splitList(raw: string): string[] {
  return raw
    .split(/[,;]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
