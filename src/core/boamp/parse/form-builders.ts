/**
 * Small constructors shared by the form parsers: each returns null rather than an object of
 * nulls, so "the notice says nothing" reads the same in every form.
 */
import type {
  AwardCriterion,
  Duration,
  Money,
  TenderLot,
  ValueEstimate,
  Winner,
} from './details-types';

export function valueEstimate(
  amount: number | null,
  min: number | null,
  max: number | null,
  currency: string | null,
): ValueEstimate | null {
  if (amount === null && min === null && max === null) return null;
  return { amount, min, max, currency };
}

export function duration(
  months: number | null,
  days: number | null,
  start: string | null,
  end: string | null,
): Duration | null {
  if (months === null && days === null && start === null && end === null) return null;
  return { months, days, start, end };
}

export function pushUnique(list: string[], value: string | null): void {
  if (value !== null && !list.includes(value)) list.push(value);
}

export function uniqueCriteria(criteria: readonly AwardCriterion[]): AwardCriterion[] {
  const seen = new Set<string>();
  return criteria.filter((c) => {
    const key = `${c.label.toLowerCase()}|${c.weight ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The sum of amounts when all are known and share a currency; else null. */
export function sumOf(amounts: ReadonlyArray<Money | null>): Money | null {
  if (amounts.length === 0 || amounts.some((a) => a === null)) return null;
  const known = amounts as Money[];
  const currency = known[0]?.currency ?? null;
  if (known.some((a) => a.currency !== currency)) return null;
  return { amount: round2(known.reduce((s, a) => s + a.amount, 0)), currency };
}

/** A notice-level value from its lots', when every lot gives a single amount. */
export function valueFromLots(lots: readonly TenderLot[]): ValueEstimate | null {
  if (lots.length === 0) return null;
  const total = sumOf(
    lots.map((l) =>
      l.value && l.value.amount !== null
        ? { amount: l.value.amount, currency: l.value.currency }
        : null,
    ),
  );
  return total === null ? null : valueEstimate(total.amount, null, null, total.currency);
}

export function winner(
  name: string | null,
  ids: { siret: string | null; siren: string | null },
  town: string | null,
  lot: string | null,
): Winner | null {
  return name === null ? null : { name, siret: ids.siret, siren: ids.siren, town, lot };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
