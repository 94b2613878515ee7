/**
 * Pipeline: the totals (open value, weighted value, won, win rate), then one block per stage —
 * count and value on the first line, weighted value, average days in the stage and conversion
 * under it — stacked rather than a wide table, so that nothing is cut at 300 px. French formats:
 * `12 500 €`, `45 %`, `12,5 j`. Computed by the server from the stage histories (DESIGN.md §4).
 */
import type { VNode } from 'preact';
import type { PipelineFigures, StageFigures } from '../../server/api/contract';
import { formatCount, formatDays, formatEuros, formatRate } from '../format';
import { useLoad } from '../hooks';
import { html } from '../html';
import { CLOSED_STAGES } from '../records';
import { callServer } from '../rpc';

export interface PipelineViewProps {
  readonly refreshToken: number;
  readonly onBack: () => void;
}

function Tile(props: { id: string; label: string; value: string; sub?: string }): VNode {
  const { id, label, value, sub } = props;
  return html`<div class="tile" data-testid=${`pipeline-${id}`}>
    <span class="tile-label">${label}</span>
    <strong class="tile-value">${value}</strong>
    ${sub ? html`<span class="tile-sub">${sub}</span>` : null}
  </div>`;
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n > 1 ? many : one}`;
}

function StageRow(props: { figures: StageFigures }): VNode {
  const { figures: f } = props;
  const closed = CLOSED_STAGES.includes(f.stage);
  return html`<li class="stage-row" data-stage=${f.stage} data-testid="pipeline-stage">
    <div class="stage-row-head">
      <span class="stage-name">${f.stage}</span>
      <span class="stage-total">
        <span data-testid="stage-count">${formatCount(f.count)}</span>${` opp.\u00a0· `}<span
          class="amount"
          data-testid="stage-amount"
          >${formatEuros(f.amount)}</span
        >
      </span>
    </div>
    ${
      closed
        ? null
        : html`<dl class="stage-figures">
            <div>
              <dt>Pondéré</dt>
              <dd data-testid="stage-weighted">${formatEuros(f.weightedAmount)}</dd>
            </div>
            <div>
              <dt>Durée moy.</dt>
              <dd data-testid="stage-days">${formatDays(f.averageDays)}</dd>
            </div>
            <div>
              <dt>Conversion</dt>
              <dd data-testid="stage-conversion">${formatRate(f.conversion)}</dd>
            </div>
          </dl>`
    }
  </li>`;
}

function Figures(props: { figures: PipelineFigures }): VNode {
  const { figures } = props;
  const won = figures.stages.find((s) => s.stage === 'Gagné');
  const lost = figures.stages.find((s) => s.stage === 'Perdu');
  const closedCount = (won?.count ?? 0) + (lost?.count ?? 0);
  return html`<div>
    <div class="tiles">
      <${Tile}
        id="open"
        label="Valeur ouverte"
        value=${formatEuros(figures.openAmount)}
        sub=${plural(figures.openCount, 'opportunité en cours', 'opportunités en cours')}
      />
      <${Tile}
        id="weighted"
        label="Valeur pondérée"
        value=${formatEuros(figures.weightedOpenAmount)}
        sub="par la probabilité"
      />
      <${Tile}
        id="won"
        label="Gagné"
        value=${formatEuros(figures.wonAmount)}
        sub=${plural(won?.count ?? 0, 'affaire', 'affaires')}
      />
      <${Tile}
        id="win-rate"
        label="Taux de gain"
        value=${formatRate(figures.winRate)}
        sub=${closedCount > 0 ? `sur ${plural(closedCount, 'affaire close', 'affaires closes')}` : 'aucune affaire close'}
      />
    </div>
    <h3>Par étape</h3>
    <ul class="stage-rows">
      ${figures.stages.map((f) => html`<${StageRow} key=${f.stage} figures=${f} />`)}
    </ul>
    <p class="muted small">
      Durée moy. : jours passés dans l’étape par les opportunités qui en sont sorties. Conversion :
      part des opportunités entrées dans l’étape qui sont allées plus loin.
    </p>
  </div>`;
}

export function PipelineView(props: PipelineViewProps): VNode {
  const { refreshToken, onBack } = props;
  const figures = useLoad(() => callServer('getPipelineFigures'), [refreshToken]);
  return html`
    <section class="pipeline" data-testid="pipeline">
      <button type="button" class="link back" onClick=${onBack}>← Accueil</button>
      <h2>Pipeline</h2>
      ${
        figures.error
          ? html`<div>
              <p class="bad" role="alert">${figures.error}</p>
              <button type="button" class="secondary" onClick=${figures.reload}>Réessayer</button>
            </div>`
          : figures.data
            ? html`<${Figures} figures=${figures.data} />`
            : html`<p class="muted" role="status">Chargement des chiffres…</p>`
      }
    </section>
  `;
}
