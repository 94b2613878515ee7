/**
 * The opportunities of a card: the open ones with their stage, amount and the pipeline move; the
 * closed ones folded underneath. The one the user came for (a search hit) is highlighted and
 * scrolled into view.
 */
import type { VNode } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { RecordDto, StageMoveResult } from '../../server/api/contract';
import { formatAmount, formatDate } from '../format';
import { html } from '../html';
import { isOpenOpportunity } from '../records';
import { PipelineMove } from './pipeline-move';

export interface OpportunitiesProps {
  readonly opportunities: readonly RecordDto[];
  readonly highlight: string | undefined;
  readonly onMoved: (result: StageMoveResult) => void;
  readonly onEdit: (opportunity: RecordDto) => void;
}

export function Opportunities(props: OpportunitiesProps): VNode {
  const { opportunities, highlight, onMoved, onEdit } = props;
  const open = opportunities.filter(isOpenOpportunity);
  const closed = opportunities.filter((o) => !isOpenOpportunity(o));
  const closedHasHighlight = closed.some((o) => o.id === highlight);
  return html`
    <div class="opportunities">
      ${open.length === 0 ? html`<p class="muted">Aucune opportunité ouverte.</p>` : null}
      <ul class="opps">
        ${open.map(
          (o) =>
            html`<${OpportunityItem}
              key=${String(o.id)}
              opportunity=${o}
              highlighted=${o.id === highlight}
              onMoved=${onMoved}
              onEdit=${onEdit}
            />`,
        )}
      </ul>
      ${
        closed.length > 0
          ? html`<details open=${closedHasHighlight}>
              <summary>Clôturées (${closed.length})</summary>
              <ul class="opps">
                ${closed.map(
                  (o) =>
                    html`<${OpportunityItem}
                      key=${String(o.id)}
                      opportunity=${o}
                      highlighted=${o.id === highlight}
                      onMoved=${onMoved}
                      onEdit=${onEdit}
                    />`,
                )}
              </ul>
            </details>`
          : null
      }
    </div>
  `;
}

function OpportunityItem(props: {
  opportunity: RecordDto;
  highlighted: boolean;
  onMoved: (result: StageMoveResult) => void;
  onEdit: (opportunity: RecordDto) => void;
}): VNode {
  const { opportunity: o, highlighted, onMoved, onEdit } = props;
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [highlighted]);
  const id = String(o.id);
  const open = isOpenOpportunity(o);
  return html`
    <li
      ref=${ref}
      class=${highlighted ? 'opp highlight' : 'opp'}
      data-testid=${`opp-${id}`}
      aria-current=${highlighted ? 'true' : undefined}
    >
      <div class="opp-head">
        <span class="opp-title">${String(o.titre ?? id)}</span>
        <button type="button" class="link small" onClick=${() => onEdit(o)}>Modifier</button>
      </div>
      <div class="opp-meta">
        <span
          class=${`stage stage-${open ? 'open' : String(o.etape) === 'Gagné' ? 'won' : 'lost'}`}
          data-testid="opp-stage"
          >${String(o.etape ?? '—')}</span
        >
        <span class="amount">${formatAmount(o.montant)}</span>
        ${
          o.dateCloturePrevue
            ? html`<span class="muted small"
                >clôture ${formatDate(String(o.dateCloturePrevue))}</span
              >`
            : null
        }
      </div>
      ${
        !open && o.raisonPerte
          ? html`<div class="muted small">Raison : ${String(o.raisonPerte)}</div>`
          : null
      }
      ${open ? html`<${PipelineMove} key=${`${id}-${String(o.etape)}`} opportunity=${o} onMoved=${onMoved} />` : null}
    </li>
  `;
}
