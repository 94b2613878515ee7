/**
 * Logging an interaction and closing a task, with what follows in the other tabs: the contact's
 * "dernière interaction" and "prochaine action", and a task for the next action (DESIGN.md §3).
 * Each is one session: one lock, each tab read once, one Journal append.
 */
import { CrmError } from '../../core/errors';
import type { RecordDto } from '../api/contract';
import { isDate } from '../../core/text/sheet-safe';
import { CRM_TIME_ZONE } from '../platform/clock';
import { getTab } from '../../core/schema/tabs';
import { dayToDate, recordToDto } from './record-dto';
import { inSession } from './record-session';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The sidebar's interaction form may carry the next action's due day, which becomes a task. */
const NEXT_ACTION_DAY = 'prochaineActionLe';

export function logInteraction(spreadsheet: Spreadsheet, input: RecordDto): RecordDto {
  const { [NEXT_ACTION_DAY]: nextDay, ...fields } = input;
  const day = typeof nextDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(nextDay) ? nextDay : null;
  if (nextDay !== undefined && nextDay !== null && nextDay !== '' && day === null) {
    const message = `Prochaine action le : « ${String(nextDay)} » n'est pas une date valide.`;
    throw new CrmError('VALIDATION', message, NEXT_ACTION_DAY, [
      { field: NEXT_ACTION_DAY, message },
    ]);
  }
  return inSession(spreadsheet, (session) => {
    const interaction = session.create('interactions', {
      ...fields,
      date: fields.date ?? session.at.toISOString(),
    });
    const contactId = String(interaction.contactId ?? '');
    const nextAction =
      typeof interaction.prochaineAction === 'string' ? interaction.prochaineAction : '';
    const contact = session.record('contacts', contactId);
    // The interaction's instant, as a calendar day in Paris (an evening call is that day's).
    const interactionDay = Utilities.formatDate(
      new Date(String(interaction.date ?? session.at.toISOString())),
      CRM_TIME_ZONE,
      'yyyy-MM-dd',
    );
    const lastDay = isDate(contact.derniereInteraction)
      ? Utilities.formatDate(contact.derniereInteraction, CRM_TIME_ZONE, 'yyyy-MM-dd')
      : '';
    const system: Record<string, Date> = {};
    if (lastDay === '' || lastDay < interactionDay) {
      system.derniereInteraction = dayToDate(interactionDay);
    }
    const contactChanges: RecordDto = nextAction
      ? { prochaineAction: nextAction, ...(day ? { prochaineActionLe: day } : {}) }
      : {};
    if (Object.keys(system).length > 0 || Object.keys(contactChanges).length > 0) {
      session.update('contacts', contactId, contactChanges, system);
    }
    if (nextAction && day) {
      session.create('taches', {
        titre: nextAction,
        echeance: day,
        statut: 'À faire',
        priorite: 'Normale',
        origine: 'Manuelle',
        contactId,
        opportuniteId: interaction.opportuniteId ?? null,
      });
    }
    return interaction;
  });
}

/** Marks a task done and leaves a note in the contact's timeline. */
export function completeTask(spreadsheet: Spreadsheet, taskId: string): RecordDto {
  return inSession(spreadsheet, (session) => {
    const current = session.record('taches', taskId);
    // A second click (or a second tab) finds the task done already: nothing more to log.
    if (current.statut === 'Fait') return recordToDto(getTab('taches'), current);
    const task = session.update('taches', taskId, { statut: 'Fait' }, { faiteLe: session.at });
    if (task.contactId) {
      session.create('interactions', {
        contactId: task.contactId,
        opportuniteId: task.opportuniteId ?? null,
        type: 'Note',
        date: session.at.toISOString(),
        objet: `Tâche faite : ${String(task.titre ?? '')}`,
      });
    }
    return task;
  });
}
