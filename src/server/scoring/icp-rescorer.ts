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
  type ContactFacts,
  type IcpScore,
  type OrganisationFacts,
  NO_ORGANISATION_FACTS,
} from '../../core/scoring';
import { segmentLabel, sizeBand, temperatureOf, type TemperatureRules } from '../../core/segments';
import { parseIntegerSetting } from '../../core/settings/defaults';
import { dayKey } from '../../core/scheduler/local-time';
import { getTab } from '../../core/schema/tabs';
import type { CellValue } from '../../core/text/sheet-safe';
import { appendJournal } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readActiveKeys, readKeys, text, type CrmRecord } from '../records/crm-snapshot';
import { loadRows, matchingRows, readKeyed } from '../records/keyed-table';
import { inSession } from '../records/record-session';
import { writeChanges, type RecordChange } from '../records/record-writer';
import { readTable, rowToRecord, type TableSnapshot } from '../records/table-snapshot';
import { readSettings } from '../settings/settings-reader';
import type { RescoreReport } from '../api/contract';
import { buildFacts, contactFacts, interactionFacts } from './icp-facts';
import { emitContactQualified, type ContactQualifiedInput } from '../webhooks/emitter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { RescoreReport };

/**
 * Scores every active organisation and contact: Organisations and Contacts read in full and
 * written once each, the other tabs read by the few columns the score looks at. One summary line
 * goes to the Journal, so that a daily run over 10,000 organisations does not bury it.
 */
export function rescoreIcp(spreadsheet: Spreadsheet): RescoreReport {
  const { weights, temperature } = scoringSettings(spreadsheet);
  return withDocumentLock(() => {
    const at = now();
    const today = { day: dayKey(toLocalDateTime(at)) };
    const organisations = readTable(spreadsheet, getTab('organisations'));
    const contacts = readTable(spreadsheet, getTab('contacts'));
    const activeOrgs = activeRecords(organisations);
    const activeContacts = activeRecords(contacts);
    const interactions = readKeys(spreadsheet, 'interactions', INTERACTION_KEYS);
    const facts = buildFacts(
      {
        organisations: activeOrgs,
        contacts: activeContacts,
        interactions,
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
        { id: text(org.id), values: organisationValues(orgFacts, score, today, temperature) },
      ];
    });
    const contactChanges = activeContacts.map((contact) => {
      const orgFacts =
        facts.get(text(contact.organisationId)) ?? withoutOrganisation(contact, interactions);
      const own = contactFacts(contact);
      const score = scoreContact(orgFacts, own, weights, today);
      return {
        id: text(contact.id),
        values: contactValues(orgFacts, own, score.score, today, temperature),
      };
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
  const { weights, temperature, qualifiedThreshold } = scoringSettings(spreadsheet);
  const orgId = organisationId.trim().toUpperCase();
  let qualification: ContactQualifiedInput | null = null;
  const report = inSession(spreadsheet, (session): RescoreReport => {
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
    const orgValues = organisationValues(facts, score, today, temperature);
    if (Object.entries(orgValues).some(([key, value]) => !same(organisation[key], value))) {
      session.update('organisations', orgId, {}, orgValues, 'Automatique');
      changed += 1;
    }
    const contactChanges = contacts.flatMap((contact) => {
      const own = contactFacts(contact);
      const value = scoreContact(facts, own, weights, today).score;
      const values = contactValues(facts, own, value, today, temperature);
      if (Object.entries(values).every(([key, v]) => same(contact[key], v))) return [];
      if (!same(contact.scoreIcp, value)) {
        session.log({
          action: 'Automatique',
          tab: contactTable.tab.name,
          recordId: text(contact.id),
          field: 'Score ICP',
          oldValue: text(contact.scoreIcp),
          newValue: String(value),
        });
      }
      return [{ id: text(contact.id), values: { ...values, updatedAt: session.at } }];
    });
    if (contactChanges.length > 0) writeChanges(contactTable, contactChanges);
    changed += contactChanges.length;
    const before = typeof organisation.scoreIcp === 'number' ? organisation.scoreIcp : null;
    qualification = {
      id: orgId,
      name: text(organisation.nom),
      before,
      after: score.score,
      threshold: qualifiedThreshold,
      organisation: { ...organisation, ...orgValues },
      contacts,
    };
    return { organisations: 1, contacts: contacts.length, changed };
  });
  // Once the lock is released, and never failing the rescoring: an organisation whose score
  // reached `icp.seuil_qualifie` from below is announced (contact.qualifie).
  const crossed = qualification as ContactQualifiedInput | null;
  if (crossed !== null && crossed.after >= crossed.threshold)
    emitContactQualified(spreadsheet, crossed);
  return report;
}

export /** A contact with no organisation is scored on its own interactions alone. */
function withoutOrganisation(
  contact: CrmRecord,
  interactions: readonly CrmRecord[],
): OrganisationFacts {
  const id = text(contact.id);
  return {
    ...NO_ORGANISATION_FACTS,
    interactions: interactions.filter((i) => text(i.contactId) === id).map(interactionFacts),
  };
}

export function scoringSettings(spreadsheet: Spreadsheet) {
  const settings = readSettings(spreadsheet);
  return {
    qualifiedThreshold: parseIntegerSetting(settings.get('icp.seuil_qualifie'), 70, 0, 100),
    weights: weightsFromSettings(settings),
    temperature: {
      inactiveAfterDays: parseIntegerSetting(
        settings.get('segments.jours_inactivite'),
        30,
        1,
        3650,
      ),
    },
  };
}

/** What the rescoring writes on an organisation: score, reasons, temperature and segment. */
export function organisationValues(
  facts: OrganisationFacts,
  score: IcpScore,
  today: { day: string },
  rules: TemperatureRules,
): Record<string, CellValue> {
  return {
    scoreIcp: score.score,
    detailIcp: describeScore(score),
    temperature: temperatureOf(
      facts.interactions,
      today.day,
      rules,
      facts.advancedOpportunities > 0,
    ),
    segment: segmentLabel(facts.type, sizeBand(facts.type, facts.population, facts.effectif)),
  };
}

/** A contact's own temperature (its interactions) and its organisation's segment. */
function contactValues(
  org: OrganisationFacts,
  contact: ContactFacts,
  score: number,
  today: { day: string },
  rules: TemperatureRules,
): Record<string, CellValue> {
  const own = org.interactions.filter((i) => i.contactId === contact.id);
  return {
    scoreIcp: score,
    temperature: temperatureOf(own, today.day, rules, org.advancedOpportunities > 0),
    segment: segmentLabel(org.type, sizeBand(org.type, org.population, org.effectif)),
  };
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
