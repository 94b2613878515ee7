/**
 * The pipeline's stages (DESIGN.md §4) and what each implies: its rank for forward moves, whether
 * it closes the deal, and the probability an opportunity gets when it enters the stage.
 */
import { PIPELINE_STAGES } from '../schema/enums';

export type Stage = (typeof PIPELINE_STAGES)[number];

export const FIRST_STAGE: Stage = 'Lead';
export const WON: Stage = 'Gagné';
export const LOST: Stage = 'Perdu';

/** The open stages in order; Gagné follows the last one, Perdu can follow any. */
export const OPEN_STAGES: readonly Stage[] = PIPELINE_STAGES.filter((s) => s !== WON && s !== LOST);

/** Probability of winning by stage, a fraction 0–1; Parametres can override each. */
export const DEFAULT_PROBABILITIES: Readonly<Record<Stage, number>> = {
  Lead: 0.1,
  Qualifié: 0.2,
  Contacté: 0.3,
  'En discussion': 0.4,
  'Proposition envoyée': 0.6,
  Négociation: 0.8,
  Gagné: 1,
  Perdu: 0,
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (PIPELINE_STAGES as readonly string[]).includes(value);
}

export function isClosed(stage: Stage): boolean {
  return stage === WON || stage === LOST;
}

/** Position along the way to Gagné; Perdu has no position (it is off the path). */
export function stageRank(stage: Stage): number {
  if (stage === LOST) return -1;
  if (stage === WON) return OPEN_STAGES.length;
  return OPEN_STAGES.indexOf(stage);
}

/** The stage that follows on the way to Gagné, or null from a closed stage. */
export function nextStageOf(stage: Stage): Stage | null {
  if (isClosed(stage)) return null;
  return OPEN_STAGES[stageRank(stage) + 1] ?? WON;
}

/** Every stage in display order, Gagné and Perdu last. */
export const PIPELINE_ORDER: readonly Stage[] = PIPELINE_STAGES;
