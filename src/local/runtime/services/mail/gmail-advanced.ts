/**
 * The Gmail advanced service's drafts (`Gmail.Users.Drafts`), the narrow-scope path to drafts
 * (`gmail.compose`, platform/best-practices.md): `create({message: {raw}}, 'me')` takes a whole
 * RFC 5322 message in URL-safe base64, as the Gmail REST API does
 * (developers.google.com/gmail/api/reference/rest/v1/users.drafts/create), and answers
 * `{id, message: {id, threadId, labelIds}}`. Advanced-service errors read `API call to
 * gmail.users.drafts.create failed with error: …`, as Apps Script words them.
 */
import type { ExecutionEnv } from '../../env';
import { fromByteArray, isByteArray } from '../support/bytes';
import { counted } from '../support/counted';
import { exception, hostRealm, isPlainObject, toRealmArray, type Realm } from '../support/realm';
import {
  deleteDraftFile,
  findDraft,
  listDrafts,
  newDraftIds,
  saveDraft,
  type StoredDraft,
} from './drafts-store';

export interface GmailDraftResource {
  id: string;
  message: { id: string; threadId: string; labelIds: string[]; raw?: string };
}

export interface GmailAdvancedGlobal {
  Users: {
    Drafts: {
      create(
        resource: { message?: { raw?: unknown; threadId?: string } },
        userId: string,
      ): GmailDraftResource;
      get(userId: string, id: string, optionalArgs?: { format?: string }): GmailDraftResource;
      list(
        userId: string,
        optionalArgs?: Record<string, unknown>,
      ): {
        drafts?: Array<{ id: string; message: { id: string; threadId: string } }>;
        resultSizeEstimate: number;
      };
      remove(userId: string, id: string): void;
    };
  };
}

export interface GmailAdvancedOptions {
  realm?: Realm;
}

export function createGmailAdvanced(
  env: ExecutionEnv,
  options: GmailAdvancedOptions = {},
): GmailAdvancedGlobal {
  const realm = options.realm ?? hostRealm;
  const apiError = (method: string, message: string): Error =>
    exception(realm, `API call to gmail.users.drafts.${method} failed with error: ${message}`);
  const checkUser = (method: string, userId: string): void => {
    if (userId !== 'me' && userId !== env.userEmail) {
      throw apiError(method, `Delegation denied for ${env.userEmail}`);
    }
  };
  const resource = (d: StoredDraft, withRaw: boolean): GmailDraftResource => {
    const message: GmailDraftResource['message'] = {
      id: d.messageId,
      threadId: d.messageId,
      labelIds: toRealmArray(realm, ['DRAFT']),
    };
    if (withRaw) message.raw = Buffer.from(d.raw, 'utf8').toString('base64url');
    return { id: d.draftId, message };
  };

  const drafts: GmailAdvancedGlobal['Users']['Drafts'] = {
    create(body, userId) {
      checkUser('create', userId);
      const raw = isPlainObject(body) ? body.message?.raw : undefined;
      let text: string;
      if (typeof raw === 'string') {
        const cleaned = raw.replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(cleaned))
          throw apiError('create', "Invalid value at 'draft.message.raw'");
        text = Buffer.from(cleaned.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
          'utf8',
        );
      } else if (isByteArray(raw)) {
        text = fromByteArray(raw).toString('utf8');
      } else {
        throw apiError('create', 'Missing draft message');
      }
      const { draftId, messageId } = newDraftIds();
      return resource(saveDraft(env.outboxDir, draftId, messageId, text), false);
    },
    get(userId, id, optionalArgs) {
      checkUser('get', userId);
      const found = findDraft(env.outboxDir, String(id));
      if (found === undefined) throw apiError('get', 'Requested entity was not found.');
      return resource(found, optionalArgs?.format === 'raw');
    },
    list(userId) {
      checkUser('list', userId);
      const all = listDrafts(env.outboxDir).map((d) => {
        const { id, message } = resource(d, false);
        return { id, message: { id: message.id, threadId: message.threadId } };
      });
      // The REST API omits `drafts` when there are none.
      return all.length === 0
        ? { resultSizeEstimate: 0 }
        : { drafts: toRealmArray(realm, all), resultSizeEstimate: all.length };
    },
    remove(userId, id) {
      checkUser('remove', userId);
      if (!deleteDraftFile(env.outboxDir, String(id))) {
        throw apiError('remove', 'Requested entity was not found.');
      }
    },
  };
  return { Users: { Drafts: counted(env.counter, 'Gmail.Users.Drafts', drafts) } };
}
