/**
 * Pipeline figures computed from the opportunities' stage histories (DESIGN.md §4): average days
 * spent in each stage, conversion from each stage onward, and the pipeline's value by stage,
 * weighted by probability. Pure arithmetic on calendar days; the server passes today.
 */
import { historyOrCurrent, type StageEntry } from './history';
import { isClosed, LOST, PIPELINE_ORDER, stageRank, WON, type Stage } from './stages';

export interface OpportunityForMetrics {
  readonly stage: Stage;
  readonly amount: number | null;
  readonly probability: number | null;
  readonly history: string;
  /** Creation day, for an opportunity whose history cell is empty. */
  readonly createdDay: string;
}

export interface StageFigures {
  readonly stage: Stage;
  /** Opportunities currently at this stage. */
  readonly count: number;
  readonly amount: number;
  /** Amount × probability (the stage's default when the opportunity has none). */
  readonly weightedAmount: number;
  /** Mean days of the stays that ended (the opportunity moved on); null without any. */
  readonly averageDays: number | null;
  readonly completedStays: number;
  /** Opportunities that ever entered the stage. */
  readonly reached: number;
  /** Of those, how many went further towards Gagné (Gagné included). */
  readonly advanced: number;
  /** advanced / reached, null when none reached the stage; not given for Gagné and Perdu. */
  readonly conversion: number | null;
}

export interface PipelineFigures {
  readonly stages: readonly StageFigures[];
  readonly openCount: number;
  readonly openAmount: number;
  readonly weightedOpenAmount: number;
  readonly wonAmount: number;
  /** Won / (won + lost), null before any deal closed. */
  readonly winRate: number | null;
}

export function computePipelineFigures(
  opportunities: readonly OpportunityForMetrics[],
  defaultProbabilities: Readonly<Record<Stage, number>>,
): PipelineFigures {
  const stays = new Map<Stage, number[]>();
  const reached = new Map<Stage, number>();
  const advanced = new Map<Stage, number>();
  const current = new Map<Stage, { count: number; amount: number; weighted: number }>();

  for (const opp of opportunities) {
    const history = historyOrCurrent(opp.history, opp.stage, opp.createdDay);
    recordStays(history, stays);
    const entered = new Set(history.map((e) => e.stage));
    entered.add(opp.stage);
    const furthest = Math.max(...[...entered].map(stageRank));
    for (const stage of entered) {
      reached.set(stage, (reached.get(stage) ?? 0) + 1);
      if (stage !== LOST && stage !== WON && furthest > stageRank(stage)) {
        advanced.set(stage, (advanced.get(stage) ?? 0) + 1);
      }
    }
    const amount = opp.amount ?? 0;
    const probability = opp.probability ?? defaultProbabilities[opp.stage];
    const figures = current.get(opp.stage) ?? { count: 0, amount: 0, weighted: 0 };
    current.set(opp.stage, {
      count: figures.count + 1,
      amount: figures.amount + amount,
      weighted: figures.weighted + amount * probability,
    });
  }

  const stages = PIPELINE_ORDER.map((stage): StageFigures => {
    const durations = stays.get(stage) ?? [];
    const now = current.get(stage) ?? { count: 0, amount: 0, weighted: 0 };
    const reachedCount = reached.get(stage) ?? 0;
    const advancedCount = advanced.get(stage) ?? 0;
    return {
      stage,
      count: now.count,
      amount: round2(now.amount),
      weightedAmount: round2(now.weighted),
      averageDays:
        durations.length === 0
          ? null
          : round1(durations.reduce((a, b) => a + b, 0) / durations.length),
      completedStays: durations.length,
      reached: reachedCount,
      advanced: advancedCount,
      conversion: isClosed(stage) || reachedCount === 0 ? null : advancedCount / reachedCount,
    };
  });
  const open = stages.filter((s) => !isClosed(s.stage));
  const won = stages.find((s) => s.stage === WON);
  const lost = stages.find((s) => s.stage === LOST);
  const closed = (won?.count ?? 0) + (lost?.count ?? 0);
  return {
    stages,
    openCount: open.reduce((a, s) => a + s.count, 0),
    openAmount: round2(open.reduce((a, s) => a + s.amount, 0)),
    weightedOpenAmount: round2(open.reduce((a, s) => a + s.weightedAmount, 0)),
    wonAmount: won?.amount ?? 0,
    winRate: closed === 0 ? null : (won?.count ?? 0) / closed,
  };
}

/** Each entry's stay lasts until the next entry; the last one is still running and not counted. */
function recordStays(history: readonly StageEntry[], stays: Map<Stage, number[]>): void {
  for (let i = 0; i + 1 < history.length; i += 1) {
    const entry = history[i] as StageEntry;
    const next = history[i + 1] as StageEntry;
    const list = stays.get(entry.stage) ?? [];
    list.push(daysBetween(entry, next));
    stays.set(entry.stage, list);
  }
}

function daysBetween(a: StageEntry, b: StageEntry): number {
  return (minutesOf(b) - minutesOf(a)) / (24 * 60);
}

function minutesOf(entry: StageEntry): number {
  const [y = 0, m = 1, d = 1] = entry.day.split('-').map(Number);
  const [hh = 0, mm = 0] = (entry.time ?? '00:00').split(':').map(Number);
  return Date.UTC(y, m - 1, d, hh, mm) / 60_000;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
