/**
 * Which collectivités an import targets: a minimum population, a place (régions and départements,
 * either of which admits a collectivité), and the kinds. The filters arrive from the dialog over
 * google.script.run, so every part is checked and refused with a French message naming it.
 */
import { CrmError } from '../errors';
import { frenchInteger } from '../scoring/french-number';
import {
  COLLECTIVITE_KINDS,
  type Collectivite,
  type CollectiviteKind,
  type Territories,
} from './universe';

export interface CollectivitesFilters {
  /** Inhabitants, inclusive; applies to communes and EPCI alike. */
  readonly minPopulation: number;
  /** Région codes; with `departements`, empty means all of France. */
  readonly regions: readonly string[];
  /** Département codes. */
  readonly departements: readonly string[];
  /** At least one. */
  readonly types: readonly CollectiviteKind[];
}

/** What the dialog proposes first: the target of DESIGN.md §1, everywhere. */
export const DEFAULT_FILTERS: CollectivitesFilters = {
  minPopulation: 5000,
  regions: [],
  departements: [],
  types: ['Commune', 'EPCI'],
};

const MAX_POPULATION = 100_000_000;

export function parseCollectivitesFilters(
  raw: unknown,
  territories: Territories,
): CollectivitesFilters {
  const input: Record<string, unknown> =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw)
      ? (raw as Record<string, unknown>)
      : {};
  const errors: Array<{ field: string; message: string }> = [];
  const refuse = (field: string, message: string) => errors.push({ field, message });

  const minPopulation = populationOf(input.minPopulation);
  if (minPopulation === null) {
    refuse(
      'minPopulation',
      `Population minimale : « ${shown(input.minPopulation)} » n’est pas un nombre entier d’habitants.`,
    );
  }
  const regionCodes = new Set(territories.regions.map(([code]) => code));
  const departementCodes = new Set(territories.departements.map(([code]) => code));
  const regions = codesOf(input.regions, 'regions', 'Régions', regionCodes, refuse);
  const departements = codesOf(
    input.departements,
    'departements',
    'Départements',
    departementCodes,
    refuse,
  );
  // Absent means both (a call from the command line); an empty list is a choice left blank.
  const types = codesOf(
    input.types ?? COLLECTIVITE_KINDS,
    'types',
    'Type',
    new Set<string>(COLLECTIVITE_KINDS),
    refuse,
  ) as CollectiviteKind[];
  if (types.length === 0 && !errors.some((e) => e.field === 'types')) {
    refuse('types', 'Type : choisissez les communes, les EPCI, ou les deux.');
  }
  const first = errors[0];
  if (first) throw new CrmError('VALIDATION', first.message, first.field, errors);
  return {
    minPopulation: minPopulation ?? 0,
    regions,
    departements,
    // In the schema's order whatever order they came in, so that two equal filters compare equal.
    types: COLLECTIVITE_KINDS.filter((kind) => types.includes(kind)),
  };
}

export function matchesFilters(c: Collectivite, filters: CollectivitesFilters): boolean {
  if (c.population < filters.minPopulation || !filters.types.includes(c.kind)) return false;
  if (filters.regions.length === 0 && filters.departements.length === 0) return true;
  return filters.regions.includes(c.region) || filters.departements.includes(c.departement);
}

/** "communes et EPCI d’au moins 5 000 habitants — Bretagne ; 44 Loire-Atlantique" */
export function describeFilters(filters: CollectivitesFilters, territories: Territories): string {
  const kinds =
    filters.types.length === 2
      ? 'communes et EPCI'
      : filters.types[0] === 'EPCI'
        ? 'EPCI'
        : 'communes';
  const size =
    filters.minPopulation > 0
      ? ` d’au moins ${frenchInteger(filters.minPopulation)} habitants`
      : '';
  const regionName = new Map(territories.regions);
  const departementName = new Map(territories.departements.map(([code, name]) => [code, name]));
  const places = [
    ...filters.regions.map((code) => regionName.get(code) ?? code),
    ...filters.departements.map((code) => `${code} ${departementName.get(code) ?? ''}`.trim()),
  ];
  return `${kinds}${size} — ${places.length === 0 ? 'toute la France' : places.join(' ; ')}`;
}

/** A whole number of inhabitants, typed or sent as a number; "5 000" is accepted. */
function populationOf(raw: unknown): number | null {
  if (raw === undefined || raw === null || raw === '') return 0;
  const text =
    typeof raw === 'number'
      ? String(raw)
      : typeof raw === 'string'
        ? raw.replace(/[\s\u00a0\u202f]/g, '')
        : '';
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value <= MAX_POPULATION ? value : null;
}

/** Distinct known codes, in the order given; each unknown one is refused by name. */
function codesOf(
  raw: unknown,
  field: string,
  label: string,
  known: ReadonlySet<string>,
  refuse: (field: string, message: string) => void,
): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    refuse(field, `${label} : une liste est attendue, pas « ${shown(raw)} ».`);
    return [];
  }
  const codes: string[] = [];
  for (const item of raw) {
    const code = typeof item === 'string' || typeof item === 'number' ? String(item).trim() : '';
    if (!known.has(code)) {
      refuse(field, `${label} : « ${shown(item)} » est inconnu.`);
      continue;
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
