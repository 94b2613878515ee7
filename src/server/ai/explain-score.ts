/**
 * "Expliquer ce score": Claude puts the rule-based ICP score of an organisation or a contact into
 * words and suggests one next action. Read-only: the score, its reasons and every field stay as
 * the rules made them; the only trace is the Journal line of the billed call. Without a key the
 * caller gets CONFIG « Clé Claude absente — Paramètres » and the sidebar keeps showing the
 * rule-based reasons it already has.
 */
import { buildExplainScoreTask, EXPLAIN_SCORE_MAX_INTERACTIONS } from '../../core/ai/explain-score';
import { describeScore } from '../../core/scoring';
import { getTab } from '../../core/schema/tabs';
import type { ScoreExplanation } from '../api/contract';
import { openClaude } from '../claude/claude-service';
import { now } from '../platform/clock';
import { recordToDto } from '../records/record-dto';
import { readScoredRecord } from '../scoring/score-reader';
import { readSettings } from '../settings/settings-reader';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function explainScore(
  spreadsheet: Spreadsheet,
  kind: 'organisations' | 'contacts',
  id: string,
): ScoreExplanation {
  const settings = readSettings(spreadsheet);
  // The key is checked before any sheet read: without it there is nothing to do.
  const claude = openClaude(spreadsheet, settings);
  const scored = readScoredRecord(
    spreadsheet,
    kind,
    id,
    settings,
    now(),
    EXPLAIN_SCORE_MAX_INTERACTIONS,
  );
  const reasons = describeScore(scored.score).split('\n');
  const task = buildExplainScoreTask({
    kind,
    today: scored.today,
    score: scored.score.score,
    reasons,
    record: recordToDto(getTab(kind), scored.record),
    organisation:
      kind === 'contacts' && scored.organisation
        ? recordToDto(getTab('organisations'), scored.organisation)
        : null,
    interactions: scored.recentInteractions.map((i) => recordToDto(getTab('interactions'), i)),
    maskedNames: scored.contactNames,
  });
  const answer = claude.generate(task, { tab: getTab(kind).name, recordId: scored.id });
  return {
    kind,
    id: scored.id,
    score: scored.score.score,
    reasons,
    explanation: answer.value.explication,
    nextAction: answer.value.prochaineAction,
    model: answer.model,
    usage: { inputTokens: answer.usage.inputTokens, outputTokens: answer.usage.outputTokens },
  };
}
