/**
 * The contacts and opportunities of a card as short pick lists for the forms opened from it: the
 * interaction and the task get linked in one click, without a search.
 */
import type { RecordCard } from '../../server/api/contract';
import { isOpenOpportunity, recordTitle } from '../records';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/** The contact itself on a contact's card; the organisation's contacts on its card. */
export function contactChoices(card: RecordCard): Choice[] {
  const contacts = card.tab === 'contacts' ? [card.record] : card.contacts;
  return contacts.map((c) => ({ value: String(c.id), label: recordTitle('contacts', c) }));
}

/** Open opportunities only: nobody logs a call about a deal already won or lost. */
export function opportunityChoices(card: RecordCard): Choice[] {
  return card.opportunities
    .filter(isOpenOpportunity)
    .map((o) => ({ value: String(o.id), label: String(o.titre ?? o.id) }));
}
