/**
 * One locked operation on the records: the tabs it touches are read once (by key columns, then
 * the rows it changes), the Journal lines it produces are written once at the end. A use case
 * that changes several tabs — log an interaction, update the contact, add a task — does it in one
 * session, so it holds the document lock once and reads nothing twice.
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
import { loadRows, readKeyed, type KeyedTable } from './keyed-table';
import { cellToJournalText, cellToJson, jsonToCell, recordToDto } from './record-dto';
import { appendRecords, writeChanges } from './record-writer';
import { rowToRecord } from './table-snapshot';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Fields whose value must be unique among a tab's active records. */
const UNIQUE_FIELDS: Partial<Record<TabKey, readonly string[]>> = {
  organisations: ['siren'],
  contacts: ['email'],
  appelsOffres: ['idweb'],
};

/** Values the CRM itself sets (stamps, computed fields), written without user validation. */
export type SystemValues = Readonly<Record<string, CellValue>>;

export class RecordSession {
  readonly at = now();
  /** Who the Journal names: the user, or the outside source that asked (« Make.com »). */
  readonly user: string;
  private readonly tables = new Map<TabKey, KeyedTable>();
  private readonly journal: JournalEntry[] = [];
  /** Only a person owns what they create; a record a source creates has no owner by default. */
  private readonly defaultOwner: string;

  constructor(readonly spreadsheet: Spreadsheet) {
    const person = currentUserEmail();
    this.user = ambientSource ?? person;
    this.defaultOwner = ambientSource === undefined ? person : '';
  }

  /** The tab by its keys (ID, state, unique fields), read once per session. */
  table(tabKey: TabKey): KeyedTable {
    let table = this.tables.get(tabKey);
    if (!table) {
      // The state is needed only to let an archived record's unique value be reused; a tab
      // without unique fields skips that column (often far right, so another read).
      const unique = UNIQUE_FIELDS[tabKey] ?? [];
      table = readKeyed(this.spreadsheet, getTab(tabKey), [
        'id',
        ...(unique.length > 0 ? ['etat', ...unique] : []),
      ]);
      this.tables.set(tabKey, table);
    }
    return table;
  }

  /** A record in full, found by ID in the rows as they are now. */
  record(tabKey: TabKey, id: string): Record<string, unknown> {
    const table = this.table(tabKey);
    const index = table.rowIndexById.get(id.trim().toUpperCase());
    if (index === undefined) {
      throw new CrmError('NOT_FOUND', `Fiche ${id} introuvable dans l'onglet ${table.tab.name}.`);
    }
    loadRows(this.spreadsheet, table, [index]);
    return rowToRecord(table, table.rows[index] ?? []);
  }

  create(tabKey: TabKey, input: RecordDto, system: SystemValues = {}): RecordDto {
    const [created] = this.createMany(tabKey, [{ input, system }]);
    return created as RecordDto;
  }

  /**
   * Several records of one tab in one append (an import, a BOAMP run): every input is validated
   * first, so one bad record writes nothing at all.
   */
  createMany(
    tabKey: TabKey,
    records: ReadonlyArray<{ readonly input: RecordDto; readonly system?: SystemValues }>,
  ): RecordDto[] {
    if (records.length === 0) return [];
    const tab = getTab(tabKey);
    const table = this.table(tabKey);
    const prepared = records.map(({ input, system = {} }) => {
      const cells = validatedCells(tab, input, false);
      return {
        etat: 'Actif',
        createdAt: this.at,
        updatedAt: this.at,
        ...(this.defaultOwner && !cells.owner ? { owner: this.defaultOwner } : {}),
        ...cells,
        ...system,
      } as Record<string, CellValue>;
    });
    for (const values of prepared) {
      checkUnique(table, values, undefined);
      this.checkReferences(tab, values);
    }
    checkUniqueWithin(tab, prepared);
    const created = appendRecords(table, prepared);
    // The snapshot does not hold the appended rows: a later read in this session reads again.
    this.tables.delete(tabKey);
    return created.map((record) => {
      this.journal.push({
        at: this.at,
        user: this.user,
        action: 'Création',
        tab: tab.name,
        recordId: String(record.id ?? ''),
        detail: describe(tab, record),
      });
      return recordToDto(tab, record);
    });
  }

  update(
    tabKey: TabKey,
    id: string,
    changes: RecordDto,
    system: SystemValues = {},
    action = 'Modification',
  ): RecordDto {
    const tab = getTab(tabKey);
    const cells = validatedCells(tab, changes, true);
    const recordId = id.trim().toUpperCase();
    const before = this.record(tabKey, recordId);
    const table = this.table(tabKey);
    const wanted: Record<string, CellValue> = { ...cells, ...system };
    const changed = Object.entries(wanted).filter(([key, value]) => {
      const field = tab.fields.find((f) => f.key === key);
      return field !== undefined && cellToJson(field, before[key]) !== cellToJson(field, value);
    });
    if (changed.length === 0) return recordToDto(tab, before);
    checkUnique(table, Object.fromEntries(changed), recordId);
    this.checkReferences(tab, Object.fromEntries(changed));
    const [applied] = writeChanges(table, [
      { id: recordId, values: { ...Object.fromEntries(changed), updatedAt: this.at } },
    ]);
    for (const [key, value] of changed) {
      const field = tab.fields.find((f) => f.key === key) as FieldDef;
      this.journal.push({
        at: this.at,
        user: this.user,
        action,
        tab: tab.name,
        recordId,
        field: field.header,
        oldValue: cellToJournalText(field, before[key]),
        newValue: cellToJournalText(field, value),
      });
    }
    return recordToDto(tab, applied?.after ?? before);
  }

  /** A Journal line of the caller's own (a stage move, an automated change). */
  log(entry: Omit<JournalEntry, 'at' | 'user'>): void {
    this.journal.push({ at: this.at, user: this.user, ...entry });
  }

  /** Writes the session's Journal lines in one append. */
  commit(): void {
    appendJournal(this.spreadsheet, this.journal.splice(0));
  }

  /** A reference must name an existing record of its tab. */
  private checkReferences(tab: TabDef, values: Record<string, CellValue>): void {
    for (const field of tab.fields) {
      const value = values[field.key];
      if (field.type !== 'ref' || !field.ref || value === undefined || value === '') continue;
      const target = this.table(field.ref);
      if (!target.rowIndexById.has(String(value))) {
        const message = `${field.header} : « ${String(value)} » introuvable dans ${target.tab.name}.`;
        throw new CrmError('VALIDATION', message, field.key, [{ field: field.key, message }]);
      }
    }
  }
}

let ambientSource: string | undefined;

/**
 * Runs `work` on behalf of an outside source (the web app's « Make.com »): every session it
 * opens, including those of the use cases it calls (logging an interaction, rescoring),
 * journals the source instead of the script's user, who is only the web app's deployer.
 */
export function asSource<T>(source: string, work: () => T): T {
  const previous = ambientSource;
  ambientSource = source;
  try {
    return work();
  } finally {
    ambientSource = previous;
  }
}

/** Runs `work` in a session under the document lock; its Journal lines are written at the end. */
export function inSession<T>(spreadsheet: Spreadsheet, work: (session: RecordSession) => T): T {
  return withDocumentLock(() => {
    const session = new RecordSession(spreadsheet);
    const result = work(session);
    session.commit();
    return result;
  });
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

/** Two records of the same batch may not share a unique value either. */
function checkUniqueWithin(tab: TabDef, records: ReadonlyArray<Record<string, CellValue>>): void {
  for (const key of UNIQUE_FIELDS[tab.key] ?? []) {
    const seen = new Set<string>();
    for (const record of records) {
      const value = record[key];
      if (value === undefined || value === '') continue;
      const folded = foldText(String(value));
      if (seen.has(folded)) {
        const field = tab.fields.find((f) => f.key === key);
        const message = `${field?.header ?? key} : « ${String(value)} » apparaît deux fois dans ce lot.`;
        throw new CrmError('CONFLICT', message, key, [{ field: key, message }]);
      }
      seen.add(folded);
    }
  }
}

function checkUnique(
  table: KeyedTable,
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

function describe(tab: TabDef, record: Record<string, unknown>): string {
  const name = ['nom', 'titre', 'objet']
    .map((k) => record[k])
    .find((v) => typeof v === 'string' && v !== '');
  const first =
    typeof record.prenom === 'string' && record.prenom !== '' ? `${record.prenom} ` : '';
  return `${tab.name} : ${first}${String(name ?? '')}`.trim();
}
