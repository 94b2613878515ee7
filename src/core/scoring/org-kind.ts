/** Collectivités and companies are scored by their own rules; the others are not direct buyers. */
export type OrgKind = 'collectivite' | 'entreprise' | 'autre';

const COLLECTIVITES = new Set(['Commune', 'EPCI', 'Département', 'Région', 'Autre collectivité']);
const ENTREPRISES = new Set(['Entreprise RSE', 'Entreprise']);

export function orgKind(type: string): OrgKind {
  if (COLLECTIVITES.has(type)) return 'collectivite';
  if (ENTREPRISES.has(type)) return 'entreprise';
  return 'autre';
}
