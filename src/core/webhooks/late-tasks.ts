/**
 * « Tâche en retard » is announced once per task: on the first daily run after its due date.
 * Remembering every announced task would outgrow the document's properties, so the job keeps a
 * watermark instead — the last due day it has announced — and each run takes the tasks due
 * after it and before today. A task moved to a later date and missed again is late again, and
 * announced again (its event id carries the due date).
 */
import { daysBetween } from '../scoring/calendar-days';
import { addDays, dayKey } from '../scheduler/local-time';

export interface TaskForLateCheck {
  readonly id: string;
  /** `yyyy-MM-dd`, '' when the task has none. */
  readonly echeance: string;
  readonly statut: string;
  readonly etat: string;
}

export interface LateTask<T extends TaskForLateCheck> {
  readonly task: T;
  readonly daysLate: number;
}

export const CLOSED_TASK_STATUSES: readonly string[] = ['Fait', 'Annulée'];

export function lateTasksToAnnounce<T extends TaskForLateCheck>(
  tasks: readonly T[],
  options: {
    /** `yyyy-MM-dd`, the CRM's today. */
    readonly today: string;
    /** Last due day already announced; null before the first run. */
    readonly watermark: string | null;
    /** On the first run, how far back a due date may be and still be announced. */
    readonly firstRunDays: number;
  },
): { readonly late: LateTask<T>[]; readonly watermark: string } {
  const yesterday = shiftDay(options.today, -1);
  const after =
    options.watermark ?? shiftDay(options.today, -Math.max(1, options.firstRunDays) - 1);
  const late = tasks
    .filter(
      (t) =>
        /^\d{4}-\d{2}-\d{2}$/.test(t.echeance) &&
        t.echeance > after &&
        t.echeance <= yesterday &&
        !CLOSED_TASK_STATUSES.includes(t.statut) &&
        t.etat !== 'Archivé',
    )
    .map((task) => ({ task, daysLate: daysBetween(task.echeance, options.today) }))
    .sort(
      (a, b) =>
        a.task.echeance.localeCompare(b.task.echeance) || a.task.id.localeCompare(b.task.id),
    );
  // A clock moved back must not make the job announce the same days twice.
  const watermark =
    options.watermark !== null && options.watermark > yesterday ? options.watermark : yesterday;
  return { late, watermark };
}

function shiftDay(day: string, n: number): string {
  const [year = 1970, month = 1, d = 1] = day.split('-').map(Number);
  return dayKey(addDays({ year, month, day: d }, n));
}
