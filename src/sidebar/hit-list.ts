/**
 * A list of records as the search shows them — a title, a subtitle, and the kind as a badge
 * when the list mixes kinds — each one button that opens the record's card.
 */
import type { VNode } from 'preact';
import type { SearchHit } from '../server/api/contract';
import { html } from './html';
import { TAB_LABELS } from './records';

export interface HitListProps {
  readonly hits: readonly SearchHit[];
  readonly onPick: (hit: SearchHit) => void;
  /** The kind's badge; left out where a heading already says it. */
  readonly badges?: boolean;
  readonly testId?: string;
}

export function HitList(props: HitListProps): VNode {
  const { hits, onPick, badges = true, testId } = props;
  return html`
    <ul class="hits" data-testid=${testId}>
      ${hits.map(
        (hit) => html`
          <li key=${`${hit.tab}-${hit.id}`}>
            <button
              type="button"
              class="hit"
              data-testid=${`hit-${hit.id}`}
              onClick=${() => onPick(hit)}
            >
              ${badges ? html`<span class=${`badge badge-${hit.tab}`}>${TAB_LABELS[hit.tab]}</span>` : null}
              <span class="hit-title">${hit.title}</span>
              ${hit.subtitle ? html`<span class="hit-sub">${hit.subtitle}</span>` : null}
            </button>
          </li>
        `,
      )}
    </ul>
  `;
}
