/**
 * Precision, recall and confusion of the relevance levels against labelled notices
 * (shared/data/boamp/dev-labels.json), for `npm run eval-tenders` and the test that guards it.
 */
import type { RelevanceRules } from './rules';
import {
  scoreNotice,
  type NoticeForRelevance,
  type RelevanceResult,
  type TenderLevel,
} from './score';

export type RubricLabel = 'core' | 'adjacent' | 'off';

export const LEVEL_OF_LABEL: Readonly<Record<RubricLabel, TenderLevel>> = {
  core: 'Cœur',
  adjacent: 'Adjacent',
  off: 'Hors cible',
};

export const RUBRIC_LABELS: readonly RubricLabel[] = ['core', 'adjacent', 'off'];

export interface LabelledNotice extends NoticeForRelevance {
  readonly idweb: string;
  readonly objet: string;
  readonly label: RubricLabel;
  readonly ambiguous?: boolean;
}

export interface LevelMetrics {
  readonly label: RubricLabel;
  readonly level: TenderLevel;
  /** Notices with this label. */
  readonly support: number;
  /** Notices given this level. */
  readonly predicted: number;
  readonly correct: number;
  /** null when nothing was given this level. */
  readonly precision: number | null;
  /** null when no notice has this label. */
  readonly recall: number | null;
}

export interface Misclassified {
  readonly notice: LabelledNotice;
  readonly result: RelevanceResult;
}

export interface Evaluation {
  readonly total: number;
  /** matrix[label][level]: how many notices of that label were given that level. */
  readonly matrix: Readonly<Record<RubricLabel, Readonly<Record<TenderLevel, number>>>>;
  readonly metrics: readonly LevelMetrics[];
  readonly misclassified: readonly Misclassified[];
}

export function evaluateRelevance(
  notices: readonly LabelledNotice[],
  rules?: RelevanceRules,
): Evaluation {
  const row = (): Record<TenderLevel, number> => ({ Cœur: 0, Adjacent: 0, 'Hors cible': 0 });
  const matrix: Record<RubricLabel, Record<TenderLevel, number>> = {
    core: row(),
    adjacent: row(),
    off: row(),
  };
  const misclassified: Misclassified[] = [];
  for (const notice of notices) {
    const result = scoreNotice(notice, rules);
    matrix[notice.label][result.level]++;
    if (result.level !== LEVEL_OF_LABEL[notice.label]) misclassified.push({ notice, result });
  }
  const metrics = RUBRIC_LABELS.map((label): LevelMetrics => {
    const level = LEVEL_OF_LABEL[label];
    const support = Object.values(matrix[label]).reduce((a, b) => a + b, 0);
    const predicted = RUBRIC_LABELS.reduce((n, l) => n + matrix[l][level], 0);
    const correct = matrix[label][level];
    return {
      label,
      level,
      support,
      predicted,
      correct,
      precision: predicted === 0 ? null : correct / predicted,
      recall: support === 0 ? null : correct / support,
    };
  });
  return { total: notices.length, matrix, metrics, misclassified };
}
