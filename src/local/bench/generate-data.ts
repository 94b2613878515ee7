/**
 * Generated CRM records for the bench: a given number of contacts and the other tabs in fixed
 * ratios, linked the way a real CRM is (every contact in an organisation, two interactions per
 * contact, one outbound), with a target contact and opportunities in the middle of their tabs so
 * that a row-by-row scan does average, not best-case, work.
 */
import {
  INTERACTION_TYPES,
  OFFERS,
  ORGANISATION_TYPES,
  PIPELINE_STAGES,
  SOURCES,
  TASK_STATUSES,
} from '../../core/schema/enums';
import { formatRecordId } from '../../core/schema/record-id';
import type { CellValue } from '../../core/text/sheet-safe';

/** Rows per contact in the other tabs. */
export const RATIOS = { organisations: 1 / 3, opportunites: 1 / 5, interactions: 2, taches: 1 / 2 };

export const RATIO_TEXT =
  'organisations = contacts / 3, opportunities = contacts / 5, interactions = 2 × contacts,' +
  ' tasks = contacts / 2';

export type DataTab = 'organisations' | 'contacts' | 'opportunites' | 'interactions' | 'taches';
export type GeneratedRecord = Record<string, CellValue>;
export type Dataset = Record<DataTab, GeneratedRecord[]>;

/** The records the bench operations act on. */
export interface BenchTargets {
  readonly contactId: string;
  /** Two opportunities at stage Qualifié whose contact has an outbound interaction. */
  readonly opportunityIds: readonly [string, string];
}

const DAY_MS = 86_400_000;
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

export function datasetSizes(contacts: number): Record<DataTab, number> {
  const at = (ratio: number) => Math.max(2, Math.round(contacts * ratio));
  return {
    organisations: at(RATIOS.organisations),
    contacts,
    opportunites: at(RATIOS.opportunites),
    interactions: at(RATIOS.interactions),
    taches: at(RATIOS.taches),
  };
}

export function generateDataset(
  contacts: number,
  now: Date,
): { data: Dataset; targets: BenchTargets } {
  const size = datasetSizes(contacts);
  // Even and in the middle: task k belongs to contact 2k, so the target has a task.
  const target = 2 * Math.floor(contacts / 4);
  const middleOpportunity = Math.floor(size.opportunites / 2);
  const id = (prefix: string, i: number) => formatRecordId(prefix, i + 1);
  const contactId = (i: number) => id('CT', i % contacts);
  const organisationId = (i: number) => id('ORG', i % size.organisations);
  const opportunityId = (i: number) => id('OPP', i);
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const stamps = (i: number): GeneratedRecord => ({
    owner: 'demo@utpla.fr',
    etat: 'Actif',
    createdAt: daysAgo(400 + (i % 300)),
    updatedAt: daysAgo(i % 300),
  });
  const list = (n: number, make: (i: number) => GeneratedRecord) =>
    Array.from({ length: n }, (_, i) => make(i));

  const data: Dataset = {
    organisations: list(size.organisations, (i) => ({
      id: organisationId(i),
      nom: `Organisation ${i + 1}`,
      type: pick(ORGANISATION_TYPES, i),
      ville: `Ville ${i % 500}`,
      codePostal: String(10000 + (i % 85000)),
      scoreIcp: i % 101,
      budgetConfirme: i % 4 === 0,
      source: pick(SOURCES, i),
      ...stamps(i),
    })),
    contacts: list(contacts, (i) => ({
      id: contactId(i),
      nom: `Nom${i + 1}`,
      prenom: `Prénom${i % 997}`,
      email: `contact${i + 1}@exemple.fr`,
      telephone: `+336${String(10000000 + i).slice(-8)}`,
      organisationId: organisationId(i),
      poste: pick(['Maire', 'Directeur RSE', 'Chargée de mission', 'DG'], i),
      source: pick(SOURCES, i),
      statut: 'En cours',
      derniereInteraction: daysAgo(30 + (i % 60)),
      ...stamps(i),
    })),
    opportunites: list(size.opportunites, (i) => {
      const targeted = i === middleOpportunity || i === middleOpportunity + 1;
      return {
        id: opportunityId(i),
        titre: `Opportunité ${i + 1}`,
        organisationId: organisationId(i),
        contactId: contactId(targeted ? target + (i - middleOpportunity) : 5 * i),
        offre: pick(OFFERS, i),
        etape: targeted ? 'Qualifié' : pick(PIPELINE_STAGES, i),
        montant: 1000 + (i % 50) * 500,
        probabilite: 0.2,
        etapeDepuis: daysAgo(i % 90),
        ...stamps(i),
      };
    }),
    // Interaction j belongs to contact j mod n: every contact has one outbound and one inbound.
    interactions: list(size.interactions, (j) => ({
      id: id('INT', j),
      contactId: contactId(j),
      type: pick(INTERACTION_TYPES, j),
      direction: j < contacts ? 'Sortant' : 'Entrant',
      date: daysAgo(j % 365),
      objet: `Échange ${j + 1}`,
      ...stamps(j),
    })),
    taches: list(size.taches, (k) => ({
      id: id('TCH', k),
      titre: `Relance ${k + 1}`,
      echeance: daysAgo(15 - (k % 30)),
      statut: pick(TASK_STATUSES.slice(0, 2), k),
      priorite: 'Normale',
      origine: 'Manuelle',
      contactId: contactId(2 * k),
      ...stamps(k),
    })),
  };
  return {
    data,
    targets: {
      contactId: contactId(target),
      opportunityIds: [opportunityId(middleOpportunity), opportunityId(middleOpportunity + 1)],
    },
  };
}
