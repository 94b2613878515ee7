/** The 360° card and the day's tasks: five tabs read once each, composed in core. */
import { relatedRecords, tasksDueBy, type CrmTables } from '../../core/records/related-records';
import { getTab } from '../../core/schema/tabs';
import { CrmError } from '../../core/errors';
import type { RecordCard, RecordDto } from '../api/contract';
import { CRM_TIME_ZONE, now } from '../platform/clock';
import { readActiveRecords } from './crm-snapshot';
import { recordToDto } from './record-dto';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function readTables(spreadsheet: Spreadsheet): CrmTables {
  return {
    organisations: readActiveRecords(spreadsheet, 'organisations'),
    contacts: readActiveRecords(spreadsheet, 'contacts'),
    opportunites: readActiveRecords(spreadsheet, 'opportunites'),
    interactions: readActiveRecords(spreadsheet, 'interactions'),
    taches: readActiveRecords(spreadsheet, 'taches'),
  };
}

export function getCard(
  spreadsheet: Spreadsheet,
  kind: 'organisations' | 'contacts',
  id: string,
): RecordCard {
  const related = relatedRecords(readTables(spreadsheet), kind, id.trim().toUpperCase());
  if (!related)
    throw new CrmError('NOT_FOUND', `Fiche ${id} introuvable dans l'onglet ${getTab(kind).name}.`);
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

export function getTodayTasks(spreadsheet: Spreadsheet): RecordDto[] {
  const today = Utilities.formatDate(now(), CRM_TIME_ZONE, 'yyyy-MM-dd');
  const endOfToday = Utilities.parseDate(
    `${today} 23:59:59`,
    CRM_TIME_ZONE,
    'yyyy-MM-dd HH:mm:ss',
  ).getTime();
  return tasksDueBy(readActiveRecords(spreadsheet, 'taches'), endOfToday).map((t) =>
    recordToDto(getTab('taches'), t),
  );
}
