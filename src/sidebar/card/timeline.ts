/**
 * The interaction timeline of a card, most recent first: when, what kind, with whom (on an
 * organisation's card, where several contacts share the timeline), the subject, the summary and
 * the next action agreed.
 */
import type { VNode } from 'preact';
import type { RecordDto } from '../../server/api/contract';
import { formatDateTime } from '../format';
import { html } from '../html';
import { recordTitle } from '../records';

export interface TimelineProps {
  readonly interactions: readonly RecordDto[];
  /** The card's contacts, to name who an interaction was with; empty on a contact's card. */
  readonly contacts: readonly RecordDto[];
}

function time(record: RecordDto): number {
  const t = Date.parse(String(record.date ?? ''));
  return Number.isNaN(t) ? 0 : t;
}

export function Timeline(props: TimelineProps): VNode {
  const { interactions, contacts } = props;
  if (interactions.length === 0) return html`<p class="muted">Aucune interaction enregistrée.</p>`;
  // The server sends them most recent first; sorting again costs nothing and keeps the promise
  // when an interaction was just logged with a date in the past.
  const sorted = [...interactions].sort((a, b) => time(b) - time(a));
  const names = new Map(contacts.map((c) => [String(c.id), recordTitle('contacts', c)]));
  return html`
    <ol class="timeline" data-testid="timeline">
      ${sorted.map((i) => {
        const who = names.get(String(i.contactId ?? ''));
        const kind = [i.type, i.direction ? String(i.direction).toLowerCase() : null]
          .filter(Boolean)
          .join(' ');
        return html`
          <li key=${String(i.id)} data-testid=${`interaction-${String(i.id)}`}>
            <div class="tl-head">
              <span class="tl-date"
                >${formatDateTime(i.date === null ? null : String(i.date))}</span
              >
              <span class="tl-kind">${kind}</span>
            </div>
            ${who ? html`<div class="muted small">avec ${who}</div>` : null}
            ${i.objet ? html`<div class="tl-subject">${String(i.objet)}</div>` : null}
            ${i.resume ? html`<div class="tl-summary">${String(i.resume)}</div>` : null}
            ${
              i.prochaineAction
                ? html`<div class="tl-next">Prochaine action : ${String(i.prochaineAction)}</div>`
                : null
            }
          </li>
        `;
      })}
    </ol>
  `;
}
