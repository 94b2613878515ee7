/**
 * The operations the bench times: each sidebar endpoint called as google.script.run calls it,
 * with its row-by-row counterpart. Every run gets a fresh value (a new job title, a new subject)
 * so that no run is a no-op because the previous one already made the change.
 */
import type { RecordCard } from '../../server/api/contract';
import type { BenchTargets } from './generate-data';
import {
  naiveCheckStructure,
  naiveGetCard,
  naiveLogInteraction,
  naiveMoveToContacted,
  naiveUpdateContact,
  type CardSummary,
} from './naive-operations';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface BenchOperation {
  /** As printed in the table. */
  readonly label: string;
  readonly endpoint: string;
  args(targets: BenchTargets): unknown[];
  naive(spreadsheet: Spreadsheet, targets: BenchTargets, now: Date): unknown;
  /** The endpoint's data reduced to what the naive version returns, to check they agree. */
  summarise?(data: unknown): unknown;
}

let runNumber = 0;
const fresh = (what: string) => `${what} ${++runNumber}`;

export const OPERATIONS: readonly BenchOperation[] = [
  {
    label: 'Load 360° card (getCard)',
    endpoint: 'getCard',
    args: (t) => ['contacts', t.contactId],
    naive: (s, t) => naiveGetCard(s, t.contactId),
    summarise: (data): CardSummary => {
      const card = data as RecordCard;
      return {
        contacts: card.contacts.length,
        opportunities: card.opportunities.length,
        interactions: card.interactions.length,
        tasks: card.tasks.length,
      };
    },
  },
  {
    label: 'Save contact (updateRecord)',
    endpoint: 'updateRecord',
    args: (t) => ['contacts', t.contactId, { poste: fresh('Poste') }],
    naive: (s, t, now) => naiveUpdateContact(s, t.contactId, fresh('Poste'), now),
  },
  {
    label: 'Log interaction (logInteraction)',
    endpoint: 'logInteraction',
    args: (t) => [
      { contactId: t.contactId, type: 'Appel', direction: 'Sortant', objet: fresh('Appel') },
    ],
    naive: (s, t, now) => naiveLogInteraction(s, t.contactId, fresh('Appel'), now),
  },
  {
    label: 'Move stage (moveStage)',
    endpoint: 'moveStage',
    // Qualifié → Contacté: the rule that reads the most (contacts and interactions).
    args: (t) => [t.opportunityIds[0], 'Contacté', null],
    naive: (s, t, now) => naiveMoveToContacted(s, t.opportunityIds[1], now),
  },
  {
    label: 'Repair structure (setupStructure)',
    endpoint: 'setupStructure',
    args: () => [],
    naive: (s) => naiveCheckStructure(s),
  },
];
