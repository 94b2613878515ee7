/**
 * Sends the tender alerts of a watch run: one HTML email to the report recipients (Parametres
 * `rapports.destinataires`), and the same content to the Slack and Make.com webhooks when their
 * URLs are set (script properties, entered through the settings dialog). A channel that fails is
 * reported in the run's summary and the Journal; it never stops the watch or the other channels.
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

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SENT_LOG_PROPERTY = 'crm.boamp.alertes.v1';
export const SLACK_WEBHOOK_PROPERTY = 'SLACK_WEBHOOK_URL';
export const MAKE_WEBHOOK_PROPERTY = 'MAKE_WEBHOOK_URL';

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
  const recipients = (settings.get('rapports.destinataires') ?? '')
    .split(/[,;\s]+/)
    .map((r) => r.trim())
    .filter((r) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r));
  if (recipients.length > 0) {
    try {
      const email = alertEmail(alerts, spreadsheet.getUrl());
      MailApp.sendEmail({
        to: recipients.join(','),
        subject: email.subject,
        htmlBody: email.html,
        body: email.text,
        name: 'CRM UTPLA',
      });
      sentTo.push(`email (${recipients.length} destinataire${recipients.length > 1 ? 's' : ''})`);
    } catch (error) {
      failures.push(`Email d’alerte non envoyé : ${message(error)}`);
    }
  }
  const scriptProperties = PropertiesService.getScriptProperties();
  const slack = scriptProperties.getProperty(SLACK_WEBHOOK_PROPERTY);
  if (slack) {
    const failure = post(slack, alertSlackPayload(alerts), 'Slack');
    if (failure) failures.push(failure);
    else sentTo.push('Slack');
  }
  const make = scriptProperties.getProperty(MAKE_WEBHOOK_PROPERTY);
  if (make) {
    const results = alerts.map((alert) =>
      post(make, alertMakeEvent(alert, at.toISOString()), 'Make.com'),
    );
    const failed = results.filter((r): r is string => r !== null);
    if (failed.length > 0) failures.push(failed[0] as string);
    else sentTo.push('Make.com');
  }
  // Marked as sent even when a channel failed: the failure is reported, and retrying every run
  // would flood the channels that worked.
  const keepSince = dayKey(addDays(local, -365));
  properties?.setProperty(
    SENT_LOG_PROPERTY,
    JSON.stringify(recordSent(sent, alerts, day, keepSince)),
  );
  return { alerts: alerts.length, sentTo, failures };
}

function post(url: string, payload: unknown, channel: string): string | null {
  try {
    const response = UrlFetchApp.fetch(url, {
      method: 'post',
      contentType: 'application/json',
      payload: JSON.stringify(payload),
      muteHttpExceptions: true,
    });
    const code = response.getResponseCode();
    // The webhook URL is a secret: the message names the channel, never the URL.
    return code >= 200 && code < 300 ? null : `Alerte ${channel} refusée (HTTP ${code}).`;
  } catch (error) {
    return `Alerte ${channel} non envoyée : ${message(error)}`;
  }
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

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
