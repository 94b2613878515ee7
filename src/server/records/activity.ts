/**
 * Logging an interaction and closing a task, with what follows in the other tabs: the contact's
 * "dernière interaction" and "prochaine action", and a task for the next action (DESIGN.md §3).
 */
import { CrmError } from '../../core/errors';
import type { RecordDto } from '../api/contract';
import { now } from '../platform/clock';
import { dayToDate } from './record-dto';
import { createRecord, getRecord, updateRecord } from './record-service';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The sidebar's interaction form may carry the next action's due day, which becomes a task. */
const NEXT_ACTION_DAY = 'prochaineActionLe';

export function logInteraction(spreadsheet: Spreadsheet, input: RecordDto): RecordDto {
  const { [NEXT_ACTION_DAY]: nextDay, ...fields } = input;
  const interaction = createRecord(spreadsheet, 'interactions', {
    ...fields,
    date: fields.date ?? now().toISOString(),
  });
  const contactId = String(interaction.contactId ?? '');
  const nextAction =
    typeof interaction.prochaineAction === 'string' ? interaction.prochaineAction : '';
  const day = typeof nextDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(nextDay) ? nextDay : null;
  if (nextDay !== undefined && nextDay !== null && nextDay !== '' && day === null) {
    const message = `Prochaine action le : « ${String(nextDay)} » n'est pas une date valide.`;
    throw new CrmError('VALIDATION', message, NEXT_ACTION_DAY, [
      { field: NEXT_ACTION_DAY, message },
    ]);
  }
  const contact = getRecord(spreadsheet, 'contacts', contactId);
  const interactionDay = String(interaction.date ?? '').slice(0, 10);
  const system: Record<string, Date | string> = {};
  if (!contact.derniereInteraction || String(contact.derniereInteraction) < interactionDay) {
    system.derniereInteraction = dayToDate(interactionDay);
  }
  const contactChanges: RecordDto = nextAction
    ? { prochaineAction: nextAction, ...(day ? { prochaineActionLe: day } : {}) }
    : {};
  if (Object.keys(system).length > 0 || Object.keys(contactChanges).length > 0) {
    updateRecord(spreadsheet, 'contacts', contactId, contactChanges, system);
  }
  if (nextAction && day) {
    createRecord(spreadsheet, 'taches', {
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
}

/** Marks a task done and leaves a note in the contact's timeline. */
export function completeTask(spreadsheet: Spreadsheet, taskId: string): RecordDto {
  const task = updateRecord(spreadsheet, 'taches', taskId, { statut: 'Fait' }, { faiteLe: now() });
  if (task.contactId) {
    createRecord(spreadsheet, 'interactions', {
      contactId: task.contactId,
      opportuniteId: task.opportuniteId ?? null,
      type: 'Note',
      date: now().toISOString(),
      objet: `Tâche faite : ${String(task.titre ?? '')}`,
    });
  }
  return task;
}
