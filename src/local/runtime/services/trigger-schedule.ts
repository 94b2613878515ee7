/**
 * When a stored time-driven trigger fires next — a pure helper for the local server's clock and
 * for tests that move the clock. Apps Script fires `everyMinutes/everyHours` on the period from
 * creation, `everyDays/everyWeeks` with `atHour`/`nearMinute`/`onWeekDay` at that local time,
 * and `at(date)` / `after(ms)` once (developers.google.com/apps-script/reference/script/
 * clock-trigger-builder). A trigger that missed several periods fires once, not once per period.
 */
import type { StoredTrigger } from '../env';
import { resolveZone, zonedFields, zonedToEpoch } from './support/time-zone';

const DAY_MS = 86_400_000;
const ISO_WEEKDAYS: Record<string, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

/** Epoch ms of the next firing, or null when the trigger never fires again (or is not a clock). */
export function nextFireTime(trigger: StoredTrigger, timeZone = 'UTC'): number | null {
  if (trigger.eventType !== 'CLOCK') return null;
  if (trigger.atIso !== undefined) {
    return trigger.lastFiredIso === undefined ? Date.parse(trigger.atIso) : null;
  }
  if (trigger.everyMs <= 0) return null;
  const base = Date.parse(trigger.lastFiredIso ?? trigger.createdIso);
  if (trigger.atHour === undefined && trigger.weekDay === undefined) return base + trigger.everyMs;

  // Daily or weekly at a local hour: the first matching local time after the threshold. After a
  // firing, wait most of a period so that a late firing does not fire again the same day.
  const zone = resolveZone(timeZone);
  const threshold = trigger.lastFiredIso === undefined ? base : base + trigger.everyMs - DAY_MS / 2;
  const weekday = trigger.weekDay === undefined ? undefined : ISO_WEEKDAYS[trigger.weekDay];
  const start = zonedFields(threshold, zone);
  for (let i = 0; i <= 8 + trigger.everyMs / DAY_MS; i++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    const candidate = zonedToEpoch(
      zone,
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      trigger.atHour ?? 0,
      trigger.nearMinute ?? 0,
    );
    if (candidate <= threshold) continue;
    if (weekday !== undefined && zonedFields(candidate, zone).isoWeekday !== weekday) continue;
    return candidate;
  }
  return null;
}

/** The time-driven triggers whose next firing time is at or before `now`. */
export function dueTriggers(
  triggers: readonly StoredTrigger[],
  now: Date,
  timeZone = 'UTC',
): StoredTrigger[] {
  return triggers.filter((t) => {
    const next = nextFireTime(t, timeZone);
    return next !== null && next <= now.getTime();
  });
}
