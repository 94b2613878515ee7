/**
 * Imports the bundled collectivités into Organisations (issue 4). Whatever the filters select —
 * ten communes or 3,500 communes and EPCI — the import makes the same Sheets calls: the settings
 * once, the tab's ID, state and SIREN columns once, one append, one Journal line. The new
 * organisations are scored before the append and written with their score: a new organisation
 * has no contact, deal or interaction yet, so its score (with its temperature and segment)
 * depends on its own row only, nothing already in the tab changes, and rescoreIcp would write
 * the same values (same facts, same function).
 */
import {
  BUNDLED_DATA_INFO,
  BUNDLED_TERRITORIES,
  bundledUniverse,
  collectiviteFields,
  describeFilters,
  describeImport,
  parseCollectivitesFilters,
  planCollectivitesImport,
  previewOf,
  type CollectivitesFilters,
  type CollectivitesImportReport,
  type CollectivitesPlan,
  type CollectivitesPreview,
  type ExistingOrganisation,
} from '../../core/collectivites';
import { requireColumns } from '../../core/schema/header-map';
import { getTab } from '../../core/schema/tabs';
import { dayKey } from '../../core/scheduler/local-time';
import { scoreOrganisation } from '../../core/scoring';
import type { CellValue } from '../../core/text/sheet-safe';
import { appendJournal } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readKeyed, type KeyedTable } from '../records/keyed-table';
import { appendRecords } from '../records/record-writer';
import { buildFacts } from '../scoring/icp-facts';
import { organisationValues, scoringSettings } from '../scoring/icp-rescorer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const NOTE =
  `Collectivité importée des données Etalab (découpage administratif ` +
  `${BUNDLED_DATA_INFO.version}) : nom, SIREN, population, département, région, EPCI.`;

/** What an import with these filters would add now; reads two columns, writes nothing. */
export function previewCollectivites(spreadsheet: Spreadsheet, raw: unknown): CollectivitesPreview {
  const filters = parseCollectivitesFilters(raw, BUNDLED_TERRITORIES);
  const plan = planFor(readOrganisationKeys(spreadsheet), filters);
  return previewOf(
    plan,
    describeFilters(filters, BUNDLED_TERRITORIES),
    BUNDLED_DATA_INFO.communeFloor,
  );
}

export function importCollectivites(
  spreadsheet: Spreadsheet,
  raw: unknown,
): CollectivitesImportReport {
  // Refused filters never wait for the lock.
  const filters = parseCollectivitesFilters(raw, BUNDLED_TERRITORIES);
  const { weights, temperature } = scoringSettings(spreadsheet);
  return withDocumentLock(() => {
    const at = now();
    const user = currentUserEmail();
    const today = { day: dayKey(toLocalDateTime(at)) };
    // Read under the lock: two imports at once cannot both add the same SIREN.
    const table = readOrganisationKeys(spreadsheet);
    const plan = planFor(table, filters);
    const records = plan.toAdd.map((c): Record<string, CellValue> => ({
      ...collectiviteFields(c, BUNDLED_TERRITORIES, NOTE),
      ...(user ? { owner: user } : {}),
      etat: 'Actif',
      createdAt: at,
      updatedAt: at,
    }));
    // Facts are keyed by ID and the IDs come with the append: the row's index stands in.
    const facts = buildFacts(
      {
        organisations: records.map((record, index) => ({ ...record, id: String(index) })),
        contacts: [],
        interactions: [],
        opportunites: [],
        appelsOffres: [],
      },
      at,
    );
    const scored = records.map((record, index) => {
      const orgFacts = facts.get(String(index));
      if (!orgFacts) return record;
      const score = scoreOrganisation(orgFacts, weights, today);
      return { ...record, ...organisationValues(orgFacts, score, today, temperature) };
    });
    const created = appendRecords(table, scored);
    const report: CollectivitesImportReport = {
      ...previewOf(
        plan,
        describeFilters(filters, BUNDLED_TERRITORIES),
        BUNDLED_DATA_INFO.communeFloor,
      ),
      added: created.length,
      scored: scored.filter((r) => r.scoreIcp !== undefined).length,
      firstId: String(created[0]?.id ?? ''),
      lastId: String(created[created.length - 1]?.id ?? ''),
    };
    appendJournal(spreadsheet, [
      {
        at,
        user,
        action: 'Import',
        tab: table.tab.name,
        detail: describeImport(report),
      },
    ]);
    return report;
  });
}

/**
 * Every row's ID, state and SIREN, archived rows included. Without the SIREN column the import
 * could not tell what is already there, so it stops and says how to repair the tab.
 */
function readOrganisationKeys(spreadsheet: Spreadsheet): KeyedTable {
  const tab = getTab('organisations');
  const table = readKeyed(spreadsheet, tab, ['id', 'etat', 'siren']);
  requireColumns(tab, table.map, ['id', 'siren', 'etat']);
  return table;
}

function planFor(table: KeyedTable, filters: CollectivitesFilters): CollectivitesPlan {
  const sirenColumn = table.map.columnOf.get('siren');
  const stateColumn = table.map.columnOf.get('etat');
  const existing: ExistingOrganisation[] = table.rows.map((row) => ({
    siren: sirenColumn === undefined ? '' : row[sirenColumn],
    archived: stateColumn !== undefined && row[stateColumn] === 'Archivé',
  }));
  return planCollectivitesImport(bundledUniverse(), filters, existing);
}
