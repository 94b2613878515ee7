/**
 * The alert in its three forms: an HTML email (French, escaped, with links), the Slack message
 * (text fallback and blocks, mrkdwn escaped), and the versioned JSON event for Make.com. Every
 * value comes from outside (BOAMP, the sheet) and is escaped for the form it goes into.
 */
import { escapeHtml, escapeSlack } from '../../text/html-escape';
import { makeEvent, tenderEventId, type CrmEvent } from '../../webhooks/events';
import type { SlackMessage } from '../../webhooks/slack-messages';
import type { TenderAlert } from './tender-alerts';

export interface AlertEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function alertEmail(alerts: readonly TenderAlert[], spreadsheetUrl: string): AlertEmail {
  const urgent = alerts.filter((a) => a.reasons.includes('echeance')).length;
  const core = alerts.filter((a) => a.reasons.includes('coeur')).length;
  const parts = [
    core > 0 ? `${core} avis cœur de métier` : '',
    urgent > 0 ? `${urgent} échéance${urgent > 1 ? 's' : ''} sous 7 jours` : '',
  ].filter((p) => p !== '');
  const subject = `[CRM UTPLA] Appels d’offres : ${parts.join(', ')}`;
  const items = alerts.map((a) => {
    const t = a.tender;
    const why = reasonText(a);
    const link = t.url
      ? ` — <a href="${escapeHtml(t.url)}">voir l’avis ${escapeHtml(t.idweb)}</a>`
      : '';
    const deal = t.opportunity
      ? `<br>Opportunité ${escapeHtml(t.opportunity.id)} « ${escapeHtml(t.opportunity.titre)} » (${escapeHtml(t.opportunity.etape)})`
      : '';
    const words = t.matched ? `<br>Mots trouvés : ${escapeHtml(t.matched)}` : '';
    return `<li><strong>${escapeHtml(why)}</strong> — ${escapeHtml(t.objet)}<br>Acheteur : ${escapeHtml(t.acheteur || 'non indiqué')}${link}${deal}${words}</li>`;
  });
  const html = [
    '<div style="font-family:Arial,sans-serif;font-size:14px">',
    '<p>Bonjour,</p>',
    `<p>La veille BOAMP du CRM signale ${escapeHtml(parts.join(' et '))} :</p>`,
    `<ul>${items.join('')}</ul>`,
    `<p><a href="${escapeHtml(spreadsheetUrl)}">Ouvrir le CRM</a></p>`,
    '<p style="color:#666">Message automatique du CRM UTPLA — une alerte au plus par avis et par jour.</p>',
    '</div>',
  ].join('');
  const text = [
    'Bonjour,',
    '',
    `La veille BOAMP du CRM signale ${parts.join(' et ')} :`,
    ...alerts.map(
      (a) =>
        `- ${reasonText(a)} — ${a.tender.objet} (${a.tender.acheteur || 'acheteur non indiqué'}) ${a.tender.url}`,
    ),
    '',
    `Ouvrir le CRM : ${spreadsheetUrl}`,
  ].join('\n');
  return { subject, html, text };
}

export function alertSlackPayload(alerts: readonly TenderAlert[]): SlackMessage {
  const text = `Veille BOAMP : ${alerts.length} appel${alerts.length > 1 ? 's' : ''} d’offres à regarder`;
  const blocks = alerts.slice(0, 45).map((a) => ({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `*${escapeSlack(reasonText(a))}* — ${escapeSlack(a.tender.objet)}\n${escapeSlack(a.tender.acheteur)}${a.tender.url ? ` — <${a.tender.url.replace(/[<>|]/g, '')}|avis ${escapeSlack(a.tender.idweb)}>` : ''}`,
        2900,
      ),
    },
  }));
  return { text, blocks: [{ type: 'header', text: { type: 'plain_text', text } }, ...blocks] };
}

/**
 * The Make.com event `ao.pertinent`, in the envelope every CRM event shares (version 1,
 * src/core/webhooks/events.ts, documented in the README). `day` is the CRM's day: an alert goes
 * out at most once a notice a day, which makes notice and day the event's idempotency key.
 */
export function alertMakeEvent(
  alert: TenderAlert,
  atIso: string,
  day: string = atIso.slice(0, 10),
): CrmEvent {
  const t = alert.tender;
  return makeEvent('ao.pertinent', tenderEventId(t.idweb, day), atIso, {
    idweb: t.idweb,
    objet: t.objet,
    acheteur: t.acheteur,
    niveau: t.niveau,
    score: t.score,
    motsTrouves: t.matched,
    dateLimite: t.deadlineMs === null ? null : new Date(t.deadlineMs).toISOString(),
    url: t.url,
    raisons: alert.reasons,
    opportunite: t.opportunity,
  });
}

function reasonText(alert: TenderAlert): string {
  const parts: string[] = [];
  if (alert.reasons.includes('coeur')) parts.push('Cœur de métier');
  if (alert.daysLeft !== null) {
    parts.push(
      alert.daysLeft === 0
        ? 'Échéance aujourd’hui'
        : `Échéance dans ${alert.daysLeft} jour${alert.daysLeft > 1 ? 's' : ''}`,
    );
  }
  return parts.join(' · ');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
