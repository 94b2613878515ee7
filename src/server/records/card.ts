/**
 * The 360° card and the day's tasks. Each tab is read by the key columns that link records (IDs,
 * organisation, contact, opportunity), then only the linked rows are read in full: a constant
 * number of calls, and a few columns rather than whole tabs at 10,000 contacts. The records are
 * then composed in core.
 */
import {
  openTasksByDueDate,
  relatedRecords,
  sortTimeline,
  tasksDueBy,
} from '../../core/records/related-records';
import { getTab } from '../../core/schema/tabs';
import { CrmError } from '../../core/errors';
import type { CardActivity, RecordCard, RecordDto } from '../api/contract';
import { CRM_TIME_ZONE, now } from '../platform/clock';
import { readActiveWhere, readKeys, text, type CrmRecord } from './crm-snapshot';
import { loadRows, matchingRows, readKeyed } from './keyed-table';
import { rowToRecord } from './table-snapshot';
import { recordToDto } from './record-dto';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The card. Without its activity (`withActivity` false) it skips the two biggest tabs,
 * Interactions and Taches, which the sidebar then asks for with getActivity in a second,
 * parallel call: the record shows sooner and each call stays short (DESIGN.md §8).
 */
export function getCard(
  spreadsheet: Spreadsheet,
  kind: 'organisations' | 'contacts',
  rawId: string,
  withActivity = true,
): RecordCard {
  const id = rawId.trim().toUpperCase();
  const notFound = () =>
    new CrmError('NOT_FOUND', `Fiche ${rawId} introuvable dans l'onglet ${getTab(kind).name}.`);
  // One read of the contacts' keys finds the contact's organisation and its colleagues.
  const contactTable = readKeyed(spreadsheet, getTab('contacts'), ['id', 'etat', 'organisationId']);
  const keyRecords = contactTable.rows.map((row) => rowToRecord(contactTable, row));
  const active = (r: CrmRecord) => text(r.id) !== '' && r.etat !== 'Archivé';
  const self =
    kind === 'contacts' ? keyRecords.find((c) => active(c) && text(c.id) === id) : undefined;
  if (kind === 'contacts' && !self) throw notFound();
  const organisationId = kind === 'organisations' ? id : text(self?.organisationId);
  const contactRows = matchingRows(
    contactTable,
    (c) =>
      active(c) &&
      (text(c.id) === id || (organisationId !== '' && text(c.organisationId) === organisationId)),
  );
  loadRows(spreadsheet, contactTable, contactRows);
  const contacts = contactRows.map((index) =>
    rowToRecord(contactTable, contactTable.rows[index] ?? []),
  );
  const organisations = readActiveWhere(
    spreadsheet,
    'organisations',
    [],
    (o) => organisationId !== '' && text(o.id) === organisationId,
  );
  if (kind === 'organisations' && organisations.length === 0) throw notFound();
  const contactIds = new Set(kind === 'contacts' ? [id] : contacts.map((c) => text(c.id)));
  const opportunites = readActiveWhere(
    spreadsheet,
    'opportunites',
    ['organisationId', 'contactId'],
    (o) =>
      kind === 'organisations' ? text(o.organisationId) === id : contactIds.has(text(o.contactId)),
  );
  const opportunityIds = new Set(opportunites.map((o) => text(o.id)));
  const linked = (r: CrmRecord) =>
    contactIds.has(text(r.contactId)) || opportunityIds.has(text(r.opportuniteId));
  const interactions = withActivity
    ? readActiveWhere(spreadsheet, 'interactions', ['contactId', 'opportuniteId'], linked)
    : [];
  const taches = withActivity
    ? readActiveWhere(spreadsheet, 'taches', ['contactId', 'opportuniteId'], linked)
    : [];
  const related = relatedRecords(
    {
      organisations,
      contacts,
      opportunites,
      interactions,
      taches,
    },
    kind,
    id,
  );
  if (!related) throw notFound();
  const dto = (key: Parameters<typeof getTab>[0]) => (r: Record<string, unknown>) =>
    recordToDto(getTab(key), r);
  return {
    tab: kind,
    record: dto(kind)(related.record),
    organisation: related.organisation ? dto('organisations')(related.organisation) : null,
    contacts: related.contacts.map(dto('contacts')),
    opportunities: related.opportunities.map(dto('opportunites')),
    interactions: related.interactions.map(dto('interactions')),
    tasks: related.tasks.map(dto('taches')),
    activityIncluded: withActivity,
  };
}

/**
 * The activity of a card: its interactions, most recent first, and its open tasks, earliest due
 * first. The IDs that link them to the record (its contacts, its opportunities) come from key
 * columns only.
 */
export function getActivity(
  spreadsheet: Spreadsheet,
  kind: 'organisations' | 'contacts',
  rawId: string,
): CardActivity {
  const id = rawId.trim().toUpperCase();
  const contactIds = new Set<string>(kind === 'contacts' ? [id] : []);
  if (kind === 'organisations') {
    for (const c of readKeys(spreadsheet, 'contacts', ['organisationId'])) {
      if (text(c.organisationId) === id) contactIds.add(text(c.id));
    }
  }
  const opportunityIds = new Set(
    readKeys(spreadsheet, 'opportunites', ['organisationId', 'contactId'])
      .filter((o) =>
        kind === 'organisations'
          ? text(o.organisationId) === id
          : contactIds.has(text(o.contactId)),
      )
      .map((o) => text(o.id)),
  );
  const linked = (r: CrmRecord) =>
    contactIds.has(text(r.contactId)) || opportunityIds.has(text(r.opportuniteId));
  const interactions = readActiveWhere(
    spreadsheet,
    'interactions',
    ['contactId', 'opportuniteId'],
    linked,
  );
  const tasks = readActiveWhere(spreadsheet, 'taches', ['contactId', 'opportuniteId'], linked);
  return {
    interactions: sortTimeline(interactions).map((r) => recordToDto(getTab('interactions'), r)),
    tasks: openTasksByDueDate(tasks).map((r) => recordToDto(getTab('taches'), r)),
  };
}

/** The card of the record on the row the cursor is on, or null when it is not on a record. */
export function getSelectedCard(spreadsheet: Spreadsheet): RecordCard | null {
  const sheet = spreadsheet.getActiveSheet();
  const range = sheet.getActiveRange();
  const name = sheet.getName();
  const kind =
    name === getTab('organisations').name
      ? 'organisations'
      : name === getTab('contacts').name
        ? 'contacts'
        : null;
  if (!kind || !range || range.getRow() < 2) return null;
  const header = sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0] ?? [];
  const idColumn = header.findIndex((h) => String(h).trim().toUpperCase() === 'ID');
  if (idColumn < 0) return null;
  const id = String(
    sheet.getRange(range.getRow(), idColumn + 1, 1, 1).getValues()[0]?.[0] ?? '',
  ).trim();
  return id === '' ? null : getCard(spreadsheet, kind, id);
}

/** Open tasks due today or late: the tasks' status and due date are read, then those rows. */
export function getTodayTasks(spreadsheet: Spreadsheet): RecordDto[] {
  const today = Utilities.formatDate(now(), CRM_TIME_ZONE, 'yyyy-MM-dd');
  const endOfToday = Utilities.parseDate(
    `${today} 23:59:59`,
    CRM_TIME_ZONE,
    'yyyy-MM-dd HH:mm:ss',
  ).getTime();
  const tasks = readActiveWhere(
    spreadsheet,
    'taches',
    ['statut', 'echeance'],
    (t) => tasksDueBy([t], endOfToday).length === 1,
  );
  return tasksDueBy(tasks, endOfToday).map((t) => recordToDto(getTab('taches'), t));
}
