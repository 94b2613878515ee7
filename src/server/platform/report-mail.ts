/**
 * An alert email to the report recipients of Parametres (`rapports.destinataires`). Never throws:
 * the alert follows work already written, so a mail failure is returned as a French line.
 */
import type { Settings } from '../settings/settings-reader';

export interface ReportMail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export interface MailOutcome {
  /** `email (N destinataires)` when sent. */
  readonly sentTo: string | null;
  readonly failure: string | null;
}

export function reportRecipients(settings: Settings): string[] {
  return (settings.get('rapports.destinataires') ?? '')
    .split(/[,;\s]+/)
    .map((r) => r.trim())
    .filter((r) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r));
}

/** `build` runs only when there is someone to write to. */
export function sendReportMail(
  settings: Settings,
  build: () => ReportMail,
  failureLabel: string,
): MailOutcome {
  const recipients = reportRecipients(settings);
  if (recipients.length === 0) return { sentTo: null, failure: null };
  try {
    const email = build();
    MailApp.sendEmail({
      to: recipients.join(','),
      subject: email.subject,
      htmlBody: email.html,
      body: email.text,
      name: 'CRM UTPLA',
    });
    const plural = recipients.length > 1 ? 's' : '';
    return { sentTo: `email (${recipients.length} destinataire${plural})`, failure: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { sentTo: null, failure: `${failureLabel} : ${reason}` };
  }
}
