/**
 * The bench's row-by-row versions of the CRM's operations: the same reads, checks and writes as
 * the endpoints, built from the cell-by-cell primitives of naive-sheet.ts. They skip validation
 * and the document lock, which only makes them cheaper than a real naive script would be.
 */
import { getTab, TABS } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
import { SETTINGS } from '../../core/settings/defaults';
import { isDate } from '../../core/text/sheet-safe';
import {
  appendRecord,
  cell,
  findRow,
  findRows,
  maxIdNumber,
  openTable,
  readRow,
  setCell,
  type NaiveTable,
} from './naive-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Row = Map<string, unknown>;

/** What a 360° card holds, to check the naive card against the endpoint's. */
export interface CardSummary {
  readonly contacts: number;
  readonly opportunities: number;
  readonly interactions: number;
  readonly tasks: number;
}

const USER = 'demo@utpla.fr';
const h = (tab: TabKey, key: string): string => {
  const field = getTab(tab).fields.find((f) => f.key === key);
  if (!field) throw new Error(`naive: no field ${tab}.${key}`);
  return field.header;
};
const table = (spreadsheet: Spreadsheet, tab: TabKey) => openTable(spreadsheet, getTab(tab).name);
const idOf = (tab: TabKey, row: Row) => String(row.get(h(tab, 'id')) ?? '');
const active = (tab: TabKey) => (row: Row) => row.get(h(tab, 'etat')) !== 'Archivé';

function readRows(t: NaiveTable, rows: readonly number[]): Row[] {
  return [...new Set(rows)].sort((a, b) => a - b).map((r) => readRow(t, r));
}

function journal(spreadsheet: Spreadsheet, entries: ReadonlyArray<Record<string, unknown>>): void {
  const t = table(spreadsheet, 'journal');
  for (const entry of entries) {
    const values = new Map<string, unknown>();
    for (const [key, value] of Object.entries(entry)) values.set(h('journal', key), value);
    appendRecord(t, values);
  }
}

/** The card row by row; `part` leaves out the activity, or everything but the activity. */
export function naiveGetCard(
  spreadsheet: Spreadsheet,
  contactId: string,
  part: 'all' | 'summary' | 'activity' = 'all',
): CardSummary {
  const contacts = table(spreadsheet, 'contacts');
  const row = findRow(contacts, h('contacts', 'id'), contactId);
  if (row === null) throw new Error(`naive: contact ${contactId} not found`);
  const record = readRow(contacts, row);
  const organisationId = String(record.get(h('contacts', 'organisationId')) ?? '');
  const organisations = table(spreadsheet, 'organisations');
  if (part !== 'activity') {
    const organisationRow = findRow(organisations, h('organisations', 'id'), organisationId);
    if (organisationRow !== null) readRow(organisations, organisationRow);
  }
  const colleagues =
    part === 'activity'
      ? []
      : readRows(
          contacts,
          findRows(contacts, h('contacts', 'organisationId'), new Set([organisationId])).filter(
            (r) => r !== row,
          ),
        ).filter(active('contacts'));
  const contactIds = new Set([contactId]);
  const opportunities = table(spreadsheet, 'opportunites');
  const deals = readRows(
    opportunities,
    findRows(opportunities, h('opportunites', 'contactId'), contactIds),
  ).filter(active('opportunites'));
  const dealIds = new Set(deals.map((d) => idOf('opportunites', d)));
  const linked = (tab: 'interactions' | 'taches') => {
    const t = table(spreadsheet, tab);
    return readRows(t, [
      ...findRows(t, h(tab, 'contactId'), contactIds),
      ...findRows(t, h(tab, 'opportuniteId'), dealIds),
    ]).filter(active(tab));
  };
  const interactions = part === 'summary' ? [] : linked('interactions');
  const tasks = (part === 'summary' ? [] : linked('taches')).filter(
    (t) => !['Fait', 'Annulée'].includes(String(t.get(h('taches', 'statut')))),
  );
  return {
    contacts: colleagues.length,
    opportunities: part === 'activity' ? 0 : deals.length,
    interactions: interactions.length,
    tasks: tasks.length,
  };
}

export function naiveUpdateContact(
  spreadsheet: Spreadsheet,
  contactId: string,
  poste: string,
  now: Date,
): void {
  const contacts = table(spreadsheet, 'contacts');
  const row = findRow(contacts, h('contacts', 'id'), contactId);
  if (row === null) throw new Error(`naive: contact ${contactId} not found`);
  const before = readRow(contacts, row);
  setCell(contacts, row, h('contacts', 'poste'), poste);
  setCell(contacts, row, h('contacts', 'updatedAt'), now);
  journal(spreadsheet, [
    {
      horodatage: now,
      utilisateur: USER,
      action: 'Modification',
      onglet: 'Contacts',
      recordId: contactId,
      champ: h('contacts', 'poste'),
      ancienneValeur: before.get(h('contacts', 'poste')),
      nouvelleValeur: poste,
    },
  ]);
}

export function naiveLogInteraction(
  spreadsheet: Spreadsheet,
  contactId: string,
  objet: string,
  now: Date,
): void {
  const contacts = table(spreadsheet, 'contacts');
  const row = findRow(contacts, h('contacts', 'id'), contactId);
  if (row === null) throw new Error(`naive: contact ${contactId} not found`);
  const interactions = table(spreadsheet, 'interactions');
  const id = `INT-${String(maxIdNumber(interactions) + 1).padStart(6, '0')}`;
  const values: Record<string, unknown> = {
    id,
    contactId,
    type: 'Appel',
    direction: 'Sortant',
    date: now,
    objet,
    owner: USER,
    etat: 'Actif',
    createdAt: now,
    updatedAt: now,
  };
  appendRecord(
    interactions,
    new Map(Object.entries(values).map(([key, value]) => [h('interactions', key), value])),
  );
  const entries: Array<Record<string, unknown>> = [
    {
      horodatage: now,
      utilisateur: USER,
      action: 'Création',
      onglet: 'Interactions',
      recordId: id,
    },
  ];
  const last = cell(contacts, row, h('contacts', 'derniereInteraction'));
  if (!isDate(last) || last.getTime() < now.getTime()) {
    setCell(contacts, row, h('contacts', 'derniereInteraction'), now);
    setCell(contacts, row, h('contacts', 'updatedAt'), now);
    entries.push({
      horodatage: now,
      utilisateur: USER,
      action: 'Modification',
      onglet: 'Contacts',
      recordId: contactId,
      champ: h('contacts', 'derniereInteraction'),
    });
  }
  journal(spreadsheet, entries);
}

/** Qualifié → Contacté: the rule wants an outbound interaction with the deal or its contacts. */
export function naiveMoveToContacted(
  spreadsheet: Spreadsheet,
  opportunityId: string,
  now: Date,
): void {
  const settings = table(spreadsheet, 'parametres');
  const rules = new Map<string, unknown>();
  const settingsRows = settings.sheet.getLastRow();
  for (let r = 2; r <= settingsRows; r++) {
    const key = String(cell(settings, r, h('parametres', 'cle')));
    if (key.startsWith('pipeline.')) rules.set(key, cell(settings, r, h('parametres', 'valeur')));
  }
  const deals = table(spreadsheet, 'opportunites');
  const row = findRow(deals, h('opportunites', 'id'), opportunityId);
  if (row === null) throw new Error(`naive: opportunity ${opportunityId} not found`);
  const deal = readRow(deals, row);
  const organisationId = String(deal.get(h('opportunites', 'organisationId')) ?? '');
  const contacts = table(spreadsheet, 'contacts');
  const contactIds = new Set([String(deal.get(h('opportunites', 'contactId')) ?? '')]);
  for (const r of findRows(contacts, h('contacts', 'organisationId'), new Set([organisationId])))
    contactIds.add(String(cell(contacts, r, h('contacts', 'id'))));
  const interactions = table(spreadsheet, 'interactions');
  const interactionRows = interactions.sheet.getLastRow();
  let outbound = false;
  for (let r = 2; r <= interactionRows && !outbound; r++) {
    const linked =
      contactIds.has(String(cell(interactions, r, h('interactions', 'contactId')))) ||
      String(cell(interactions, r, h('interactions', 'opportuniteId'))) === opportunityId;
    outbound = linked && cell(interactions, r, h('interactions', 'direction')) === 'Sortant';
  }
  if (!outbound) throw new Error(`naive: ${opportunityId} has no outbound interaction`);
  const history = String(deal.get(h('opportunites', 'historiqueEtapes')) ?? '');
  const changes: Record<string, unknown> = {
    etape: 'Contacté',
    probabilite: 0.3,
    etapeDepuis: now,
    historiqueEtapes: `${history}\nContacté`.trim(),
    updatedAt: now,
  };
  for (const [key, value] of Object.entries(changes))
    setCell(deals, row, h('opportunites', key), value);
  journal(
    spreadsheet,
    ['etape', 'probabilite'].map((key) => ({
      horodatage: now,
      utilisateur: USER,
      action: 'Changement d’étape',
      onglet: 'Opportunites',
      recordId: opportunityId,
      champ: h('opportunites', key),
      ancienneValeur: deal.get(h('opportunites', key)),
      nouvelleValeur: changes[key],
    })),
  );
}

/** The repair on an up-to-date workbook: every header and every setting key, one cell at a time. */
export function naiveCheckStructure(spreadsheet: Spreadsheet): number {
  let missing = 0;
  for (const tab of TABS) {
    const t = openTable(spreadsheet, tab.name);
    missing += tab.fields.filter((f) => !t.columns.has(f.header)).length;
  }
  const settings = table(spreadsheet, 'parametres');
  const keys = new Set<string>();
  const settingsRows = settings.sheet.getLastRow();
  for (let r = 2; r <= settingsRows; r++)
    keys.add(String(cell(settings, r, h('parametres', 'cle'))));
  return missing + SETTINGS.filter((s) => !keys.has(s.key)).length;
}
