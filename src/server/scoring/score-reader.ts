/**
 * The ICP score of one organisation or contact, computed by the same rules as the rescoring but
 * written nowhere: "Expliquer ce score" needs the score with its reasons (a contact has no
 * "Détail score ICP" cell) and the record's recent interactions. Read-only, so no lock is held
 * while Claude answers. Each tab is read by its key columns, then only the rows that matter.
 */
import { CrmError } from '../../core/errors';
import {
  scoreContact,
  scoreOrganisation,
  weightsFromSettings,
  type IcpScore,
  NO_ORGANISATION_FACTS,
} from '../../core/scoring';
import { dayKey } from '../../core/scheduler/local-time';
import { getTab } from '../../core/schema/tabs';
import { isDate } from '../../core/text/sheet-safe';
import { toLocalDateTime } from '../platform/clock';
import { readActiveKeys, readActiveWhere, text, type CrmRecord } from '../records/crm-snapshot';
import { loadRows, matchingRows, readKeyed } from '../records/keyed-table';
import { rowToRecord } from '../records/table-snapshot';
import type { Settings } from '../settings/settings-reader';
import { buildFacts, contactFacts, interactionFacts } from './icp-facts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface ScoredRecord {
  readonly kind: 'organisations' | 'contacts';
  readonly id: string;
  readonly record: CrmRecord;
  /** The contact's organisation, or the organisation itself; null for a contact without one. */
  readonly organisation: CrmRecord | null;
  /** Full names of the contacts the score looked at: the reasons name the decision maker. */
  readonly contactNames: string[];
  /** Active interactions, most recent first, at most `recentLimit`, read in full. */
  readonly recentInteractions: CrmRecord[];
  readonly score: IcpScore;
  /** `yyyy-MM-dd` in the CRM's time zone. */
  readonly today: string;
}

export function readScoredRecord(
  spreadsheet: Spreadsheet,
  kind: 'organisations' | 'contacts',
  rawId: string,
  settings: Settings,
  at: Date,
  recentLimit: number,
): ScoredRecord {
  const id = rawId.trim().toUpperCase();
  const notFound = () =>
    new CrmError('NOT_FOUND', `Fiche ${rawId} introuvable dans l'onglet ${getTab(kind).name}.`);
  const active = (r: CrmRecord) => text(r.id) !== '' && r.etat !== 'Archivé';

  const contactTable = readKeyed(spreadsheet, getTab('contacts'), ['id', 'etat', 'organisationId']);
  const keyContacts = contactTable.rows.map((row) => rowToRecord(contactTable, row));
  const self =
    kind === 'contacts' ? keyContacts.find((c) => active(c) && text(c.id) === id) : undefined;
  if (kind === 'contacts' && !self) throw notFound();
  const orgId = kind === 'organisations' ? id : text(self?.organisationId);
  // A contact's score looks only at its own access and history, so its colleagues are not read.
  const contactRows = matchingRows(
    contactTable,
    (c) =>
      active(c) && (kind === 'contacts' ? text(c.id) === id : text(c.organisationId) === orgId),
  );
  loadRows(spreadsheet, contactTable, contactRows);
  const contacts = contactRows
    .map((index) => rowToRecord(contactTable, contactTable.rows[index] ?? []))
    .filter(active);
  const organisation =
    orgId === ''
      ? null
      : (readActiveWhere(spreadsheet, 'organisations', [], (o) => text(o.id) === orgId)[0] ?? null);
  if (kind === 'organisations' && !organisation) throw notFound();
  const record = kind === 'organisations' ? (organisation as CrmRecord) : (contacts[0] ?? {});

  const opportunites =
    organisation === null
      ? []
      : readActiveKeys(spreadsheet, 'opportunites', ['organisationId', 'etape']).filter(
          (o) => text(o.organisationId) === orgId,
        );
  const contactIds = new Set(contacts.map((c) => text(c.id)));
  const opportunityIds = new Set(opportunites.map((o) => text(o.id)));
  const interactionTable = readKeyed(spreadsheet, getTab('interactions'), [
    'id',
    'etat',
    'contactId',
    'opportuniteId',
    'date',
    'type',
    'direction',
  ]);
  const linkedRows = matchingRows(
    interactionTable,
    (i) =>
      text(i.id) !== '' &&
      (contactIds.has(text(i.contactId)) ||
        (kind === 'organisations' && opportunityIds.has(text(i.opportuniteId)))),
  );
  const linked = linkedRows.map((index) => ({
    index,
    keys: rowToRecord(interactionTable, interactionTable.rows[index] ?? []),
  }));
  // Only the few interactions the prompt shows are read in full; the score needs the keys only.
  const recentRows = linked
    .filter((i) => i.keys.etat !== 'Archivé')
    .sort((a, b) => timeOf(b.keys.date) - timeOf(a.keys.date))
    .slice(0, recentLimit)
    .map((i) => i.index);
  loadRows(spreadsheet, interactionTable, recentRows);
  const recentInteractions = recentRows.map((index) =>
    rowToRecord(interactionTable, interactionTable.rows[index] ?? []),
  );

  const tenders =
    organisation === null
      ? []
      : readActiveKeys(spreadsheet, 'appelsOffres', [
          'organisationId',
          'decision',
          'dateLimite',
        ]).filter((t) => text(t.organisationId) === orgId);
  const weights = weightsFromSettings(settings);
  const today = { day: dayKey(toLocalDateTime(at)) };
  const interactions = linked.map((i) => i.keys);
  let score: IcpScore;
  if (kind === 'organisations' || organisation !== null) {
    const facts =
      buildFacts(
        {
          organisations: organisation ? [organisation] : [],
          contacts,
          interactions,
          opportunites,
          appelsOffres: tenders,
        },
        at,
      ).get(orgId) ?? NO_ORGANISATION_FACTS;
    score =
      kind === 'organisations'
        ? scoreOrganisation(facts, weights, today)
        : scoreContact(facts, contactFacts(record), weights, today);
  } else {
    // Without an organisation the contact's own interactions still make its relationship.
    const facts = { ...NO_ORGANISATION_FACTS, interactions: interactions.map(interactionFacts) };
    score = scoreContact(facts, contactFacts(record), weights, today);
  }
  return {
    kind,
    id,
    record,
    organisation,
    contactNames: contacts.map((c) => `${text(c.prenom)} ${text(c.nom)}`.trim()),
    recentInteractions,
    score,
    today: today.day,
  };
}

function timeOf(value: unknown): number {
  return isDate(value) ? value.getTime() : Number.NEGATIVE_INFINITY;
}
