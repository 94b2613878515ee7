/**
 * Adéquation: is this the kind and size of buyer UTPLA sells to? A commune of at least 5,000
 * inhabitants (DESIGN.md §4), an EPCI, a département or région; a company by its staff, more for
 * one that calls itself CSR-committed.
 */
import { DimensionBuilder } from './dimension-builder';
import { frenchInteger } from './french-number';
import type { DimensionScore, OrganisationFacts } from './icp-types';
import { orgKind } from './org-kind';

export const POPULATION_THRESHOLD = 5000;

const POPULATION_BANDS: ReadonlyArray<readonly [number, number]> = [
  [100_000, 20],
  [20_000, 18],
  [POPULATION_THRESHOLD, 14],
  [2_000, 6],
  [0, 2],
];

const STAFF_BANDS: ReadonlyArray<readonly [number, number]> = [
  [1_000, 18],
  [250, 16],
  [50, 12],
  [10, 6],
  [0, 2],
];

export function scoreFit(org: OrganisationFacts): DimensionScore {
  const d = new DimensionBuilder('fit', 'Adéquation');
  const kind = orgKind(org.type);
  if (org.type === '') return d.lack('Type d’organisation').build();
  if (kind === 'autre') return d.add(4, `${org.type} : partenaire, pas un client direct`).build();
  if (kind === 'collectivite') {
    if (org.type === 'Département' || org.type === 'Région') {
      d.add(16, `${org.type} : grande collectivité`);
    } else if (org.population === null) {
      d.lack('Population');
    } else {
      const points = band(POPULATION_BANDS, org.population);
      const side = org.population >= POPULATION_THRESHOLD ? '≥' : '<';
      d.add(
        points,
        `${org.type} de ${frenchInteger(org.population)} habitants (${side} ${frenchInteger(POPULATION_THRESHOLD)})`,
      );
    }
    if (org.type === 'Commune' && org.epci.trim() !== '') {
      d.add(2, `Membre de l’EPCI ${org.epci.trim()}`);
    }
    return d.build();
  }
  if (org.effectif === null) d.lack('Effectif');
  else
    d.add(band(STAFF_BANDS, org.effectif), `Entreprise de ${frenchInteger(org.effectif)} salariés`);
  if (org.type === 'Entreprise RSE') d.add(2, 'Entreprise engagée RSE');
  return d.build();
}

function band(bands: ReadonlyArray<readonly [number, number]>, value: number): number {
  for (const [min, points] of bands) if (value >= min) return points;
  return 0;
}
