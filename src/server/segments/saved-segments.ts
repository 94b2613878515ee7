/**
 * Saved segments (issue 4): named filters kept in the Parametres tab as `segment.<nom>` rows, so
 * users read and edit them where they edit every other setting, and the records that match them.
 * Organisations, their contacts and opportunities are read by the few columns a segment looks at.
 */
import { CrmError } from '../../core/errors';
import { matchesSegment, parseSegmentFilter, type SegmentFacts } from '../../core/segments';
import type { SavedSegment, SegmentMembers } from '../api/contract';
import { readActiveKeys, text, type CrmRecord } from '../records/crm-snapshot';
import { readSettings } from '../settings/settings-reader';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const PREFIX = 'segment.';
const MAX_MEMBERS = 200;

export type { SavedSegment, SegmentMembers };

export function listSegments(spreadsheet: Spreadsheet): SavedSegment[] {
  return [...readSettings(spreadsheet)]
    .filter(([key]) => key.startsWith(PREFIX) && key.length > PREFIX.length)
    .map(([key, value]) => {
      const parsed = parseSegmentFilter(value);
      return {
        name: key.slice(PREFIX.length),
        filter: value,
        error: parsed.ok ? null : parsed.message,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export function getSegmentMembers(spreadsheet: Spreadsheet, name: string): SegmentMembers {
  const segment = listSegments(spreadsheet).find((s) => s.name === name);
  if (!segment) throw new CrmError('NOT_FOUND', `Segment « ${name} » introuvable dans Parametres.`);
  const parsed = parseSegmentFilter(segment.filter);
  if (!parsed.ok) throw new CrmError('CONFIG', parsed.message);
  const organisations = readActiveKeys(spreadsheet, 'organisations', ORGANISATION_KEYS);
  const contacts = readActiveKeys(spreadsheet, 'contacts', CONTACT_KEYS);
  const stages = new Map<string, string[]>();
  for (const o of readActiveKeys(spreadsheet, 'opportunites', ['organisationId', 'etape'])) {
    const list = stages.get(text(o.organisationId)) ?? [];
    list.push(text(o.etape));
    stages.set(text(o.organisationId), list);
  }
  const orgById = new Map(organisations.map((o) => [text(o.id), o]));
  const orgFacts = (o: CrmRecord): SegmentFacts => ({
    type: [text(o.type)],
    taille: [bandOf(text(o.segment))],
    secteur: [text(o.secteur)],
    certification: certifications(o),
    etape: stages.get(text(o.id)) ?? [],
    source: [text(o.source)],
    departement: [text(o.departement)],
    region: [text(o.region)],
    temperature: [text(o.temperature)],
  });
  const matchingOrgs = organisations.filter((o) => matchesSegment(parsed.filter, orgFacts(o)));
  const matchingContacts = contacts.filter((c) => {
    const org = orgById.get(text(c.organisationId));
    const base = org ? orgFacts(org) : {};
    // A contact is in the segment by its organisation, but with its own temperature and source.
    return matchesSegment(parsed.filter, {
      ...base,
      source: [text(c.source)],
      temperature: [text(c.temperature)],
    });
  });
  return {
    name: segment.name,
    filter: segment.filter,
    organisations: matchingOrgs.slice(0, MAX_MEMBERS).map((o) => ({
      tab: 'organisations' as const,
      id: text(o.id),
      title: text(o.nom),
      subtitle: join(text(o.segment), text(o.temperature)),
    })),
    contacts: matchingContacts.slice(0, MAX_MEMBERS).map((c) => ({
      tab: 'contacts' as const,
      id: text(c.id),
      title: join(text(c.prenom), text(c.nom), ' '),
      subtitle: join(text(c.poste), text(orgById.get(text(c.organisationId))?.nom)),
    })),
    totalOrganisations: matchingOrgs.length,
    totalContacts: matchingContacts.length,
  };
}

const ORGANISATION_KEYS = [
  'nom',
  'type',
  'secteur',
  'departement',
  'region',
  'certificationRse',
  'bcorp',
  'iso26000',
  'labelLucie',
  'source',
  'temperature',
  'segment',
];
const CONTACT_KEYS = ['nom', 'prenom', 'poste', 'organisationId', 'source', 'temperature'];

function certifications(o: CrmRecord): string[] {
  const labels = [text(o.certificationRse)];
  if (text(o.bcorp) === 'Oui') labels.push('B Corp');
  if (text(o.iso26000) === 'Oui') labels.push('ISO 26000');
  if (text(o.labelLucie) === 'Oui') labels.push('Lucie', 'Label Lucie');
  return labels.filter((l) => l !== '');
}

/** The size band is the part of the "Segment" cell after the type. */
function bandOf(segment: string): string {
  const parts = segment.split(' · ');
  return parts.length > 1 ? (parts[1] ?? '') : '';
}

function join(a: string, b: string, separator = ' · '): string {
  return [a, b].filter((s) => s !== '').join(separator);
}
