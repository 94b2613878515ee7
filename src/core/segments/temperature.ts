/**
 * Temperature of a lead (DESIGN.md §4): chaud / tiède / froid from engagement and recency, and
 * "inactif" once the relationship has gone quiet for longer than the Parametres delay. Someone
 * never contacted is cold, not inactive: there is nothing to revive.
 */
import { daysBetween } from '../scoring/calendar-days';
import type { InteractionFacts } from '../scoring/icp-types';
import type { TEMPERATURES } from '../schema/enums';

export type Temperature = (typeof TEMPERATURES)[number];

export interface TemperatureRules {
  /** Days without interaction after which a lead is "Inactif" (Parametres, 30 by default). */
  readonly inactiveAfterDays: number;
}

/** Recent inbound contact, or sustained two-way exchanges, make a lead hot. */
const HOT_REPLY_DAYS = 14;
const WARM_DAYS = 30;
const HOT_EXCHANGES = 3;

export function temperatureOf(
  interactions: readonly InteractionFacts[],
  today: string,
  rules: TemperatureRules,
  advancedDeal = false,
): Temperature {
  const past = interactions.filter((i) => i.day !== '' && i.day <= today);
  if (past.length === 0) return 'Froid';
  const ages = past.map((i) => ({ i, age: daysBetween(i.day, today) }));
  const latest = Math.min(...ages.map((a) => a.age));
  if (latest > rules.inactiveAfterDays) return 'Inactif';
  const inbound = (i: InteractionFacts) => i.direction === 'Entrant' || i.type === 'Email reçu';
  const recentReply = ages.some((a) => inbound(a.i) && a.age <= HOT_REPLY_DAYS);
  const lastMonth = ages.filter((a) => a.age <= WARM_DAYS);
  const exchanges = lastMonth.length >= HOT_EXCHANGES && lastMonth.some((a) => inbound(a.i));
  if (recentReply || exchanges || (advancedDeal && lastMonth.length > 0)) return 'Chaud';
  return latest <= WARM_DAYS ? 'Tiède' : 'Froid';
}
