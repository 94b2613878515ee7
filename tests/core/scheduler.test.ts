import fc from 'fast-check';
import {
  isJobDue,
  planDispatch,
  recordOutcome,
  MAX_ATTEMPTS_PER_SLOT,
  type JobDefinition,
} from '../../src/core/scheduler/dispatch';
import { addDays, type LocalDateTime } from '../../src/core/scheduler/local-time';
import { currentSlot, describeSchedule } from '../../src/core/scheduler/schedule';

const at = (iso: string): LocalDateTime => {
  // A local wall time written as ISO without zone, e.g. '2026-11-28T07:30'.
  const [date = '', time = '00:00'] = iso.split('T');
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return { year, month, day, hour, minute, weekday: addDays({ year, month, day }, 0).weekday };
};

const daily7: JobDefinition = {
  id: 'veille',
  label: 'Veille',
  priority: 20,
  schedule: { kind: 'daily', hour: 7 },
};
const hourly: JobDefinition = {
  id: 'relances',
  label: 'Relances',
  priority: 30,
  schedule: { kind: 'hourly' },
};
const weekly: JobDefinition = {
  id: 'hebdo',
  label: 'Hebdo',
  priority: 40,
  schedule: { kind: 'weekly', weekday: 1, hour: 8 },
};
const monthly: JobDefinition = {
  id: 'mensuel',
  label: 'Mensuel',
  priority: 50,
  schedule: { kind: 'monthly', day: 31, hour: 8 },
};

describe('currentSlot', () => {
  it('gives the day of the last passed daily hour', () => {
    expect(currentSlot(daily7.schedule, at('2026-11-28T06:59'))).toBe('2026-11-27@7');
    expect(currentSlot(daily7.schedule, at('2026-11-28T07:00'))).toBe('2026-11-28@7');
    expect(currentSlot(daily7.schedule, at('2026-01-01T03:00'))).toBe('2025-12-31@7');
  });

  it('finds the last Monday 8 h for a weekly job', () => {
    // 2026-11-28 is a Saturday.
    expect(currentSlot(weekly.schedule, at('2026-11-28T10:00'))).toBe('2026-11-23@8');
    expect(currentSlot(weekly.schedule, at('2026-11-30T07:00'))).toBe('2026-11-23@8');
    expect(currentSlot(weekly.schedule, at('2026-11-30T08:00'))).toBe('2026-11-30@8');
  });

  it('runs a monthly job set on the 31st on the last day of short months', () => {
    expect(currentSlot(monthly.schedule, at('2026-02-28T09:00'))).toBe('2026-02-28@8');
    expect(currentSlot(monthly.schedule, at('2026-03-15T09:00'))).toBe('2026-02-28@8');
    expect(currentSlot(monthly.schedule, at('2026-01-10T09:00'))).toBe('2025-12-31@8');
  });

  it('never gives a slot in the future', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 23 }),
        (year, month, day, hour, jobHour) => {
          const now = at(
            `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${hour}:00`,
          );
          const slot = currentSlot({ kind: 'daily', hour: jobHour }, now);
          const nowKey = `${now.year}-${String(now.month).padStart(2, '0')}-${String(now.day).padStart(2, '0')}`;
          const [slotDay = ''] = slot.split('@');
          return slotDay < nowKey || (slotDay === nowKey && jobHour <= hour);
        },
      ),
    );
  });
});

describe('dispatch', () => {
  const now = at('2026-11-28T09:10');

  it('runs a never-run job, then not again in the same slot', () => {
    expect(isJobDue(daily7, undefined, now)).toBe(true);
    const state = recordOutcome(
      daily7,
      undefined,
      { status: 'done', summary: 'ok' },
      { iso: 'x', local: now, durationMs: 5 },
    );
    expect(isJobDue(daily7, state, now)).toBe(false);
    expect(isJobDue(daily7, state, at('2026-11-29T07:00'))).toBe(true);
  });

  it('resumes an interrupted run first, whatever its priority', () => {
    const partial = recordOutcome(
      weekly,
      undefined,
      { status: 'partial', summary: '40/100', cursor: '40' },
      { iso: 'x', local: now, durationMs: 5 },
    );
    expect(partial.continuation).toBe('40');
    const order = planDispatch([daily7, hourly, weekly], { hebdo: partial }, now).map((j) => j.id);
    expect(order).toEqual(['hebdo', 'veille', 'relances']);
    const done = recordOutcome(
      weekly,
      partial,
      { status: 'done', summary: '100/100' },
      { iso: 'y', local: now, durationMs: 5 },
    );
    expect(done.continuation).toBeUndefined();
  });

  it('retries a failing slot a bounded number of times, keeping the error', () => {
    let state = undefined;
    for (let i = 0; i < MAX_ATTEMPTS_PER_SLOT; i++) {
      expect(isJobDue(hourly, state, now)).toBe(true);
      state = recordOutcome(
        hourly,
        state,
        { status: 'failed', error: 'BOAMP indisponible' },
        { iso: `t${i}`, local: now, durationMs: 5 },
      );
    }
    expect(state?.lastError).toBe('BOAMP indisponible');
    expect(state?.failures).toBe(MAX_ATTEMPTS_PER_SLOT);
    expect(isJobDue(hourly, state, now)).toBe(false);
    expect(isJobDue(hourly, state, at('2026-11-28T10:00'))).toBe(true);
  });

  it('describes schedules in French', () => {
    expect(describeSchedule(daily7.schedule)).toBe('Tous les jours à 7 h');
    expect(describeSchedule(weekly.schedule)).toBe('Chaque lundi à 8 h');
    expect(describeSchedule({ kind: 'monthly', day: 1, hour: 8 })).toBe(
      'Le 1er de chaque mois à 8 h',
    );
  });
});
