/**
 * A bulk enrichment run as plain JSON, kept in document properties between executions: what is
 * left to do, what was done, the credits it used, the organisations whose score may cross the
 * qualification threshold. Executions resume it until it is finished; the enrichment stamp
 * (« Enrichi le ») written with each result is what makes a resumed or repeated run skip what was
 * done, so an execution cut between the API's answer and the state save costs nothing twice.
 */
import type { CreditService } from './credits';

export type BulkMode = 'selection' | 'incomplets';

export interface BulkCounts {
  /** Contacts sent and given at least one value. */
  readonly enriched: number;
  /** Sent, nothing found or nothing new. */
  readonly unchanged: number;
  readonly optOut: number;
  readonly recent: number;
  readonly archived: number;
  /** Too little to identify the person (no email, profile, or name with company). */
  readonly unidentifiable: number;
  /** Refused by the API for this record; not retried in this run. */
  readonly refused: number;
  readonly fieldsFilled: number;
  readonly proposals: number;
  readonly verified: number;
}

export const NO_COUNTS: BulkCounts = {
  enriched: 0,
  unchanged: 0,
  optOut: 0,
  recent: 0,
  archived: 0,
  unidentifiable: 0,
  refused: 0,
  fieldsFilled: 0,
  proposals: 0,
  verified: 0,
};

export interface BulkRunState {
  readonly version: 1;
  readonly mode: BulkMode;
  readonly startedAtIso: string;
  /** `selection`: contacts still to process, in order. `incomplets`: found again each execution. */
  readonly queue: readonly string[];
  readonly total: number;
  readonly done: number;
  readonly counts: BulkCounts;
  /** Records refused by an API in this run: not offered again to the same run. */
  readonly refusedIds: readonly string[];
  readonly credits: Readonly<Record<CreditService, number>>;
  /** Organisation → score before the run, for those below the threshold (they may cross it). */
  readonly scoresBefore: Readonly<Record<string, number | null>>;
  /**
   * Organisations whose contacts were enriched, kept only up to a handful: a few are rescored one
   * by one at the end, more than that all at once.
   */
  readonly touched: readonly string[];
  readonly problems: readonly string[];
  readonly lastError: string | null;
  /** Why the run ended early (a budget), in French; null otherwise. */
  readonly stopped: string | null;
  readonly finishedAtIso: string | null;
  readonly summary: string | null;
}

export function startBulkRun(
  mode: BulkMode,
  queue: readonly string[],
  total: number,
  startedAtIso: string,
): BulkRunState {
  return {
    version: 1,
    mode,
    startedAtIso,
    queue: [...queue],
    total,
    done: 0,
    counts: NO_COUNTS,
    refusedIds: [],
    credits: { apollo: 0, hunter: 0 },
    scoresBefore: {},
    touched: [],
    problems: [],
    lastError: null,
    stopped: null,
    finishedAtIso: null,
    summary: null,
  };
}

export function isRunning(state: BulkRunState | null): boolean {
  return state !== null && state.finishedAtIso === null;
}

/** Adds the ids of a new selection to a run in progress, each once. */
export function extendQueue(state: BulkRunState, ids: readonly string[]): BulkRunState {
  const present = new Set(state.queue);
  const added = ids.filter((id) => !present.has(id) && (present.add(id), true));
  return { ...state, queue: [...state.queue, ...added], total: state.total + added.length };
}

export function addCounts(a: BulkCounts, b: Partial<BulkCounts>): BulkCounts {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + (value ?? 0);
  return out as unknown as BulkCounts;
}

/** What the sidebar's progress bar reads. */
export interface EnrichmentProgress {
  readonly done: number;
  readonly total: number;
  readonly running: boolean;
  readonly lastError: string | null;
  readonly mode: BulkMode | null;
  readonly summary: string | null;
  readonly startedAtIso: string | null;
  readonly finishedAtIso: string | null;
}

export function progressOf(state: BulkRunState | null): EnrichmentProgress {
  if (!state)
    return {
      done: 0,
      total: 0,
      running: false,
      lastError: null,
      mode: null,
      summary: null,
      startedAtIso: null,
      finishedAtIso: null,
    };
  return {
    done: Math.min(state.done, state.total),
    total: state.total,
    running: isRunning(state),
    lastError: state.stopped ?? state.lastError,
    mode: state.mode,
    summary: state.summary,
    startedAtIso: state.startedAtIso,
    finishedAtIso: state.finishedAtIso,
  };
}

/** One French paragraph for the menu's dialog, the job's status and the Journal. */
export function describeRun(state: BulkRunState): string {
  const c = state.counts;
  const skipped = [
    c.optOut > 0 ? `${c.optOut} opposé${plural(c.optOut)} au démarchage (opt-out)` : '',
    c.recent > 0 ? `${c.recent} déjà enrichi${plural(c.recent)} récemment` : '',
    c.archived > 0 ? `${c.archived} archivé${plural(c.archived)}` : '',
    c.unidentifiable > 0
      ? `${c.unidentifiable} sans email, profil LinkedIn ni nom et organisation`
      : '',
    c.refused > 0 ? `${c.refused} refusé${plural(c.refused)} par l’API` : '',
  ].filter((s) => s !== '');
  const what = state.mode === 'selection' ? 'de la sélection' : 'des contacts incomplets';
  const lines = [
    `Enrichissement ${what} : ${state.done} contact${plural(state.done)} traité${plural(state.done)} sur ${state.total}, ` +
      `${c.enriched} enrichi${plural(c.enriched)} (${c.fieldsFilled} champ${plural(c.fieldsFilled)} rempli${plural(c.fieldsFilled)}, ` +
      `${c.verified} email${plural(c.verified)} vérifié${plural(c.verified)}), ${c.unchanged} sans nouveauté` +
      (skipped.length > 0 ? ` ; non envoyés : ${skipped.join(', ')}` : '') +
      '.',
    c.proposals > 0
      ? `${c.proposals} valeur${plural(c.proposals)} différente${plural(c.proposals)} de celles saisies, non appliquée${plural(c.proposals)} : voir le Journal (« Proposition Apollo » / « Proposition Hunter »).`
      : '',
    `Crédits utilisés : Apollo ${formatCredits(state.credits.apollo)}, Hunter ${formatCredits(state.credits.hunter)}.`,
    state.stopped ?? '',
  ];
  return lines.filter((l) => l !== '').join(' ');
}

function formatCredits(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n).replace('.', ',');
}

function plural(n: number): string {
  return n > 1 ? 's' : '';
}
