/**
 * Create, update and archive records of any tab, by the schema: validation in core first (nothing
 * is written when a field is refused), then one locked session that reads the tab by its keys,
 * writes the record, and journals each created record and each changed field.
 */
import type { TabKey } from '../../core/schema/types';
import { getTab } from '../../core/schema/tabs';
import type { RecordDto } from '../api/contract';
import { recordToDto } from './record-dto';
import { inSession, RecordSession, type SystemValues } from './record-session';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { SystemValues };

export function createRecord(
  spreadsheet: Spreadsheet,
  tabKey: TabKey,
  input: RecordDto,
  system: SystemValues = {},
): RecordDto {
  return inSession(spreadsheet, (session) => session.create(tabKey, input, system));
}

export function updateRecord(
  spreadsheet: Spreadsheet,
  tabKey: TabKey,
  id: string,
  changes: RecordDto,
  system: SystemValues = {},
  action = 'Modification',
): RecordDto {
  return inSession(spreadsheet, (session) => session.update(tabKey, id, changes, system, action));
}

/** Archiving hides a record from the CRM's lists; nothing is deleted (DESIGN.md §3 "Journal"). */
export function archiveRecord(spreadsheet: Spreadsheet, tabKey: TabKey, id: string): RecordDto {
  return updateRecord(spreadsheet, tabKey, id, {}, { etat: 'Archivé' }, 'Archivage');
}

/** Reading needs no lock: a record is found by ID in the rows as they are at this instant. */
export function getRecord(spreadsheet: Spreadsheet, tabKey: TabKey, id: string): RecordDto {
  return recordToDto(getTab(tabKey), new RecordSession(spreadsheet).record(tabKey, id));
}
