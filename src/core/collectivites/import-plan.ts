/**
 * What an import of collectivités adds to Organisations: the ones the filters select whose SIREN
 * the tab does not hold yet. Archived records count as held — a collectivité a user archived was
 * set aside on purpose and must not come back with the next import.
 */
import { normalizeSiren } from '../validation/company-ids';
import type { CellValue } from '../text/sheet-safe';
import { matchesFilters, type CollectivitesFilters } from './filters';
import type { Collectivite, Territories } from './universe';

/** An Organisations row as the import sees it: its SIREN cell and whether it is archived. */
export interface ExistingOrganisation {
  readonly siren: unknown;
  readonly archived: boolean;
}

export interface CollectivitesPlan {
  /** Collectivités the filters select, present or not. */
  readonly matching: number;
  /** The ones to add, each département's EPCI first, then its communes, largest first. */
  readonly toAdd: readonly Collectivite[];
  /** Selected but already in Organisations (archived ones included). */
  readonly alreadyPresent: number;
  /** Of those, the ones held only by archived records. */
  readonly alreadyArchived: number;
  /** Bundled collectivités the filters leave out. */
  readonly skippedByFilter: number;
}

export function planCollectivitesImport(
  universe: readonly Collectivite[],
  filters: CollectivitesFilters,
  existing: readonly ExistingOrganisation[],
): CollectivitesPlan {
  // SIREN → held by an active record; a SIREN held by both kinds of record counts as active.
  const held = new Map<string, boolean>();
  for (const row of existing) {
    const siren = sirenKey(row.siren);
    if (siren !== null) held.set(siren, (held.get(siren) ?? false) || !row.archived);
  }
  const toAdd: Collectivite[] = [];
  let matching = 0;
  let alreadyPresent = 0;
  let alreadyArchived = 0;
  const planned = new Set<string>();
  for (const c of universe) {
    if (!matchesFilters(c, filters)) continue;
    matching++;
    const active = held.get(c.siren);
    if (active !== undefined || planned.has(c.siren)) {
      alreadyPresent++;
      if (active === false) alreadyArchived++;
      continue;
    }
    planned.add(c.siren);
    toAdd.push(c);
  }
  toAdd.sort(
    (a, b) =>
      a.departement.localeCompare(b.departement) ||
      (a.kind === b.kind ? 0 : a.kind === 'EPCI' ? -1 : 1) ||
      b.population - a.population ||
      a.siren.localeCompare(b.siren),
  );
  return {
    matching,
    toAdd,
    alreadyPresent,
    alreadyArchived,
    skippedByFilter: universe.length - matching,
  };
}

/**
 * A SIREN cell as the 9 digits Etalab uses: users type "213 502 388", and a column Sheets
 * formatted as numbers has dropped leading zeros. Anything that is not a valid SIREN matches
 * nothing, since every bundled SIREN is valid.
 */
export function sirenKey(cell: unknown): string | null {
  const normalized = normalizeSiren(cell);
  return normalized.ok ? normalized.value : null;
}

/**
 * The Organisations fields of an imported collectivité, by schema key. An EPCI names itself in
 * the EPCI column, so that filtering that column shows an EPCI with its member communes.
 */
export function collectiviteFields(
  c: Collectivite,
  territories: Territories,
  note: string,
): Record<string, CellValue> {
  const region = territories.regions.find(([code]) => code === c.region)?.[1] ?? c.region;
  return {
    nom: c.nom,
    type: c.kind,
    siren: c.siren,
    population: c.population,
    ville: c.kind === 'Commune' ? c.nom : '',
    codePostal: c.codePostal,
    departement: c.departement,
    region,
    epci: c.kind === 'EPCI' ? c.nom : c.epci,
    source: 'Import',
    notes: note,
  };
}
