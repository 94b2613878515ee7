/**
 * The bulk enrichment as a first version of a Sheets script would write it, for the bench's
 * ratio: for each contact, its row read one cell at a time, its organisation found by scanning
 * the ID column, one Apollo `people/match` request, one Hunter request per address to find or
 * check, each changed cell written with setValue and each change journaled with appendRow; the
 * scores recomputed row by row at the end (naive-bulk.ts). It applies the same rules as the CRM
 * (core's eligibility, merge and offers), so only the way it uses Sheets and HTTP differs.
 */
import {
  APOLLO_API_BASE,
  HUNTER_API_BASE,
  PEOPLE_MATCH_PATH,
  contactOffers,
  emailStatusOf,
  finderPath,
  isApolloVerified,
  isIncomplete,
  isOptedOut,
  matchDetailsFor,
  organisationDomain,
  organisationOffers,
  planMerge,
  readFinder,
  readMatch,
  readVerification,
  sameCompany,
  skipReason,
  verifierPath,
} from '../../core/enrichment';
import { getTab } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
import { isDate } from '../../core/text/sheet-safe';
import { naiveRescoreIcp } from './naive-bulk';
import { cell, findRow, openTable, readRow, setCell, type NaiveTable } from './naive-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type UrlFetch = GoogleAppsScript.URL_Fetch.UrlFetchApp;

const header = (tab: TabKey, key: string): string =>
  getTab(tab).fields.find((f) => f.key === key)?.header ?? key;

/** The contact's row as schema key → value, one getValue per cell. */
function record(table: NaiveTable, row: number, tab: TabKey): Record<string, unknown> {
  const byHeader = readRow(table, row);
  const out: Record<string, unknown> = {};
  for (const field of getTab(tab).fields) out[field.key] = byHeader.get(field.header) ?? '';
  return out;
}

export function naiveEnrichIncomplete(
  spreadsheet: Spreadsheet,
  urlFetch: UrlFetch,
  keys: { apollo: string; hunter: string },
  now: Date,
): { asked: number } {
  const contacts = openTable(spreadsheet, 'Contacts');
  const orgs = openTable(spreadsheet, 'Organisations');
  const journal = spreadsheet.getSheetByName('Journal') as GoogleAppsScript.Spreadsheet.Sheet;
  const lastRow = contacts.sheet.getLastRow();
  let asked = 0;
  const log = (tab: string, id: string, field: string, value: unknown, action: string) =>
    journal.appendRow([now, 'demo@utpla.fr', action, tab, id, field, '', value, '']);
  const get = (url: string) =>
    urlFetch.fetch(url, { headers: { 'X-API-KEY': keys.hunter }, muteHttpExceptions: true });
  for (let r = 2; r <= lastRow; r++) {
    const c = record(contacts, r, 'contacts');
    if (String(c.id ?? '') === '') continue;
    if (
      !isIncomplete({
        email: c.email,
        poste: c.poste,
        linkedin: c.linkedin,
        statutEmail: c.statutEmail,
      })
    )
      continue;
    const reason = skipReason(
      {
        archived: c.etat === 'Archivé',
        optOut: isOptedOut(c.optOut),
        enrichedAtMs: isDate(c.enrichiLe) ? c.enrichiLe.getTime() : null,
      },
      { nowMs: now.getTime(), delayDays: 90 },
    );
    if (reason !== null) continue;
    const orgRow = findRow(orgs, 'ID', String(c.organisationId ?? ''));
    const org =
      orgRow === null
        ? null
        : {
            nom: cell(orgs, orgRow, 'Nom'),
            domaine: cell(orgs, orgRow, 'Domaine email'),
            siteWeb: cell(orgs, orgRow, 'Site web'),
          };
    const details = matchDetailsFor(
      { prenom: c.prenom, nom: c.nom, email: c.email, linkedin: c.linkedin },
      org,
    );
    if (!details) continue;
    asked += 1;
    const answer = urlFetch.fetch(APOLLO_API_BASE + PEOPLE_MATCH_PATH, {
      method: 'post',
      contentType: 'application/json',
      headers: { 'x-api-key': keys.apollo },
      payload: JSON.stringify(details),
      muteHttpExceptions: true,
    });
    const reading = readMatch(answer.getContentText());
    const person = reading.ok ? reading.value : null;
    const offers = person ? contactOffers(person) : [];
    let email = String(c.email ?? '') || person?.email || '';
    const domain = organisationDomain(org);
    if (email === '' && domain && c.prenom && c.nom) {
      const found = readFinder(
        get(
          HUNTER_API_BASE +
            finderPath({ domain, firstName: String(c.prenom), lastName: String(c.nom) }),
        ).getContentText(),
      );
      if (found.ok && found.value) {
        email = found.value.email;
        offers.push({ field: 'email', value: email, source: 'Hunter' });
      }
    }
    let status = '';
    if (person && isApolloVerified(person) && person.email === email) status = 'Valide';
    else if (email !== '') {
      const verified = readVerification(
        get(HUNTER_API_BASE + verifierPath(email)).getContentText(),
        email,
      );
      if (verified.ok) status = emailStatusOf(verified.value.status);
    }
    const plan = planMerge(getTab('contacts'), c, offers);
    for (const fill of plan.fills) {
      setCell(contacts, r, header('contacts', fill.field), fill.value);
      log('Contacts', String(c.id), header('contacts', fill.field), fill.value, fill.source);
    }
    if (status !== '') {
      setCell(contacts, r, header('contacts', 'statutEmail'), status);
      setCell(contacts, r, header('contacts', 'emailVerifieLe'), now);
    }
    setCell(contacts, r, header('contacts', 'enrichiLe'), now);
    setCell(contacts, r, header('contacts', 'updatedAt'), now);
    if (orgRow !== null && person?.organization && sameCompany(person.organization, domain)) {
      const o = record(orgs, orgRow, 'organisations');
      for (const fill of planMerge(
        getTab('organisations'),
        o,
        organisationOffers(person.organization),
      ).fills) {
        setCell(orgs, orgRow, header('organisations', fill.field), fill.value);
        log(
          'Organisations',
          String(o.id),
          header('organisations', fill.field),
          fill.value,
          'Apollo',
        );
      }
    }
  }
  naiveRescoreIcp(spreadsheet, now);
  return { asked };
}
