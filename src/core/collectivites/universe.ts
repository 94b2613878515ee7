/**
 * The collectivités the CRM can import: every EPCI and the communes above the bundled floor, from
 * Etalab's administrative data (tools/make-collectivites.ts writes the rows). Decoded only when an
 * import or a preview asks, so the other executions of the add-on never pay for it.
 */
import { DEPARTEMENTS, ETALAB_INFO, REGIONS } from './etalab-territories';
import { COMMUNE_ROWS, EPCI_ROWS } from './etalab-rows';

export const COLLECTIVITE_KINDS = ['Commune', 'EPCI'] as const;
export type CollectiviteKind = (typeof COLLECTIVITE_KINDS)[number];

export interface Collectivite {
  readonly kind: CollectiviteKind;
  readonly siren: string;
  /** The official name: "Brest", "CA du Bassin de Brive". */
  readonly nom: string;
  /** Population municipale (the EPCI's: the sum of its members'). */
  readonly population: number;
  /** Code: "29", "2A", "971". An EPCI's is its most populous member's. */
  readonly departement: string;
  /** Code: "53". */
  readonly region: string;
  /** Name of the EPCI a commune belongs to; '' for an EPCI and for a commune outside any. */
  readonly epci: string;
  /** A commune's first postal code; '' for an EPCI. */
  readonly codePostal: string;
}

export interface Territories {
  /** [code, name] */
  readonly regions: ReadonlyArray<readonly [string, string]>;
  /** [code, name, région code] */
  readonly departements: ReadonlyArray<readonly [string, string, string]>;
}

export const BUNDLED_TERRITORIES: Territories = { regions: REGIONS, departements: DEPARTEMENTS };

/** What the bundled data holds (package version, commune floor, counts). */
export const BUNDLED_DATA_INFO = ETALAB_INFO;

/**
 * The rows as collectivités, EPCI first. Both tables are `;`-separated fields in `|`-separated
 * rows; a commune names its EPCI by its index in the EPCI table.
 */
export function decodeUniverse(
  epciRows: string,
  communeRows: string,
  territories: Territories,
): Collectivite[] {
  const regionOf = new Map(territories.departements.map(([code, , region]) => [code, region]));
  const region = (departement: string, row: string) => {
    const found = regionOf.get(departement);
    if (found === undefined) throw new Error(`Département inconnu dans les données : ${row}`);
    return found;
  };
  const epcis = splitRows(epciRows).map((row): Collectivite => {
    const [siren = '', population = '', departement = '', ...name] = row.split(';');
    return {
      kind: 'EPCI',
      siren,
      nom: name.join(';'),
      population: count(population, row),
      departement,
      region: region(departement, row),
      epci: '',
      codePostal: '',
    };
  });
  const communes = splitRows(communeRows).map((row): Collectivite => {
    const [siren = '', population = '', departement = '', epci = '', codePostal = '', ...name] =
      row.split(';');
    const epciName = epci === '' ? '' : epcis[count(epci, row)]?.nom;
    if (epciName === undefined) throw new Error(`EPCI inconnu dans les données : ${row}`);
    return {
      kind: 'Commune',
      siren,
      nom: name.join(';'),
      population: count(population, row),
      departement,
      region: region(departement, row),
      epci: epciName,
      codePostal,
    };
  });
  return [...epcis, ...communes];
}

let bundled: readonly Collectivite[] | undefined;

/** The bundled collectivités, decoded once per execution. */
export function bundledUniverse(): readonly Collectivite[] {
  bundled ??= decodeUniverse(EPCI_ROWS, COMMUNE_ROWS, BUNDLED_TERRITORIES);
  return bundled;
}

function splitRows(rows: string): string[] {
  return rows === '' ? [] : rows.split('|');
}

function count(text: string, row: string): number {
  if (!/^\d+$/.test(text)) throw new Error(`Nombre illisible dans les données : ${row}`);
  return Number(text);
}
