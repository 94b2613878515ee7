/** searchRecords: organisations, contacts and opportunities matching what the user types. */
import { matchRecords, type Searchable } from '../../core/search/match-records';
import type { SearchHit } from '../api/contract';
import { readActiveKeys, text } from './crm-snapshot';

const MAX_HITS = 20;

export function searchRecords(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  query: string,
): SearchHit[] {
  if (query.trim().length < 2) return [];
  // Only the searched and shown columns are read, never the whole tabs: this runs as one types.
  const organisations = readActiveKeys(spreadsheet, 'organisations', [
    'nom',
    'type',
    'siren',
    'ville',
    'domaine',
  ]);
  const contacts = readActiveKeys(spreadsheet, 'contacts', [
    'nom',
    'prenom',
    'email',
    'poste',
    'organisationId',
  ]);
  const opportunities = readActiveKeys(spreadsheet, 'opportunites', [
    'titre',
    'etape',
    'organisationId',
  ]);
  const orgName = new Map(organisations.map((o) => [text(o.id), text(o.nom)]));
  const entries: Searchable<SearchHit>[] = [
    ...organisations.map((o) => ({
      item: {
        tab: 'organisations' as const,
        id: text(o.id),
        title: text(o.nom),
        subtitle: join(text(o.type), text(o.ville)),
      },
      title: text(o.nom),
      haystack: [text(o.nom), text(o.ville), text(o.siren), text(o.domaine), text(o.type)],
    })),
    ...contacts.map((c) => {
      const name = join(text(c.prenom), text(c.nom), ' ');
      const organisation = orgName.get(text(c.organisationId)) ?? '';
      return {
        item: {
          tab: 'contacts' as const,
          id: text(c.id),
          title: name,
          subtitle: join(text(c.poste), organisation),
        },
        title: name,
        haystack: [name, text(c.nom), text(c.email), text(c.poste), organisation],
      };
    }),
    ...opportunities.map((o) => ({
      item: {
        tab: 'opportunites' as const,
        id: text(o.id),
        title: text(o.titre),
        subtitle: join(text(o.etape), orgName.get(text(o.organisationId)) ?? ''),
      },
      title: text(o.titre),
      haystack: [text(o.titre), orgName.get(text(o.organisationId)) ?? ''],
    })),
  ];
  return matchRecords(entries, query, MAX_HITS);
}

function join(a: string, b: string, separator = ' · '): string {
  return [a, b].filter((s) => s !== '').join(separator);
}
