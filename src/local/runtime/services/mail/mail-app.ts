/**
 * The `MailApp` global: "sent" mail is written to the outbox folder as `.eml` (DESIGN.md §2)
 * after the same checks Apps Script makes: valid addresses, at most 50 recipients per message,
 * 100 recipients a day (consumer account), counted in the persistent state. Reference:
 * developers.google.com/apps-script/reference/mail/mail-app — both the positional form
 * `sendEmail(recipient, subject, body, options?)` and the object form `sendEmail(message)`.
 */
import type { ExecutionEnv } from '../../env';
import { counted } from '../support/counted';
import { exception, hostRealm, isPlainObject, type Realm } from '../support/realm';
import { buildEml, writeEml } from './eml-writer';
import {
  checkAddresses,
  consumeQuota,
  CONSUMER_DAILY_RECIPIENTS,
  newMessageId,
  outboxFileName,
  remainingQuota,
  splitRecipients,
  toAttachments,
} from './message-options';

export interface MailOptions {
  attachments?: unknown[];
  bcc?: string;
  cc?: string;
  htmlBody?: string;
  name?: string;
  noReply?: boolean;
  replyTo?: string;
  inlineImages?: Record<string, unknown>;
}

export interface MailMessageObject extends MailOptions {
  to?: string;
  subject?: string;
  body?: string;
}

export interface MailAppGlobal {
  sendEmail(
    recipientOrMessage: string | MailMessageObject,
    subject?: string,
    body?: string,
    options?: MailOptions,
  ): void;
  getRemainingDailyQuota(): number;
}

export interface MailAppOptions {
  realm?: Realm;
  /** Recipients per day; 100 for a consumer account, 1,500 for Workspace. */
  dailyQuota?: number;
}

/** The send path shared by MailApp.sendEmail and GmailApp.sendEmail; returns the file written. */
export function sendToOutbox(
  env: ExecutionEnv,
  realm: Realm,
  dailyQuota: number,
  message: MailMessageObject,
): string {
  const to = splitRecipients(message.to);
  const cc = splitRecipients(message.cc);
  const bcc = splitRecipients(message.bcc);
  const all = [...to, ...cc, ...bcc];
  if (all.length === 0) throw exception(realm, 'Failed to send email: no recipient');
  checkAddresses(realm, all);
  if (message.replyTo !== undefined) checkAddresses(realm, splitRecipients(message.replyTo));
  const attachments = toAttachments(realm, message.attachments);
  consumeQuota(env, realm, all.length, dailyQuota);
  const domain = env.userEmail.split('@')[1] ?? 'localhost';
  const eml = buildEml({
    from: {
      name: message.name,
      address: message.noReply === true ? `noreply@${domain}` : env.userEmail,
    },
    to,
    cc,
    bcc,
    replyTo: message.replyTo,
    subject: String(message.subject ?? ''),
    textBody: String(message.body ?? ''),
    htmlBody: message.htmlBody === undefined ? undefined : String(message.htmlBody),
    attachments,
    date: env.now(),
    timeZone: env.timeZone,
    messageId: newMessageId(env),
  });
  return writeEml(env.outboxDir, outboxFileName(env), eml);
}

export function toMessageObject(
  first: string | MailMessageObject,
  subject: string | undefined,
  body: string | undefined,
  options: MailOptions | undefined,
): MailMessageObject {
  if (isPlainObject(first)) return first as MailMessageObject;
  return { ...(options ?? {}), to: String(first), subject, body };
}

export function createMailApp(env: ExecutionEnv, options: MailAppOptions = {}): MailAppGlobal {
  const realm = options.realm ?? hostRealm;
  const quota = options.dailyQuota ?? CONSUMER_DAILY_RECIPIENTS;
  const service: MailAppGlobal = {
    sendEmail(first, subject, body, opts) {
      sendToOutbox(env, realm, quota, toMessageObject(first, subject, body, opts));
    },
    getRemainingDailyQuota: () => remainingQuota(env, quota),
  };
  return counted(env.counter, 'MailApp', service);
}
