/**
 * Sends the tender alerts of a watch run: one HTML email to the report recipients (Parametres
 * `rapports.destinataires`), and the `ao.pertinent` event through the webhook module — one Make.com
 * post per notice, one Slack digest for the run when Slack takes tender alerts
 * (`slack.evenements`), each post journaled with its event id. A channel that fails is reported
 * in the run's summary; its posts stay in the outbox and the hourly job sends them again.
 * Nothing here stops the watch.
 */
import {
  alertEmail,
  alertMakeEvent,
  alertSlackPayload,
  recordSent,
  tendersToAlert,
  type TenderForAlert,
} from '../../core/boamp/alerts';
import { addDays, dayKey } from '../../core/scheduler/local-time';
import { now, toLocalDateTime } from '../platform/clock';
import type { Settings } from '../settings/settings-reader';
import { sendReportMail } from '../platform/report-mail';
import { emitEvents } from '../webhooks/emitter';

export { MAKE_WEBHOOK_PROPERTY, SLACK_WEBHOOK_PROPERTY } from '../../core/webhooks/channels';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SENT_LOG_PROPERTY = 'crm.boamp.alertes.v1';

export interface AlertReport {
  readonly alerts: number;
  /** Channels used, and one French line per channel that failed. */
  readonly sentTo: readonly string[];
  readonly failures: readonly string[];
}

export function sendTenderAlerts(
  spreadsheet: Spreadsheet,
  settings: Settings,
  tenders: readonly TenderForAlert[],
): AlertReport {
  const at = now();
  const local = toLocalDateTime(at);
  const day = dayKey(local);
  const properties = PropertiesService.getDocumentProperties();
  const sent = parseLog(properties?.getProperty(SENT_LOG_PROPERTY) ?? null);
  const urgentDays = Number(settings.get('boamp.jours_alerte_echeance') ?? '7') || 7;
  const alerts = tendersToAlert(tenders, { day, nowMs: at.getTime() }, sent, urgentDays);
  if (alerts.length === 0) return { alerts: 0, sentTo: [], failures: [] };
  const sentTo: string[] = [];
  const failures: string[] = [];
  const mail = sendReportMail(
    settings,
    () => alertEmail(alerts, spreadsheet.getUrl()),
    'Email d’alerte non envoyé',
  );
  if (mail.sentTo) sentTo.push(mail.sentTo);
  if (mail.failure) failures.push(mail.failure);
  const webhooks = emitEvents(
    spreadsheet,
    alerts.map((alert) => alertMakeEvent(alert, at.toISOString(), day)),
    { settings, slack: alertSlackPayload(alerts) },
  );
  sentTo.push(...webhooks.sentTo);
  failures.push(...webhooks.failures.map((f) => `Alerte ${f}`));
  // Marked as sent even when a channel failed: the failure is reported, and retrying every run
  // would flood the channels that worked.
  const keepSince = dayKey(addDays(local, -365));
  properties?.setProperty(
    SENT_LOG_PROPERTY,
    JSON.stringify(recordSent(sent, alerts, day, keepSince)),
  );
  return { alerts: alerts.length, sentTo, failures };
}

function parseLog(raw: string | null): Record<string, string> {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
