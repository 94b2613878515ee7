/** Size bands users filter on: population for a collectivité, staff for a company. */
import { frenchInteger } from '../scoring/french-number';
import { orgKind } from '../scoring/org-kind';

const POPULATION_BANDS = [0, 2_000, 5_000, 20_000, 100_000] as const;
const STAFF_BANDS = [0, 10, 50, 250, 1_000] as const;

export function sizeBand(type: string, population: number | null, staff: number | null): string {
  const kind = orgKind(type);
  if (kind === 'collectivite' && population !== null)
    return band(POPULATION_BANDS, population, 'hab.');
  if (kind === 'entreprise' && staff !== null) return band(STAFF_BANDS, staff, 'sal.');
  return '';
}

function band(bounds: readonly number[], value: number, unit: string): string {
  let index = 0;
  while (index + 1 < bounds.length && value >= (bounds[index + 1] as number)) index += 1;
  const low = bounds[index] as number;
  const high = bounds[index + 1];
  if (high === undefined) return `${frenchInteger(low)} ${unit} et plus`;
  return `${frenchInteger(low)}–${frenchInteger(high - 1)} ${unit}`;
}
