/**
 * The ICP score of a card: 0–100 with its rule-based detail (`detailIcp`, one line per
 * dimension), the state of its background recalculation, and « Expliquer ce score » — Claude's
 * words on the score and one suggested next action. The explanation is text, never markup, and
 * the suggestion is only a prefilled task form: nothing is saved until the user adds it. Claude's
 * refusals (no key, budget spent) are shown next to the button; the rules' detail stays in view.
 */
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RecordDto, ScoreExplanation } from '../../server/api/contract';
import { html } from '../html';
import type { CardTab } from '../records';
import type { RescoreStatus } from '../rescore';
import { callServer, errorText } from '../rpc';

export interface IcpScoreProps {
  readonly tab: CardTab;
  readonly record: RecordDto;
  readonly rescore: RescoreStatus;
  readonly onRetryRescore: () => void;
  /** Opens the task form with this title; the user saves it or not. */
  readonly onUseNextAction: (title: string) => void;
}

function scoreOf(record: RecordDto): number | null {
  const raw = record.scoreIcp;
  if (raw === null || raw === undefined || raw === '') return null;
  const score = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(score) ? Math.max(0, Math.min(100, Math.round(score))) : null;
}

function RescoreNote(props: { status: RescoreStatus; onRetry: () => void }): VNode | null {
  const { status, onRetry } = props;
  if (status.running)
    return html`<p class="muted small rescore-note" role="status" data-testid="rescore-note">
      Recalcul du score en cours…
    </p>`;
  if (!status.failed) return null;
  return html`<p class="muted small rescore-note" data-testid="rescore-note">
    Score pas encore recalculé après votre modification (${status.failed}).
    <button type="button" class="link small" onClick=${onRetry}>Recalculer</button>
  </p>`;
}

export function IcpScore(props: IcpScoreProps): VNode | null {
  const { tab, record, rescore, onRetryRescore, onUseNextAction } = props;
  const score = scoreOf(record);
  const [pending, setPending] = useState(false);
  const [explained, setExplained] = useState<ScoreExplanation | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  // An explanation of another score would now be wrong.
  useEffect(() => {
    setExplained(null);
    setRefusal(null);
  }, [score]);

  const note = html`<${RescoreNote} status=${rescore} onRetry=${onRetryRescore} />`;
  if (score === null)
    return rescore.running || rescore.failed ? html`<section class="icp">${note}</section>` : null;

  const level = score >= 70 ? 'ok' : score >= 40 ? 'warn' : 'bad';
  const detail = typeof record.detailIcp === 'string' ? record.detailIcp : '';
  const lines = detail
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

  const explain = async () => {
    if (pending) return;
    setPending(true);
    setRefusal(null);
    try {
      setExplained(await callServer('explainScore', tab, String(record.id)));
    } catch (error) {
      setExplained(null);
      setRefusal(errorText(error));
    } finally {
      setPending(false);
    }
  };

  return html`
    <section class="icp" data-testid="icp">
      <div class="icp-head">
        <span>Score ICP</span>
        <strong class=${level} data-testid="icp-value">${score} / 100</strong>
      </div>
      <div
        class="meter"
        role="meter"
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${score}
        aria-label="Score ICP"
      >
        <span class=${`meter-fill ${level}`} style=${{ width: `${score}%` }}></span>
      </div>
      ${
        lines.length > 0
          ? html`<ul class="icp-detail" data-testid="icp-detail">
              ${lines.map((l) => html`<li>${l}</li>`)}
            </ul>`
          : null
      }
      ${note}
      <button
        type="button"
        class="link explain-button"
        data-testid="explain-score"
        disabled=${pending}
        aria-expanded=${explained !== null}
        onClick=${explain}
      >
        ${pending ? 'Explication en cours…' : explained ? 'Expliquer à nouveau' : 'Expliquer ce score'}
      </button>
      ${
        refusal
          ? html`<p class="bad small explain-refusal" role="alert" data-testid="explain-error">
              ${refusal}
            </p>`
          : null
      }
      ${
        explained
          ? html`<div class="explanation" data-testid="explanation">
              <p class="explanation-text" data-testid="explanation-text">
                ${explained.explanation}
              </p>
              <p class="muted small" data-testid="explanation-model">
                Texte généré par le modèle ${explained.model} à partir du détail ci-dessus. Le score
                vient des règles du CRM ; ce texte n’y change rien.
              </p>
              ${
                explained.nextAction
                  ? html`<div class="suggestion">
                      <span class="suggestion-label">Prochaine action suggérée</span>
                      <span data-testid="suggested-action">${explained.nextAction}</span>
                      <button
                        type="button"
                        class="secondary"
                        data-testid="use-next-action"
                        onClick=${() => onUseNextAction(explained.nextAction)}
                      >
                        Ajouter comme prochaine action
                      </button>
                    </div>`
                  : null
              }
            </div>`
          : null
      }
    </section>
  `;
}
