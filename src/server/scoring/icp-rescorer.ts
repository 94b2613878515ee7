/**
 * Writes the ICP scores (DESIGN.md §4) of organisations and contacts. Every tab is read once and
 * Organisations and Contacts are written once each, under the document lock, whatever the number
 * of records: the bulk menu action and the daily job score everything, a sidebar save scores the
 * one organisation it touched and its contacts.
 */
import {
  describeScore,
  scoreContact,
  scoreOrganisation,
  weightsFromSettings,
  type OrganisationFacts,
} from '../../core/scoring';
import { dayKey } from '../../core/scheduler/local-time';
import { getTab } from '../../core/schema/tabs';
import type { CellValue } from '../../core/text/sheet-safe';
import { appendJournal } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readActiveKeys, readKeys, text } from '../records/crm-snapshot';
import { loadRows, matchingRows, readKeyed } from '../records/keyed-table';
import { inSession } from '../records/record-session';
import { writeChanges, type RecordChange } from '../records/record-writer';
import { readTable, rowToRecord, type TableSnapshot } from '../records/table-snapshot';
import { readSettings } from '../settings/settings-reader';
import type { RescoreReport } from '../api/contract';
import { buildFacts, contactFacts } from './icp-facts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { RescoreReport };

const NO_ORGANISATION: OrganisationFacts = {
  type: '',
  population: null,
  effectif: null,
  epci: '',
  certificationRse: '',
  bcorp: '',
  iso26000: '',
  labelLucie: '',
  csrd: '',
  csrdFirstYear: null,
  engagementsRse: '',
  engagementsBiodiversite: '',
  budgetBiodiversite: null,
  budgetConfirme: false,
  openTenders: 0,
  tendersNote: '',
  advancedOpportunities: 0,
  wonOpportunities: 0,
  contacts: [],
  interactions: [],
};

/**
 * Scores every active organisation and contact: Organisations and Contacts read in full and
 * written once each, the other tabs read by the few columns the score looks at. One summary line
 * goes to the Journal, so that a daily run over 10,000 organisations does not bury it.
 */
export function rescoreIcp(spreadsheet: Spreadsheet): RescoreReport {
  const weights = weightsFromSettings(readSettings(spreadsheet));
  return withDocumentLock(() => {
    const at = now();
    const today = { day: dayKey(toLocalDateTime(at)) };
    const organisations = readTable(spreadsheet, getTab('organisations'));
    const contacts = readTable(spreadsheet, getTab('contacts'));
    const activeOrgs = activeRecords(organisations);
    const activeContacts = activeRecords(contacts);
    const facts = buildFacts(
      {
        organisations: activeOrgs,
        contacts: activeContacts,
        interactions: readKeys(spreadsheet, 'interactions', INTERACTION_KEYS),
        opportunites: readActiveKeys(spreadsheet, 'opportunites', OPPORTUNITY_KEYS),
        appelsOffres: readActiveKeys(spreadsheet, 'appelsOffres', TENDER_KEYS),
      },
      at,
    );
    const orgChanges = activeOrgs.flatMap((org) => {
      const orgFacts = facts.get(text(org.id));
      if (!orgFacts) return [];
      const score = scoreOrganisation(orgFacts, weights, today);
      return [
        { id: text(org.id), values: { scoreIcp: score.score, detailIcp: describeScore(score) } },
      ];
    });
    const contactChanges = activeContacts.map((contact) => {
      const orgFacts = facts.get(text(contact.organisationId)) ?? NO_ORGANISATION;
      const score = scoreContact(orgFacts, contactFacts(contact), weights, today);
      return { id: text(contact.id), values: { scoreIcp: score.score } };
    });
    const changed =
      writeMoved(organisations, orgChanges, true).length +
      writeMoved(contacts, contactChanges, true).length;
    appendJournal(spreadsheet, [
      {
        at,
        user: currentUserEmail(),
        action: 'Automatique',
        detail: `Recalcul des scores ICP : ${orgChanges.length} organisations et ${contactChanges.length} contacts, ${changed} scores modifiés.`,
      },
    ]);
    return { organisations: orgChanges.length, contacts: contactChanges.length, changed };
  });
}

/**
 * Rescores one organisation and its contacts after a change that concerns them: each tab is read
 * by its keys and only the organisation's rows are read in full; each score that moved is
 * journaled.
 */
export function rescoreOrganisation(
  spreadsheet: Spreadsheet,
  organisationId: string,
): RescoreReport {
  const weights = weightsFromSettings(readSettings(spreadsheet));
  const orgId = organisationId.trim().toUpperCase();
  return inSession(spreadsheet, (session) => {
    const today = { day: dayKey(toLocalDateTime(session.at)) };
    const organisation = session.record('organisations', orgId);
    const contactTable = readKeyed(spreadsheet, getTab('contacts'), ['id', 'organisationId']);
    const contactRows = matchingRows(contactTable, (c) => text(c.organisationId) === orgId);
    loadRows(spreadsheet, contactTable, contactRows);
    const contacts = contactRows
      .map((index) => rowToRecord(contactTable, contactTable.rows[index] ?? []))
      .filter((c) => text(c.id) !== '' && c.etat !== 'Archivé');
    const opportunites = readActiveKeys(spreadsheet, 'opportunites', OPPORTUNITY_KEYS).filter(
      (o) => text(o.organisationId) === orgId,
    );
    const contactIds = new Set(contacts.map((c) => text(c.id)));
    const opportunityIds = new Set(opportunites.map((o) => text(o.id)));
    const interactions = readKeys(spreadsheet, 'interactions', INTERACTION_KEYS).filter(
      (i) => contactIds.has(text(i.contactId)) || opportunityIds.has(text(i.opportuniteId)),
    );
    const tenders = readActiveKeys(spreadsheet, 'appelsOffres', TENDER_KEYS).filter(
      (t) => text(t.organisationId) === orgId,
    );
    const facts = buildFacts(
      {
        organisations: [organisation],
        contacts,
        interactions,
        opportunites,
        appelsOffres: tenders,
      },
      session.at,
    ).get(orgId);
    if (!facts || organisation.etat === 'Archivé')
      return { organisations: 0, contacts: 0, changed: 0 };
    const score = scoreOrganisation(facts, weights, today);
    let changed = 0;
    const orgValues = { scoreIcp: score.score, detailIcp: describeScore(score) };
    if (
      !same(organisation.scoreIcp, orgValues.scoreIcp) ||
      !same(organisation.detailIcp, orgValues.detailIcp)
    ) {
      session.update('organisations', orgId, {}, orgValues, 'Automatique');
      changed += 1;
    }
    const contactChanges = contacts.flatMap((contact) => {
      const value = scoreContact(facts, contactFacts(contact), weights, today).score;
      if (same(contact.scoreIcp, value)) return [];
      session.log({
        action: 'Automatique',
        tab: contactTable.tab.name,
        recordId: text(contact.id),
        field: 'Score ICP',
        oldValue: text(contact.scoreIcp),
        newValue: String(value),
      });
      return [{ id: text(contact.id), values: { scoreIcp: value, updatedAt: session.at } }];
    });
    if (contactChanges.length > 0) writeChanges(contactTable, contactChanges);
    changed += contactChanges.length;
    return { organisations: 1, contacts: contacts.length, changed };
  });
}

/** The columns of the other tabs the score looks at. */
const INTERACTION_KEYS = ['contactId', 'opportuniteId', 'date', 'type', 'direction'];
const OPPORTUNITY_KEYS = ['organisationId', 'etape'];
const TENDER_KEYS = ['organisationId', 'decision', 'dateLimite'];

interface ScoreMove {
  readonly tab: string;
  readonly id: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Writes the new values. In bulk every scored row is written, so the rows form one block and the
 * tab gets one write; for one organisation only the rows whose values moved are written.
 */
function writeMoved(
  table: TableSnapshot,
  changes: readonly RecordChange[],
  bulk: boolean,
): ScoreMove[] {
  const moves: ScoreMove[] = [];
  const toWrite: RecordChange[] = [];
  for (const change of changes) {
    const index = table.rowIndexById.get(change.id);
    const row = index === undefined ? undefined : table.rows[index];
    if (!row) continue;
    const current = rowToRecord(table, row);
    const differs = Object.entries(change.values).some(
      ([key, value]) => !same(current[key], value),
    );
    if (differs) {
      moves.push({
        tab: table.tab.name,
        id: change.id,
        before: text(current.scoreIcp),
        after: text(change.values.scoreIcp),
      });
    }
    if (differs || bulk) toWrite.push(change);
  }
  if (moves.length > 0) writeChanges(table, toWrite);
  return moves;
}

function same(a: unknown, b: CellValue): boolean {
  return a === b || (a === '' && b === '') || String(a) === String(b);
}

function activeRecords(table: TableSnapshot) {
  return table.rows
    .map((row) => rowToRecord(table, row))
    .filter((r) => text(r.id) !== '' && r.etat !== 'Archivé');
}
