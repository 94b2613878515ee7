/**
 * The operations the bench times: each sidebar endpoint called as google.script.run calls it,
 * with its row-by-row counterpart. Every run gets a fresh value (a new job title, a new subject)
 * so that no run is a no-op because the previous one already made the change.
 */
import type { CardActivity, RecordCard } from '../../server/api/contract';
import type { BenchTargets } from './generate-data';
import {
  IMPORT_FILTERS,
  naiveImportCollectivites,
  naiveRescoreIcp,
  removeImportedRows,
} from './naive-bulk';
import { BULK_BUDGET_MS } from './targets';
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
  /** False for a reference row the sidebar does not call as such (not held to the budget). */
  readonly budgeted?: boolean;
  /** The endpoint's data reduced to what the naive version returns, to check they agree. */
  summarise?(data: unknown): unknown;
  /** Simulated time allowed at the budget size, when not a sidebar action's. */
  readonly budgetMs?: number;
  /** Host work after each run, for an operation whose run would change what the next one does. */
  restore?(spreadsheet: Spreadsheet): void;
}

function summariseCard(card: RecordCard): CardSummary {
  return {
    contacts: card.contacts.length,
    opportunities: card.opportunities.length,
    interactions: card.interactions.length,
    tasks: card.tasks.length,
  };
}

let runNumber = 0;
const fresh = (what: string) => `${what} ${++runNumber}`;

export const OPERATIONS: readonly BenchOperation[] = [
  {
    // Reference: the whole card in one call, which the sidebar no longer makes.
    label: 'Load 360° card in one call (getCard, reference)',
    endpoint: 'getCard',
    budgeted: false,
    args: (t) => ['contacts', t.contactId],
    naive: (s, t) => naiveGetCard(s, t.contactId),
    summarise: (data): CardSummary => summariseCard(data as RecordCard),
  },
  {
    // What the sidebar does: the card without its activity, and the activity in a parallel call.
    label: 'Load 360° card, record and links (getCard without activity)',
    endpoint: 'getCard',
    args: (t) => ['contacts', t.contactId, false],
    naive: (s, t) => naiveGetCard(s, t.contactId, 'summary'),
    summarise: (data): CardSummary => summariseCard(data as RecordCard),
  },
  {
    label: 'Load 360° card, interactions and tasks (getActivity)',
    endpoint: 'getActivity',
    args: (t) => ['contacts', t.contactId],
    naive: (s, t) => naiveGetCard(s, t.contactId, 'activity'),
    summarise: (data): CardSummary => ({
      contacts: 0,
      opportunities: 0,
      interactions: (data as CardActivity).interactions.length,
      tasks: (data as CardActivity).tasks.length,
    }),
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
  {
    label: 'Rescore everything (rescoreIcp)',
    endpoint: 'rescoreIcp',
    args: () => [],
    naive: (s, _t, now) => naiveRescoreIcp(s, now),
    budgetMs: BULK_BUDGET_MS,
  },
  {
    // Last: it adds 3,496 organisations, which `restore` takes out again after each run.
    label: 'Import collectivités ≥ 5,000 + EPCI (importCollectivites)',
    endpoint: 'importCollectivites',
    args: () => [IMPORT_FILTERS],
    naive: (s, _t, now) => naiveImportCollectivites(s, IMPORT_FILTERS, now),
    summarise: (data) => (data as { added: number }).added,
    budgetMs: BULK_BUDGET_MS,
    restore: (s) => removeImportedRows(s),
  },
];
