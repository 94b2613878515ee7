/**
 * What MailApp and GmailApp share: reading recipient lists, checking addresses, turning Blobs
 * into attachments, the daily recipients quota and the file name of an outbox message.
 * References: developers.google.com/apps-script/reference/mail/mail-app and the quotas page
 * (100 recipients a day for a consumer account, to + cc + bcc counted per address; 50 recipients
 * per message) (platform/limits.md §1–3). Quota texts: `Service invoked too many times for one
 * day: email.` (community reports), `Limit exceeded: Email Recipients Per Message.` (the quotas
 * page's "Limit exceeded: …" form), `Invalid email: x` (community reports).
 */
import { randomBytes } from 'node:crypto';
import type { ExecutionEnv } from '../../env';
import { formatJavaDate } from '../date-format';
import { blobBytes, isBlobLike } from '../support/blob';
import { exception, type Realm } from '../support/realm';
import type { EmlAttachment } from './eml-writer';

export const CONSUMER_DAILY_RECIPIENTS = 100;
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Addresses of a comma-separated list; `Name <a@b.c>` keeps the whole entry. */
export function splitRecipients(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  return String(list)
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function bareAddress(entry: string): string {
  return /<([^>]+)>/.exec(entry)?.[1]?.trim() ?? entry.trim();
}

export function checkAddresses(realm: Realm, entries: readonly string[]): void {
  for (const entry of entries) {
    if (!EMAIL.test(bareAddress(entry))) throw exception(realm, `Invalid email: ${entry}`);
  }
}

export function toAttachments(realm: Realm, attachments: unknown): EmlAttachment[] {
  if (attachments === undefined || attachments === null) return [];
  if (!Array.isArray(attachments)) throw exception(realm, 'Invalid argument: attachments');
  return attachments.map((a: unknown, i) => {
    if (!isBlobLike(a)) throw exception(realm, 'Invalid argument: attachments');
    return {
      name: a.getName() ?? `attachment-${i + 1}`,
      contentType: a.getContentType() ?? 'application/octet-stream',
      data: blobBytes(a),
    };
  });
}

/** The quota day in the script's time zone (the real quota is a rolling 24 h; see limits.md). */
function quotaDay(env: ExecutionEnv): string {
  return formatJavaDate(env.now().getTime(), env.timeZone, 'yyyy-MM-dd');
}

export function remainingQuota(env: ExecutionEnv, dailyQuota: number): number {
  const day = quotaDay(env);
  const used = env.state.mail.day === day ? env.state.mail.recipients : 0;
  return Math.max(0, dailyQuota - used);
}

/** Checks the per-message and daily limits, then counts the recipients as sent. */
export function consumeQuota(
  env: ExecutionEnv,
  realm: Realm,
  recipients: number,
  dailyQuota: number,
): void {
  if (recipients > MAX_RECIPIENTS_PER_MESSAGE) {
    throw exception(realm, 'Limit exceeded: Email Recipients Per Message.');
  }
  if (recipients > remainingQuota(env, dailyQuota)) {
    throw exception(realm, 'Service invoked too many times for one day: email.');
  }
  const day = quotaDay(env);
  if (env.state.mail.day !== day) {
    env.state.mail.day = day;
    env.state.mail.recipients = 0;
  }
  env.state.mail.recipients += recipients;
}

/** Sortable and unique: the script clock's instant plus random bits. */
export function outboxFileName(env: ExecutionEnv): string {
  const stamp = formatJavaDate(env.now().getTime(), 'UTC', "yyyyMMdd'T'HHmmssSSS'Z'");
  return `${stamp}-${randomBytes(4).toString('hex')}.eml`;
}

export function newMessageId(env: ExecutionEnv): string {
  const domain = env.userEmail.split('@')[1] ?? 'localhost';
  return `${randomBytes(12).toString('hex')}@local.${domain}`;
}
