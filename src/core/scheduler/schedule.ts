/**
 * When a job should run. An editor add-on gets a single hourly clock trigger (DESIGN.md §5), so
 * every schedule is expressed as "slots": the most recent slot start that has passed. A job is due
 * when it has not completed the current slot — which also catches up a slot missed while the
 * trigger was off.
 */
import { addDays, dayKey, daysInMonth, type LocalDateTime } from './local-time';

export type Schedule =
  | { readonly kind: 'hourly' }
  | { readonly kind: 'daily'; readonly hour: number }
  | { readonly kind: 'weekly'; readonly weekday: number; readonly hour: number }
  | { readonly kind: 'monthly'; readonly day: number; readonly hour: number };

/** Identifier of the most recent slot whose start is at or before `now`. */
export function currentSlot(schedule: Schedule, now: LocalDateTime): string {
  switch (schedule.kind) {
    case 'hourly':
      return `${dayKey(now)}T${String(now.hour).padStart(2, '0')}`;
    case 'daily': {
      const day = now.hour >= schedule.hour ? now : addDays(now, -1);
      return `${dayKey(day)}@${schedule.hour}`;
    }
    case 'weekly': {
      let back = (now.weekday - schedule.weekday + 7) % 7;
      if (back === 0 && now.hour < schedule.hour) back = 7;
      return `${dayKey(addDays(now, -back))}@${schedule.hour}`;
    }
    case 'monthly': {
      const thisMonth = monthlySlotDay(now.year, now.month, schedule.day);
      const passed = now.day > thisMonth || (now.day === thisMonth && now.hour >= schedule.hour);
      if (passed)
        return `${dayKey({ year: now.year, month: now.month, day: thisMonth })}@${schedule.hour}`;
      const year = now.month === 1 ? now.year - 1 : now.year;
      const month = now.month === 1 ? 12 : now.month - 1;
      return `${dayKey({ year, month, day: monthlySlotDay(year, month, schedule.day) })}@${schedule.hour}`;
    }
  }
}

/** A monthly job set on the 31st runs on the last day of shorter months. */
function monthlySlotDay(year: number, month: number, day: number): number {
  return Math.min(day, daysInMonth(year, month));
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** The schedule in French, for the sidebar. */
export function describeSchedule(schedule: Schedule): string {
  switch (schedule.kind) {
    case 'hourly':
      return 'Toutes les heures';
    case 'daily':
      return `Tous les jours à ${schedule.hour} h`;
    case 'weekly':
      return `Chaque ${WEEKDAYS[schedule.weekday - 1] ?? 'lundi'} à ${schedule.hour} h`;
    case 'monthly':
      return `Le ${schedule.day === 1 ? '1er' : schedule.day} de chaque mois à ${schedule.hour} h`;
  }
}
