/**
 * The dispatcher's webhook jobs: every hour, the outbox's posts whose next attempt has come; every
 * day, the tasks that went past their due date since the last run, announced once each.
 */
import { getTab } from '../../core/schema/tabs';
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { addDays, dayKey } from '../../core/scheduler/local-time';
import { parseIntegerSetting } from '../../core/settings/defaults';
import { isDate } from '../../core/text/sheet-safe';
import {
  SLACK_WEBHOOK_PROPERTY,
  makeUrlFor,
  slackEventsFromSettings,
} from '../../core/webhooks/channels';
import { lateTaskEvent, type JsonRecord } from '../../core/webhooks/events';
import { lateTasksToAnnounce } from '../../core/webhooks/late-tasks';
import { CRM_TIME_ZONE, now, toLocalDateTime } from '../platform/clock';
import { readActiveWhere } from '../records/crm-snapshot';
import { dayToDate, recordToDto } from '../records/record-dto';
import { readSettings } from '../settings/settings-reader';
import { deliverPending, emitEvents } from '../webhooks/emitter';
import type { JobContext } from './job';

export function runWebhookRetries(context: JobContext): JobOutcome {
  return deliverPending(context.spreadsheet, context.deadlineMs);
}

const WATERMARK_PROPERTY = 'crm.webhooks.taches_en_retard.jusqua';

export function runLateTasks(context: JobContext): JobOutcome {
  const { spreadsheet } = context;
  const settings = readSettings(spreadsheet);
  const properties = PropertiesService.getDocumentProperties();
  const watermark = properties?.getProperty(WATERMARK_PROPERTY) ?? null;
  const local = toLocalDateTime(now());
  const today = dayKey(local);
  const firstRunDays = parseIntegerSetting(
    settings.get('webhooks.jours_retard_premier_envoi'),
    7,
    1,
    365,
  );
  const secrets = PropertiesService.getScriptProperties().getProperties();
  const toMake = makeUrlFor('tache.en_retard', (n) => secrets[n] ?? null) !== null;
  const toSlack =
    Boolean(secrets[SLACK_WEBHOOK_PROPERTY]?.trim()) &&
    slackEventsFromSettings(settings).has('tache.en_retard');
  const from = watermark ?? dayKey(addDays(local, -firstRunDays - 1));
  if (!toMake && !toSlack) {
    // Days pass without a channel: when one is set, only the tasks late from then on are sent.
    properties?.setProperty(WATERMARK_PROPERTY, dayKey(addDays(local, -1)));
    return {
      status: 'done',
      summary: 'Aucun webhook Make.com ni Slack pour les tâches en retard.',
    };
  }
  // Only the rows whose due date is in the window are read in full: a Date comparison on the
  // key columns, the exact day check is core's.
  const startMs = dayToDate(from).getTime();
  const endMs = dayToDate(today).getTime() + 86_400_000;
  const rows = readActiveWhere(spreadsheet, 'taches', ['echeance', 'statut'], (k) => {
    const due = k.echeance;
    return isDate(due) && due.getTime() >= startMs && due.getTime() < endMs;
  });
  const tasks = rows.map((row) => ({
    record: row,
    id: String(row.id ?? ''),
    echeance: isDate(row.echeance)
      ? Utilities.formatDate(row.echeance, CRM_TIME_ZONE, 'yyyy-MM-dd')
      : '',
    statut: String(row.statut ?? ''),
    etat: String(row.etat ?? ''),
  }));
  const { late, watermark: next } = lateTasksToAnnounce(tasks, { today, watermark, firstRunDays });
  if (late.length === 0) {
    properties?.setProperty(WATERMARK_PROPERTY, next);
    return { status: 'done', summary: 'Aucune tâche passée en retard depuis le dernier passage.' };
  }
  const contactIds = new Set(
    late.map((l) => String(l.task.record.contactId ?? '')).filter((id) => id !== ''),
  );
  const contacts = new Map<string, JsonRecord>();
  if (contactIds.size > 0) {
    for (const contact of readActiveWhere(spreadsheet, 'contacts', [], (k) =>
      contactIds.has(String(k.id ?? '')),
    ))
      contacts.set(String(contact.id), recordToDto(getTab('contacts'), contact));
  }
  const atIso = now().toISOString();
  const events = late.map((l) =>
    lateTaskEvent({
      task: recordToDto(getTab('taches'), l.task.record),
      contact: contacts.get(String(l.task.record.contactId ?? '')) ?? null,
      daysLate: l.daysLate,
      atIso,
    }),
  );
  const report = emitEvents(spreadsheet, events, { settings });
  // The watermark moves even when a post failed: the outbox retries it, a second announcement
  // would not help.
  properties?.setProperty(WATERMARK_PROPERTY, next);
  const where = report.sentTo.length > 0 ? ` (${report.sentTo.join(', ')})` : '';
  const queued = report.queued > 0 ? `, ${report.queued} envoi(s) à réessayer` : '';
  return {
    status: 'done',
    summary: `${late.length} tâche(s) passée(s) en retard annoncée(s)${where}${queued}.`,
  };
}
