/**
 * The web app's `doPost` (issue 6): a Make.com scenario creates or updates a contact, an
 * organisation or an interaction. The shared secret is checked first, in constant time; then the
 * request goes through the same record session as the sidebar — schema validation, unique email
 * and SIREN, references, document lock, Journal — under the source « Make.com ». A refused
 * request writes nothing: the session validates every field before its first write.
 *
 * Apps Script answers a web app with status 200 whatever happens (ContentService sets no status),
 * so the JSON body carries the outcome: `ok`, a stable `code`, a French `message`.
 */
import { isCrmError, CrmError } from '../../core/errors';
import { getTab } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
import { INCOMING_SECRET_ID } from '../../core/settings/secret-keys';
import { foldText } from '../../core/text/fold';
import { normalizeEmail, normalizeSiren } from '../../core/validation';
import {
  INCOMING_TABS,
  INCOMING_VERSION,
  UPSERT_KEYS,
  fieldsToKeys,
  parseIncoming,
  secretsMatch,
  type IncomingAnswer,
  type IncomingOutcome,
  type IncomingRequest,
} from '../../core/webapp/incoming';
import type { RecordDto } from '../api/contract';
import { toApiError } from '../api/envelope';
import { logInteraction } from '../records/activity';
import { asSource, inSession, RecordSession } from '../records/record-session';
import { rescoreOrganisation } from '../scoring/icp-rescorer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Journaled as the author of what a scenario writes. */
export const INCOMING_SOURCE = 'Make.com';

/**
 * The spreadsheet a web app request works on. A bound script's web app has the container as its
 * active spreadsheet; the ID kept when the secret was saved covers a context that has none.
 */
export const WEBAPP_SPREADSHEET_PROPERTY = 'WEBAPP_SPREADSHEET_ID';

/** Make retries a request it thinks failed; the same `requestId` gets the first answer again. */
const REPLAY_SECONDS = 6 * 3600;

export function doPost(
  event?: GoogleAppsScript.Events.DoPost,
): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(answerPost(event))).setMimeType(
    ContentService.MimeType.JSON,
  );
}

/** A browser opening the web app's URL gets a hint rather than Google's error page. */
export function doGet(): GoogleAppsScript.Content.TextOutput {
  const answer: IncomingAnswer = {
    ok: false,
    version: INCOMING_VERSION,
    code: 'BAD_REQUEST',
    message:
      'Ce point d’entrée du CRM UTPLA reçoit des requêtes POST en JSON d’un scénario Make.com (voir le README).',
    requestId: null,
  };
  return ContentService.createTextOutput(JSON.stringify(answer)).setMimeType(
    ContentService.MimeType.JSON,
  );
}

export function answerPost(event?: GoogleAppsScript.Events.DoPost): IncomingAnswer {
  const parsed = parseIncoming(event?.postData?.contents);
  const presented = parsed.ok ? parsed.request.secret : parsed.secret;
  const requestId = parsed.ok ? parsed.request.requestId : null;
  const fail = (code: string, message: string): IncomingAnswer => ({
    ok: false,
    version: INCOMING_VERSION,
    code,
    message,
    requestId,
  });
  // An unreadable body says nothing about the secret, and its fault is worth saying plainly.
  if (presented === null) return fail('BAD_REQUEST', parsed.ok ? '' : parsed.message);
  const stored = PropertiesService.getScriptProperties().getProperty(INCOMING_SECRET_ID) ?? '';
  if (stored === '')
    return fail(
      'NOT_CONFIGURED',
      'Réception désactivée : aucun secret partagé n’est enregistré dans le CRM (CRM UTPLA › Paramètres et clés…).',
    );
  if (!secretsMatch(presented, stored)) {
    console.warn('Web app : requête refusée, secret absent ou invalide.');
    return fail('UNAUTHORIZED', 'Secret invalide : la requête est refusée.');
  }
  if (!parsed.ok) return fail(parsed.code, parsed.message);
  const request = parsed.request;
  const cache = CacheService.getScriptCache();
  const replayKey = request.requestId === null ? null : `crm.webapp.${request.requestId}`;
  const replay = replayKey === null ? null : (cache?.get(replayKey) ?? null);
  if (replay !== null) return JSON.parse(replay) as IncomingAnswer;
  let answer: IncomingAnswer;
  try {
    const spreadsheet = webAppSpreadsheet();
    answer = asSource(INCOMING_SOURCE, () => apply(spreadsheet, request));
  } catch (error) {
    const e = toApiError(error);
    answer = {
      ok: false,
      version: INCOMING_VERSION,
      code: e.code,
      message: e.message,
      ...(e.field === undefined ? {} : { field: e.field }),
      ...(e.fieldErrors === undefined ? {} : { fieldErrors: e.fieldErrors }),
      requestId,
    };
  }
  // Only what was done is replayed: a refusal may be fixed (a missing organisation created) and
  // the same request sent again.
  if (replayKey !== null && answer.ok)
    cache?.put(replayKey, JSON.stringify(answer), REPLAY_SECONDS);
  return answer;
}

function apply(spreadsheet: Spreadsheet, request: IncomingRequest): IncomingAnswer {
  const tabKey = INCOMING_TABS[request.type];
  const tab = getTab(tabKey);
  const fields = fieldsToKeys(tab, request.fields) as RecordDto;
  let outcome: IncomingOutcome;
  let record: RecordDto;
  if (request.type === 'interaction' && request.id === null) {
    // The sidebar's own use case: the contact's last interaction and next action follow.
    record = logInteraction(spreadsheet, fields);
    outcome = 'created';
  } else {
    ({ outcome, record } = inSession(spreadsheet, (session) => {
      // A create never finds: a second record with the same email is a CONFLICT, not an update.
      const id =
        request.id ??
        (request.action === 'create' ? null : findByUniqueKey(session, request, fields));
      if (id === null) {
        if (request.action === 'update') throw notFound(request, fields);
        return { outcome: 'created' as const, record: session.create(tabKey, fields) };
      }
      const before = session.record(tabKey, id);
      const after = session.update(tabKey, id, fields);
      const changed = String(after.updatedAt ?? '') !== String(toIso(before.updatedAt));
      return { outcome: changed ? ('updated' as const) : ('unchanged' as const), record: after };
    }));
  }
  rescoreAfter(spreadsheet, request.type, record);
  return {
    ok: true,
    version: INCOMING_VERSION,
    action: outcome,
    type: request.type,
    id: String(record.id ?? ''),
    record,
    requestId: request.requestId,
  };
}

/** A contact by its email, an organisation by its SIREN, among the active records. */
function findByUniqueKey(
  session: RecordSession,
  request: IncomingRequest,
  fields: RecordDto,
): string | null {
  const key = UPSERT_KEYS[request.type];
  if (key === undefined) return null;
  const raw = fields[key];
  if (raw === undefined || raw === null || raw === '') {
    if (request.action === 'update')
      throw new CrmError(
        'VALIDATION',
        `« id » ou « ${key} » est nécessaire pour retrouver la fiche à mettre à jour.`,
        key,
      );
    return null;
  }
  const canonical = (value: unknown) => {
    const normalized = key === 'email' ? normalizeEmail(value) : normalizeSiren(value);
    return normalized.ok ? normalized.value : foldText(String(value ?? ''));
  };
  const wanted = canonical(raw);
  const table = session.table(INCOMING_TABS[request.type] as TabKey);
  const column = table.map.columnOf.get(key);
  const idColumn = table.map.columnOf.get('id');
  const stateColumn = table.map.columnOf.get('etat');
  if (column === undefined || idColumn === undefined) return null;
  const row = table.rows.find(
    (r) =>
      String(r[column] ?? '') !== '' &&
      canonical(r[column]) === wanted &&
      (stateColumn === undefined || r[stateColumn] !== 'Archivé'),
  );
  return row ? String(row[idColumn] ?? '') || null : null;
}

function notFound(request: IncomingRequest, fields: RecordDto): CrmError {
  const key = UPSERT_KEYS[request.type] ?? 'id';
  return new CrmError(
    'NOT_FOUND',
    `Aucune fiche ${getTab(INCOMING_TABS[request.type]).name} avec ${key} « ${String(fields[key] ?? '')} » : utilisez l’action « upsert » pour la créer.`,
  );
}

/**
 * The sidebar rescores an organisation after each save; a scenario's write deserves the same,
 * which is also how a record Make enriched can cross the qualification threshold. A failure
 * here leaves the write done and answered.
 */
function rescoreAfter(spreadsheet: Spreadsheet, type: IncomingRequest['type'], record: RecordDto) {
  try {
    let organisationId = '';
    if (type === 'organisation') organisationId = String(record.id ?? '');
    else if (type === 'contact') organisationId = String(record.organisationId ?? '');
    else if (record.contactId)
      organisationId = String(
        new RecordSession(spreadsheet).record('contacts', String(record.contactId))
          .organisationId ?? '',
      );
    if (organisationId !== '') rescoreOrganisation(spreadsheet, organisationId);
  } catch (error) {
    console.warn(
      `Web app : scores non recalculés (${isCrmError(error) ? error.message : String(error)}).`,
    );
  }
}

function webAppSpreadsheet(): Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  const id = PropertiesService.getScriptProperties().getProperty(WEBAPP_SPREADSHEET_PROPERTY);
  if (id) return SpreadsheetApp.openById(id);
  throw new CrmError(
    'CONFIG',
    'Classeur du CRM introuvable : ouvrez CRM UTPLA › Paramètres et clés… dans le classeur et enregistrez le secret partagé.',
  );
}

function toIso(value: unknown): string {
  return Object.prototype.toString.call(value) === '[object Date]'
    ? (value as Date).toISOString()
    : String(value ?? '');
}
