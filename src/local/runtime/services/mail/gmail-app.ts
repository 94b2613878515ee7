/**
 * The `GmailApp` subset the CRM uses: drafts (the CRM prepares, a person sends — DESIGN.md §4),
 * written to `<outbox>/drafts/` as `.eml`, and `sendEmail` sharing MailApp's outbox and quota.
 * Reference: developers.google.com/apps-script/reference/gmail/gmail-app#createDraft and
 * …/gmail-draft, …/gmail-message. Sending a draft is not emulated: nothing in the CRM sends on
 * its own, so `GmailDraft.send()` throws rather than pretend.
 */
import type { ExecutionEnv } from '../../env';
import { createBlob, type LocalBlob } from '../support/blob';
import { counted } from '../support/counted';
import { exception, hostRealm, toRealmArray, toRealmDate, type Realm } from '../support/realm';
import { buildEml } from './eml-writer';
import {
  sendToOutbox,
  toMessageObject,
  type MailOptions,
  type MailMessageObject,
} from './mail-app';
import {
  checkAddresses,
  CONSUMER_DAILY_RECIPIENTS,
  newMessageId,
  splitRecipients,
  toAttachments,
} from './message-options';
import {
  deleteDraftFile,
  findDraft,
  listDrafts,
  newDraftIds,
  saveDraft,
  type StoredDraft,
} from './drafts-store';

export interface GmailDraftOptions extends MailOptions {
  from?: string;
}

export interface GmailMessage {
  getId(): string;
  getSubject(): string;
  getFrom(): string;
  getTo(): string;
  getCc(): string;
  getBcc(): string;
  getReplyTo(): string;
  getDate(): Date;
  getPlainBody(): string;
  getBody(): string;
  getAttachments(): LocalBlob[];
  isDraft(): boolean;
}

export interface GmailDraft {
  getId(): string;
  getMessageId(): string;
  getMessage(): GmailMessage;
  update(recipient: string, subject: string, body: string, options?: GmailDraftOptions): GmailDraft;
  deleteDraft(): void;
  send(): GmailMessage;
}

export interface GmailAppGlobal {
  createDraft(
    recipient: string,
    subject: string,
    body: string,
    options?: GmailDraftOptions,
  ): GmailDraft;
  getDrafts(): GmailDraft[];
  getDraft(draftId: string): GmailDraft;
  getDraftMessages(): GmailMessage[];
  sendEmail(
    recipientOrMessage: string | MailMessageObject,
    subject?: string,
    body?: string,
    options?: MailOptions,
  ): GmailAppGlobal;
  getAliases(): string[];
}

export interface GmailAppOptions {
  realm?: Realm;
  dailyQuota?: number;
}

export function createGmailApp(env: ExecutionEnv, options: GmailAppOptions = {}): GmailAppGlobal {
  const realm = options.realm ?? hostRealm;
  const ctx = { counter: env.counter, realm };

  const composeRaw = (
    recipient: string,
    subject: string,
    body: string,
    opts: GmailDraftOptions = {},
  ): string => {
    const to = splitRecipients(recipient);
    const cc = splitRecipients(opts.cc);
    const bcc = splitRecipients(opts.bcc);
    checkAddresses(realm, [...to, ...cc, ...bcc]);
    if (opts.from !== undefined && opts.from !== env.userEmail) {
      // GmailApp only accepts the user's own aliases; the local user has none.
      throw exception(realm, `Invalid argument: from`);
    }
    return buildEml({
      from: { name: opts.name, address: env.userEmail },
      to,
      cc,
      bcc,
      replyTo: opts.replyTo,
      subject: String(subject ?? ''),
      textBody: String(body ?? ''),
      htmlBody: opts.htmlBody === undefined ? undefined : String(opts.htmlBody),
      attachments: toAttachments(realm, opts.attachments),
      date: env.now(),
      timeZone: env.timeZone,
      messageId: newMessageId(env),
    });
  };

  const toMessage = (draft: StoredDraft): GmailMessage => {
    const h = draft.parsed.headers;
    const date = Date.parse(h.date ?? '');
    return counted(env.counter, 'GmailMessage', {
      getId: () => draft.messageId,
      getSubject: () => h.subject ?? '',
      getFrom: () => h.from ?? '',
      getTo: () => h.to ?? '',
      getCc: () => h.cc ?? '',
      getBcc: () => h.bcc ?? '',
      getReplyTo: () => h['reply-to'] ?? '',
      getDate: () => toRealmDate(realm, Number.isNaN(date) ? env.now().getTime() : date),
      getPlainBody: () => draft.parsed.textBody,
      getBody: () => draft.parsed.htmlBody ?? draft.parsed.textBody,
      getAttachments: () =>
        toRealmArray(
          realm,
          draft.parsed.attachments.map((a) => createBlob(ctx, a.data, a.contentType, a.name)),
        ),
      isDraft: () => true,
    });
  };

  const toDraft = (initial: StoredDraft): GmailDraft => {
    let stored = initial;
    const draft: GmailDraft = {
      getId: () => stored.draftId,
      getMessageId: () => stored.messageId,
      getMessage: () => toMessage(stored),
      update(recipient, subject, body, opts) {
        const raw = composeRaw(recipient, subject, body, opts);
        stored = saveDraft(env.outboxDir, stored.draftId, stored.messageId, raw);
        return draft;
      },
      deleteDraft() {
        deleteDraftFile(env.outboxDir, stored.draftId);
      },
      send() {
        throw exception(
          realm,
          'Sending a Gmail draft is not emulated: the CRM prepares drafts, a person sends them.',
        );
      },
    };
    return counted(env.counter, 'GmailDraft', draft);
  };

  const service: GmailAppGlobal = {
    createDraft(recipient, subject, body, opts) {
      const raw = composeRaw(recipient, subject, body, opts);
      const { draftId, messageId } = newDraftIds();
      return toDraft(saveDraft(env.outboxDir, draftId, messageId, raw));
    },
    getDrafts: () => toRealmArray(realm, listDrafts(env.outboxDir).map(toDraft)),
    getDraft(draftId) {
      const found = findDraft(env.outboxDir, String(draftId));
      if (found === undefined) throw exception(realm, `Invalid argument: draftId`);
      return toDraft(found);
    },
    getDraftMessages: () => toRealmArray(realm, listDrafts(env.outboxDir).map(toMessage)),
    sendEmail(first, subject, body, opts) {
      sendToOutbox(
        env,
        realm,
        options.dailyQuota ?? CONSUMER_DAILY_RECIPIENTS,
        toMessageObject(first, subject, body, opts),
      );
      return service;
    },
    getAliases: () => toRealmArray<string>(realm, []),
  };
  return counted(env.counter, 'GmailApp', service);
}
