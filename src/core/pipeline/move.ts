/**
 * What a stage move changes on the opportunity once the rules allow it: the stage, its entry day,
 * a new history line, the loss reason, and the probability — the new stage's default, unless the
 * user had set a probability of their own for the old stage, which is theirs to keep.
 */
import { appendEntry, historyOrCurrent, formatHistory, type StageEntry } from './history';
import { LOST, type Stage } from './stages';
import type { PipelineRules } from './rules';

export interface OpportunityStageState {
  readonly stage: Stage;
  readonly probability: number | null;
  readonly history: string;
  /** Day the opportunity was created, for a history that was never written. */
  readonly createdDay: string;
}

export interface StageChanges {
  readonly etape: Stage;
  /** `yyyy-MM-dd` */
  readonly etapeDepuis: string;
  readonly historiqueEtapes: string;
  readonly probabilite?: number;
  readonly raisonPerte?: string;
}

export function planMove(
  rules: PipelineRules,
  state: OpportunityStageState,
  to: Stage,
  reason: string | null,
  at: { readonly day: string; readonly time: string },
): StageChanges {
  const entry: StageEntry = { stage: to, day: at.day, time: at.time };
  const past = historyOrCurrent(state.history, state.stage, state.createdDay);
  const history =
    state.history.trim() === ''
      ? formatHistory([...past, entry])
      : appendEntry(state.history, entry);
  const userProbability =
    state.probability !== null &&
    Math.abs(state.probability - rules.probabilities[state.stage]) > 1e-9;
  const trimmedReason = (reason ?? '').trim();
  return {
    etape: to,
    etapeDepuis: at.day,
    historiqueEtapes: history,
    ...(userProbability && to !== LOST && to !== 'Gagné'
      ? {}
      : { probabilite: rules.probabilities[to] }),
    ...(to === LOST && trimmedReason !== '' ? { raisonPerte: trimmedReason } : {}),
  };
}

/** The stage fields of a new opportunity: the stage it starts in, entered now. */
export function initialStage(
  rules: PipelineRules,
  stage: Stage,
  probabilityTyped: boolean,
  at: { readonly day: string; readonly time: string },
): StageChanges {
  return {
    etape: stage,
    etapeDepuis: at.day,
    historiqueEtapes: formatHistory([{ stage, day: at.day, time: at.time }]),
    ...(probabilityTyped ? {} : { probabilite: rules.probabilities[stage] }),
  };
}
