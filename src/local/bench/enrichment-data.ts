/**
 * A workbook for bulk enrichment, shared by the local-runtime tests and the bench: companies on
 * `example.fr` domains (the only ones the Apollo and Hunter stand-ins know), five contacts each,
 * with what a real CRM holds — some positions and addresses typed by the team (which enrichment
 * must keep), some opted-out people (whom it must never send), no LinkedIn anywhere (so every
 * contact is "incomplete"). Written as host work, one append per tab.
 */
import { mapHeaders } from '../../core/schema/header-map';
import { formatRecordId } from '../../core/schema/record-id';
import { getTab } from '../../core/schema/tabs';
import type { CellValue } from '../../core/text/sheet-safe';
import { appendRows, readHeaderRow } from '../../server/sheets/sheet-io';
import { callEndpoint } from '../runtime/call-endpoint';
import type { LocalRuntime } from '../runtime/runtime';

const FIRST = ['Claire', 'Julien', 'Sophie', 'Karim', 'Élodie', 'Thomas', 'Nadia', 'Hugo'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Moreau', 'Laurent', 'Garnier', 'Roux', 'Fabre'];

export const CONTACTS_PER_ORGANISATION = 5;
/** The position a user typed on every contact i with i % 10 === 3. */
export const TYPED_POSITION = 'Chef de projet RSE (saisi)';

export interface EnrichmentDataset {
  readonly contactIds: readonly string[];
  /** Contacts with the opt-out box ticked. */
  readonly optedOut: readonly string[];
  /** Contacts whose position was typed by a user. */
  readonly typedPositions: readonly string[];
  /** Contacts whose email was typed by a user, with it. */
  readonly typedEmails: ReadonlyMap<string, string>;
}

export function enrichmentDataset(contacts: number) {
  const organisations = Math.ceil(contacts / CONTACTS_PER_ORGANISATION);
  const orgRows = Array.from({ length: organisations }, (_, k) => ({
    id: formatRecordId('ORG', k + 1),
    nom: `Entreprise ${k + 1}`,
    type: 'Entreprise RSE',
    domaine: `entreprise-${k + 1}.example.fr`,
    source: 'Apollo',
    etat: 'Actif',
  }));
  const optedOut: string[] = [];
  const typedPositions: string[] = [];
  const typedEmails = new Map<string, string>();
  const contactRows = Array.from({ length: contacts }, (_, i) => {
    const id = formatRecordId('CT', i + 1);
    const k = Math.floor(i / CONTACTS_PER_ORGANISATION);
    const row: Record<string, CellValue> = {
      id,
      nom: LAST[i % LAST.length] as string,
      prenom: FIRST[Math.floor(i / LAST.length) % FIRST.length] as string,
      organisationId: formatRecordId('ORG', k + 1),
      source: 'Réseau',
      statut: 'Nouveau',
      etat: 'Actif',
    };
    if (i % 10 === 3) {
      row.poste = TYPED_POSITION;
      typedPositions.push(id);
    }
    if (i % 10 === 6) {
      const email = `contact${i + 1}@entreprise-${k + 1}.example.fr`;
      row.email = email;
      typedEmails.set(id, email);
    }
    if (i % 25 === 7) {
      row.optOut = true;
      optedOut.push(id);
    }
    return row;
  });
  return {
    rows: { organisations: orgRows, contacts: contactRows },
    dataset: {
      contactIds: contactRows.map((r) => String(r.id)),
      optedOut,
      typedPositions,
      typedEmails,
    } satisfies EnrichmentDataset,
  };
}

/** Setup, the keys, then the generated organisations and contacts. */
export function seedEnrichmentWorkbook(runtime: LocalRuntime, contacts: number): EnrichmentDataset {
  callEndpoint(runtime, 'setupStructure');
  const { rows, dataset } = enrichmentDataset(contacts);
  runtime.withServices((services) => {
    const properties = services.PropertiesService.getScriptProperties();
    properties.setProperty('APOLLO_API_KEY', 'apollo-bench-key-0000000000');
    properties.setProperty('HUNTER_API_KEY', 'hunter-bench-key-0000000000');
    const spreadsheet = (
      services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
    ).getActiveSpreadsheet();
    for (const key of ['organisations', 'contacts'] as const) {
      const tab = getTab(key);
      const sheet = spreadsheet.getSheetByName(tab.name);
      if (!sheet) throw new Error(`tab ${tab.name} missing after setupStructure`);
      const map = mapHeaders(tab, readHeaderRow(sheet));
      appendRows(
        sheet,
        rows[key].map((record) => {
          const row = new Array<CellValue>(map.width).fill('');
          for (const [field, value] of Object.entries(record)) {
            const column = map.columnOf.get(field);
            if (column !== undefined) row[column] = value;
          }
          return row;
        }),
      );
    }
  });
  return dataset;
}

/** Sets one row of Parametres. */
export function setSetting(runtime: LocalRuntime, key: string, value: string): void {
  runtime.withServices((services) => {
    const sheet = (services.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .getActiveSpreadsheet()
      .getSheetByName('Parametres') as GoogleAppsScript.Spreadsheet.Sheet;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => r[0] === key);
    if (row < 0) throw new Error(`setting ${key} missing`);
    sheet.getRange(row + 1, 2).setValues([[value]]);
  });
}
