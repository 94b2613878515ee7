/**
 * Create, update and archive records of any tab, by the schema: validation in core first (nothing
 * is written when a field is refused), then one read and one write of the tab under the document
 * lock, and a Journal line per created record and per changed field.
 */
import { CrmError } from '../../core/errors';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef, TabDef, TabKey } from '../../core/schema/types';
import type { CellValue } from '../../core/text/sheet-safe';
import { foldText } from '../../core/text/fold';
import { toCrmValidationError, validateRecord } from '../../core/validation';
import type { RecordDto } from '../api/contract';
import { appendJournal, type JournalEntry } from '../journal/journal-writer';
import { now } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { cellToJournalText, cellToJson, jsonToCell, recordToDto } from './record-dto';
import { appendRecords, writeChanges } from './record-writer';
import { readTable, rowToRecord, type TableSnapshot } from './table-snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Fields whose value must be unique among a tab's active records. */
const UNIQUE_FIELDS: Partial<Record<TabKey, readonly string[]>> = {
  organisations: ['siren'],
  contacts: ['email'],
  appelsOffres: ['idweb'],
};

/** Values the CRM itself sets (stamps, computed fields), written without user validation. */
export type SystemValues = Readonly<Record<string, CellValue>>;

export function createRecord(
  spreadsheet: Spreadsheet,
  tabKey: TabKey,
  input: RecordDto,
  system: SystemValues = {},
): RecordDto {
  const tab = getTab(tabKey);
  const cells = validatedCells(tab, input, false);
  const at = now();
  const user = currentUserEmail();
  const values: Record<string, CellValue> = {
    etat: 'Actif',
    createdAt: at,
    updatedAt: at,
    ...(user && !cells.owner ? { owner: user } : {}),
    ...cells,
    ...system,
  };
  return withDocumentLock(() => {
    const table = readTable(spreadsheet, tab);
    checkUnique(table, values, undefined);
    checkReferences(spreadsheet, tab, values);
    const [created] = appendRecords(table, [values]);
    const record = created ?? values;
    appendJournal(spreadsheet, [
      {
        at,
        user,
        action: 'Création',
        tab: tab.name,
        recordId: String(record.id ?? ''),
        detail: describe(tab, record),
      },
    ]);
    return recordToDto(tab, record);
  });
}

export function updateRecord(
  spreadsheet: Spreadsheet,
  tabKey: TabKey,
  id: string,
  changes: RecordDto,
  system: SystemValues = {},
  action = 'Modification',
): RecordDto {
  const tab = getTab(tabKey);
  const cells = validatedCells(tab, changes, true);
  const at = now();
  const user = currentUserEmail();
  return withDocumentLock(() => {
    const table = readTable(spreadsheet, tab);
    const before = currentRecord(table, id);
    const wanted: Record<string, CellValue> = { ...cells, ...system };
    const changed = Object.entries(wanted).filter(([key, value]) => {
      const field = tab.fields.find((f) => f.key === key);
      return field !== undefined && cellToJson(field, before[key]) !== cellToJson(field, value);
    });
    if (changed.length === 0) return recordToDto(tab, before);
    checkUnique(table, Object.fromEntries(changed), id);
    checkReferences(spreadsheet, tab, Object.fromEntries(changed));
    const [applied] = writeChanges(table, [
      { id, values: { ...Object.fromEntries(changed), updatedAt: at } },
    ]);
    const journal: JournalEntry[] = changed.map(([key, value]) => {
      const field = tab.fields.find((f) => f.key === key) as FieldDef;
      return {
        at,
        user,
        action,
        tab: tab.name,
        recordId: id,
        field: field.header,
        oldValue: cellToJournalText(field, before[key]),
        newValue: cellToJournalText(field, value),
      };
    });
    appendJournal(spreadsheet, journal);
    return recordToDto(tab, applied?.after ?? before);
  });
}

/** Archiving hides a record from the CRM's lists; nothing is deleted (DESIGN.md §3 "Journal"). */
export function archiveRecord(spreadsheet: Spreadsheet, tabKey: TabKey, id: string): RecordDto {
  return updateRecord(spreadsheet, tabKey, id, {}, { etat: 'Archivé' }, 'Archivage');
}

export function getRecord(spreadsheet: Spreadsheet, tabKey: TabKey, id: string): RecordDto {
  const tab = getTab(tabKey);
  return recordToDto(tab, currentRecord(readTable(spreadsheet, tab), id));
}

export function currentRecord(table: TableSnapshot, id: string): Record<string, unknown> {
  const index = table.rowIndexById.get(id.trim().toUpperCase());
  const row = index === undefined ? undefined : table.rows[index];
  if (!row)
    throw new CrmError('NOT_FOUND', `Fiche ${id} introuvable dans l'onglet ${table.tab.name}.`);
  return rowToRecord(table, row);
}

function validatedCells(
  tab: TabDef,
  input: RecordDto,
  partial: boolean,
): Record<string, CellValue> {
  const result = validateRecord(tab, input, { partial });
  if (!result.ok) throw toCrmValidationError(result.errors);
  const cells: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(result.record)) {
    const field = tab.fields.find((f) => f.key === key);
    if (field) cells[key] = jsonToCell(field, value);
  }
  return cells;
}

function checkUnique(
  table: TableSnapshot,
  values: Record<string, CellValue>,
  ownId: string | undefined,
): void {
  for (const key of UNIQUE_FIELDS[table.tab.key] ?? []) {
    const value = values[key];
    const column = table.map.columnOf.get(key);
    if (value === undefined || value === '' || column === undefined) continue;
    const wanted = foldText(String(value));
    const idColumn = table.map.columnOf.get('id');
    const stateColumn = table.map.columnOf.get('etat');
    const clash = table.rows.find(
      (row) =>
        foldText(String(row[column] ?? '')) === wanted &&
        (stateColumn === undefined || row[stateColumn] !== 'Archivé') &&
        (ownId === undefined || idColumn === undefined || String(row[idColumn]) !== ownId),
    );
    if (clash) {
      const field = table.tab.fields.find((f) => f.key === key);
      const other = idColumn === undefined ? '' : ` (${String(clash[idColumn])})`;
      throw new CrmError(
        'CONFLICT',
        `${field?.header ?? key} : « ${String(value)} » existe déjà dans ${table.tab.name}${other}.`,
        key,
        [{ field: key, message: `« ${String(value)} » existe déjà${other}.` }],
      );
    }
  }
}

/** A reference must name an existing record: one read per referenced tab. */
function checkReferences(
  spreadsheet: Spreadsheet,
  tab: TabDef,
  values: Record<string, CellValue>,
): void {
  for (const field of tab.fields) {
    const value = values[field.key];
    if (field.type !== 'ref' || !field.ref || value === undefined || value === '') continue;
    const target = readTable(spreadsheet, getTab(field.ref));
    if (!target.rowIndexById.has(String(value))) {
      const message = `${field.header} : « ${String(value)} » introuvable dans ${target.tab.name}.`;
      throw new CrmError('VALIDATION', message, field.key, [{ field: field.key, message }]);
    }
  }
}

function describe(tab: TabDef, record: Record<string, unknown>): string {
  const name = ['nom', 'titre', 'objet']
    .map((k) => record[k])
    .find((v) => typeof v === 'string' && v !== '');
  const first =
    typeof record.prenom === 'string' && record.prenom !== '' ? `${record.prenom} ` : '';
  return `${tab.name} : ${first}${String(name ?? '')}`.trim();
}
