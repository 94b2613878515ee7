/**
 * Monthly credit budgets of the paid enrichment APIs (Parametres `apollo.credits_mensuels`,
 * `hunter.credits_mensuels`). The APIs bill per result — Apollo 1 credit per person or company
 * found and nothing for a miss, Hunter 0.5 per verification and 1 per address found
 * (shared/apis/SUMMARY.md) — so a run reserves the worst case of what it is about to send and
 * sends no more than the budget left allows: it stops *before* exceeding, never after. What is
 * actually billed is counted per calendar month (Europe/Paris) in document properties, so a new
 * month starts at zero without a reset job.
 */
import { usageMonth } from '../claude/budget';
import { frenchInteger } from '../scoring/french-number';
import { parseIntegerSetting } from '../settings/defaults';

export type CreditService = 'apollo' | 'hunter';

export const CREDIT_SETTINGS: Readonly<Record<CreditService, string>> = {
  apollo: 'apollo.credits_mensuels',
  hunter: 'hunter.credits_mensuels',
};

export const DEFAULT_MONTHLY_CREDITS: Readonly<Record<CreditService, number>> = {
  apollo: 1000,
  hunter: 500,
};

export const SERVICE_NAMES: Readonly<Record<CreditService, string>> = {
  apollo: 'Apollo',
  hunter: 'Hunter',
};

/** Credits billed per unit of work, at worst. */
export const CREDIT_COST = {
  /** people/match, bulk_match per person, organizations/enrich: 0 when nothing is found. */
  apolloMatch: 1,
  /** Hunter's Email Verifier. */
  hunterVerification: 0.5,
  /** Hunter's Email Finder: charged only when an address is found. */
  hunterFinder: 1,
} as const;

export interface CreditUsage {
  /** Credits billed this month (halves for Hunter's verifications). */
  readonly used: number;
  readonly calls: number;
}

export const NO_CREDITS_USED: CreditUsage = { used: 0, calls: 0 };

export { usageMonth as creditMonth };

export function creditPropertyKey(service: CreditService, month: string): string {
  return `crm.credits.${service}.${month}`;
}

/** A corrupt value counts as nothing used rather than blocking the service for the month. */
export function parseCreditUsage(raw: string | null): CreditUsage {
  if (raw === null || raw === '') return NO_CREDITS_USED;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
    return { used: n(value.used), calls: n(value.calls) };
  } catch {
    return NO_CREDITS_USED;
  }
}

export function addCredits(usage: CreditUsage, credits: number, calls: number): CreditUsage {
  return { used: usage.used + Math.max(0, credits), calls: usage.calls + Math.max(0, calls) };
}

export function budgetFromSettings(
  settings: ReadonlyMap<string, string>,
  service: CreditService,
): number {
  return parseIntegerSetting(
    settings.get(CREDIT_SETTINGS[service]),
    DEFAULT_MONTHLY_CREDITS[service],
    0,
    10_000_000,
  );
}

export function remainingCredits(usage: CreditUsage, budget: number): number {
  return Math.max(0, budget - usage.used);
}

/** How many units of `unitCost` credits fit in what is left: a batch is cut to this. */
export function affordableUnits(usage: CreditUsage, budget: number, unitCost: number): number {
  if (unitCost <= 0) return Number.MAX_SAFE_INTEGER;
  // Hunter bills halves: add a little before flooring so 1.5 / 0.5 is 3, not 2.999…
  return Math.max(0, Math.floor(remainingCredits(usage, budget) / unitCost + 1e-9));
}

/** Why the service may not be called at all this month (French), or null. */
export function creditRefusal(
  service: CreditService,
  usage: CreditUsage,
  budget: number,
  unitCost: number,
): string | null {
  const name = SERVICE_NAMES[service];
  const setting = CREDIT_SETTINGS[service];
  if (budget <= 0) return `${name} est désactivé : « ${setting} » vaut 0 dans Paramètres.`;
  if (affordableUnits(usage, budget, unitCost) > 0) return null;
  return `Budget ${name} du mois atteint (${credits(usage.used)} crédits utilisés sur ${credits(budget)}) : plus aucun appel à ${name} jusqu’au 1er du mois prochain, ou augmentez « ${setting} » dans Paramètres.`;
}

/** Why a run stops before its end: the next request would exceed the month's budget. */
export function budgetStopMessage(
  service: CreditService,
  usage: CreditUsage,
  budget: number,
): string {
  const name = SERVICE_NAMES[service];
  return `Budget ${name} du mois atteint avant la fin (${credits(usage.used)} crédits utilisés sur ${credits(budget)}) : enrichissement arrêté pour ne pas le dépasser. Il reprendra le mois prochain, ou augmentez « ${CREDIT_SETTINGS[service]} » dans Paramètres.`;
}

/** Credits as French text: 12, 12,5, 1 000. */
export function credits(value: number): string {
  const whole = Math.floor(value);
  const half = value - whole >= 0.5;
  return half ? `${frenchInteger(whole)},5` : frenchInteger(Math.round(value));
}

/** What the sidebar shows next to an enrichment: what is left of each budget. */
export interface CreditStatus {
  readonly service: CreditService;
  readonly month: string;
  readonly used: number;
  readonly budget: number;
  readonly remaining: number;
}

export function creditStatus(
  service: CreditService,
  month: string,
  usage: CreditUsage,
  budget: number,
): CreditStatus {
  return { service, month, used: usage.used, budget, remaining: remainingCredits(usage, budget) };
}
