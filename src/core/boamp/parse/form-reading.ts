/**
 * What a form parser reads out of `donnees` (and `gestion`): TenderDetails without the parts the
 * dispatcher adds (idweb, fallbacks to the record's own fields, issues).
 */
import type { NoticeStatus, TenderDetails } from './details-types';
import { flagName } from './json-tree';

export type FormReading = Omit<TenderDetails, 'idweb' | 'issues'>;

const NATURES: Readonly<Record<string, string>> = {
  appeloffre: 'APPEL_OFFRE',
  attribution: 'ATTRIBUTION',
  rectificatif: 'RECTIFICATIF',
  preinformation: 'PRE_INFORMATION',
  intentionconclure: 'INTENTION_CONCLURE',
  soustraitance: 'SOUS_TRAITANCE',
  modification: 'MODIFICATION',
  profilacheteur: 'PROFIL_ACHETEUR',
  qualification: 'QUALIFICATION',
  periodique: 'PERIODIQUE',
  autre: 'AUTRE',
};

/**
 * BOAMP's nature code from a `NATURE` flag element. v230's lowercase API dropped the
 * underscores (`appeloffre`), so known natures are mapped back to the codes the Explore API uses.
 */
export function natureCode(natureElement: unknown): string | null {
  const name = flagName(natureElement);
  if (name === null) return null;
  const key = name.toLowerCase().replace(/[_-]/g, '');
  return NATURES[key] ?? name.toUpperCase();
}

export function statusOf(code: string | null): NoticeStatus | null {
  if (code === null) return null;
  const key = code.toLowerCase().replace(/[_-]/g, '');
  if (key === 'initial') return 'initial';
  if (key === 'rectificatif') return 'rectificatif';
  if (key === 'annulation' || key === 'avisannule') return 'annulation';
  if (key === 'modification') return 'modification';
  return null;
}
