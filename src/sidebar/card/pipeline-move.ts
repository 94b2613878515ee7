/**
 * Moving an opportunity along the pipeline from its card: a stage list preset to the next stage
 * and one button, so the usual move is one click and any other at most three. The server checks
 * the transition rules (DESIGN.md §4); a refusal is shown here, under the opportunity, with the
 * server's French explanation listing every failed rule. "Perdu" asks for the reason inline; the
 * sidebar does not refuse an empty one itself, because each rule can be switched off in Parametres
 * and only the server knows whether it applies.
 */
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import { PIPELINE_STAGES } from '../../core/schema/enums';
import type { RecordDto, StageMoveResult } from '../../server/api/contract';
import { html } from '../html';
import { LOST_STAGE, nextStage } from '../records';
import { callServer, errorText } from '../rpc';

export interface PipelineMoveProps {
  readonly opportunity: RecordDto;
  readonly onMoved: (result: StageMoveResult) => void;
}

export function PipelineMove(props: PipelineMoveProps): VNode {
  const { opportunity, onMoved } = props;
  const id = String(opportunity.id);
  const current = String(opportunity.etape ?? '');
  const [stage, setStage] = useState(() => nextStage(current));
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const lost = stage === LOST_STAGE;

  const move = async (event: Event) => {
    event.preventDefault();
    if (pending) return;
    if (stage === current) {
      setRefusal(`L’opportunité est déjà à l’étape « ${current} ».`);
      return;
    }
    setPending(true);
    setRefusal(null);
    try {
      onMoved(
        await callServer('moveStage', id, stage, lost && reason.trim() ? reason.trim() : null),
      );
    } catch (error) {
      // The server's message names every rule that failed, one per line.
      setRefusal(errorText(error));
    } finally {
      setPending(false);
    }
  };

  const selectId = `move-${id}`;
  return html`
    <form class="move" onSubmit=${move} data-testid=${`move-${id}`}>
      <label class="sr-only" for=${selectId}>Nouvelle étape</label>
      <div class="move-row">
        <select
          id=${selectId}
          value=${stage}
          disabled=${pending}
          data-testid="move-stage"
          onChange=${(e: Event) => {
            setStage((e.currentTarget as HTMLSelectElement).value);
            setRefusal(null);
          }}
        >
          ${PIPELINE_STAGES.map(
            (s) =>
              html`<option value=${s} disabled=${s === current}>
                ${s === current ? `${s} (actuelle)` : s}
              </option>`,
          )}
        </select>
        <button type="submit" class="primary" disabled=${pending} data-testid="move-submit">
          ${pending ? '…' : 'Déplacer'}
        </button>
      </div>
      ${
        lost
          ? html`<div class="field">
              <label for=${`${selectId}-reason`}>Raison de la perte</label>
              <input
                id=${`${selectId}-reason`}
                type="text"
                data-testid="move-reason"
                placeholder="ex. budget non voté, concurrent retenu…"
                value=${reason}
                disabled=${pending}
                onInput=${(e: Event) => setReason((e.currentTarget as HTMLInputElement).value)}
              />
            </div>`
          : null
      }
      ${
        refusal
          ? html`<p class="refusal" role="alert" data-testid="move-refusal">${refusal}</p>`
          : null
      }
    </form>
  `;
}
