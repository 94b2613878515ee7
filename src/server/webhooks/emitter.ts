/**
 * The outgoing events (issue 6): built in core, written to the outbox, posted at once to Make.com
 * and Slack with one attempt, and left in the outbox for the hourly job when that attempt fails
 * for a reason that may pass.
 *
 * Why one attempt at the moment of the action rather than the hourly job alone: an announcement
 * an hour late is of little use to a scenario that reacts to a won deal, and Make answers as soon
 * as it has queued the request (make.md §5), so the attempt costs one round trip. Why no retry
 * and no backoff then: the user's action is already written when events go out, but its answer
 * to the sidebar waits until they have; sleeping for Make would make the user wait for Make.
 * Apps Script offers no call after the response and no UrlFetch timeout shorter than its own
 * (urlfetchapp.md §1), so a Make host that accepts the connection and never answers can still
 * hold one execution for up to a minute; that is the remaining cost, in the README's limits.
 *
 * Nothing here throws to its caller: an event that cannot be sent never undoes or fails the
 * action that raised it. Each post ends as one Journal line (sent, to be retried, refused), with
 * the event id a scenario can be asked to replay.
 */
import { getTab } from '../../core/schema/tabs';
import { dayKey } from '../../core/scheduler/local-time';
import {
  MAKE_APIKEY_PROPERTY,
  SLACK_WEBHOOK_PROPERTY,
  makeUrlFor,
  slackEventsFromSettings,
} from '../../core/webhooks/channels';
import {
  CHANNEL_NAMES,
  INLINE_POLICY,
  JOB_POLICY,
  MAX_AGE_MS,
  MAX_ATTEMPTS,
  MAX_PENDING,
  nextAttemptDelayMs,
  type Channel,
} from '../../core/webhooks/delivery';
import {
  compactInstant,
  contactQualifiedEvent,
  isEventType,
  opportunityClosedEvent,
  type CrmEvent,
  type EventType,
  type JsonRecord,
} from '../../core/webhooks/events';
import { slackMessage, type SlackMessage } from '../../core/webhooks/slack-messages';
import type { RetryPolicy } from '../../core/retry/retry-policy';
import type { JobOutcome } from '../../core/scheduler/dispatch';
import type { StageMoveResult } from '../api/contract';
import { appendJournal, type JournalEntry } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { RecordSession } from '../records/record-session';
import { recordToDto } from '../records/record-dto';
import { readSettings, type Settings } from '../settings/settings-reader';
import { outboxKey, readOutbox, removeOutboxItem, saveOutboxItem, type OutboxItem } from './outbox';
import { postWebhooks, type PostResult, type WebhookPost } from './webhook-sender';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A freshly queued post is the inline attempt's: the hourly job leaves it alone this long. */
const INLINE_GRACE_MS = 10 * 60_000;

export interface EmitOptions {
  /** Parametres, when the caller has read them already (for `slack.evenements`). */
  readonly settings?: Settings;
  /** The Slack form of these events, when the caller has a better one than the generic digest. */
  readonly slack?: SlackMessage | null;
}

export interface EmitReport {
  /** Channels every post of which went through. */
  readonly sentTo: readonly string[];
  /** One French line per post that did not. */
  readonly failures: readonly string[];
  /** Posts left in the outbox for the hourly job. */
  readonly queued: number;
}

const NOTHING: EmitReport = { sentTo: [], failures: [], queued: 0 };

/**
 * Sends events of one type (a run may raise several): one Make post per event to the event
 * type's URL, one Slack message for them all when Slack takes that type.
 */
export function emitEvents(
  spreadsheet: Spreadsheet,
  events: readonly CrmEvent[],
  options: EmitOptions = {},
): EmitReport {
  try {
    return emit(spreadsheet, events, options);
  } catch (error) {
    // An event is never worth failing the action it announces.
    console.warn(`Webhooks : envoi impossible (${describe(error)}).`);
    return { sentTo: [], failures: [`Webhooks non envoyés : ${describe(error)}`], queued: 0 };
  }
}

function emit(
  spreadsheet: Spreadsheet,
  events: readonly CrmEvent[],
  options: EmitOptions,
): EmitReport {
  const first = events[0];
  if (!first || !isEventType(first.event)) return NOTHING;
  const type: EventType = first.event;
  const secrets = PropertiesService.getScriptProperties().getProperties();
  const property = (name: string) => secrets[name] ?? null;
  const makeUrl = makeUrlFor(type, property);
  const slackUrl = property(SLACK_WEBHOOK_PROPERTY)?.trim() || null;
  const slackWanted =
    slackUrl !== null &&
    options.slack !== null &&
    slackEventsFromSettings(options.settings ?? readSettings(spreadsheet)).has(type);
  if (makeUrl === null && !slackWanted) return NOTHING;
  const at = now();
  const items: OutboxItem[] = [];
  const base = {
    createdIso: at.toISOString(),
    attempts: 0,
    nextIso: new Date(at.getTime() + INLINE_GRACE_MS).toISOString(),
  };
  if (makeUrl !== null) {
    for (const event of events) {
      items.push({
        ...base,
        key: outboxKey('make', event.event_id),
        channel: 'make',
        event: type,
        eventId: event.event_id,
        recordId: recordIdOf(event),
        body: JSON.stringify(event),
      });
    }
  }
  if (slackWanted) {
    const message = options.slack ?? slackMessage(type, events);
    const id =
      events.length === 1
        ? first.event_id
        : `${type}:${compactInstant(base.createdIso)}:${events.length}`;
    items.push({
      ...base,
      key: outboxKey('slack', id),
      channel: 'slack',
      event: type,
      eventId: id,
      recordId: events.length === 1 ? recordIdOf(first) : '',
      body: JSON.stringify(message),
    });
  }
  const journal: JournalEntry[] = [];
  const pending = readOutbox();
  // Already queued by another path (the same fact announced twice): the outbox has it.
  const fresh = items.filter((item) => !pending.some((p) => p.key === item.key));
  journal.push(...makeRoom(pending, fresh.length, at));
  for (const item of fresh) saveOutboxItem(item);
  const results = send(fresh, secrets, INLINE_POLICY);
  const failures: string[] = [];
  let queued = 0;
  for (const item of fresh) {
    const result = results.get(item.key);
    const outcome = settle(item, result, at);
    if (outcome.line) journal.push(outcome.line);
    if (outcome.failure) failures.push(outcome.failure);
    if (outcome.queued) queued++;
  }
  const channels = new Set(fresh.map((i) => i.channel));
  const sentTo = [...channels]
    .filter((c) =>
      fresh.every((i) => i.channel !== c || results.get(i.key)?.verdict === 'delivered'),
    )
    .map((c) => CHANNEL_NAMES[c]);
  writeJournal(spreadsheet, journal);
  return { sentTo, failures, queued };
}

/**
 * Posts what the hourly job finds due in the outbox, with a few seconds of backoff this time,
 * until the run's deadline; gives up on a post after MAX_ATTEMPTS or MAX_AGE_MS.
 */
export function deliverPending(spreadsheet: Spreadsheet, deadlineMs: number): JobOutcome {
  const at = now();
  const all = readOutbox();
  const due = all.filter((item) => item.nextIso <= at.toISOString());
  if (due.length === 0)
    return {
      status: 'done',
      summary:
        all.length === 0
          ? 'Aucun webhook en attente.'
          : `${all.length} webhook(s) en attente du prochain essai.`,
    };
  const secrets = PropertiesService.getScriptProperties().getProperties();
  const journal: JournalEntry[] = [];
  let sent = 0;
  let dropped = 0;
  let waiting = all.length - due.length;
  let left = 0;
  // One batch at a time: a batch may sleep up to JOB_POLICY's 40 s, so the deadline is checked
  // before each rather than once.
  for (let i = 0; i < due.length; i += 10) {
    const batch = due.slice(i, i + 10);
    if (now().getTime() > deadlineMs - 60_000) {
      left += due.length - i;
      break;
    }
    const results = send(batch, secrets, JOB_POLICY);
    for (const item of batch) {
      const outcome = settle(item, results.get(item.key), now());
      if (outcome.line) journal.push(outcome.line);
      if (outcome.delivered) sent++;
      else if (outcome.queued) waiting++;
      else dropped++;
    }
  }
  writeJournal(spreadsheet, journal);
  const parts = [
    `${sent} webhook(s) envoyé(s)`,
    waiting + left > 0 ? `${waiting + left} en attente` : '',
    dropped > 0 ? `${dropped} abandonné(s) (voir le Journal)` : '',
  ].filter((p) => p !== '');
  const summary = `${parts.join(', ')}.`;
  return left > 0 ? { status: 'partial', summary, cursor: 'suite' } : { status: 'done', summary };
}

// --- the events of each feature -------------------------------------------------------------

/** A move to Gagné or Perdu: `opportunite.gagnee` / `opportunite.perdue`. */
export function emitOpportunityClosed(spreadsheet: Spreadsheet, move: StageMoveResult): EmitReport {
  if (move.from === move.to || (move.to !== 'Gagné' && move.to !== 'Perdu')) return NOTHING;
  try {
    const organisationId = String(move.opportunity.organisationId ?? '');
    let organisation: JsonRecord | null = null;
    if (organisationId !== '') {
      try {
        organisation = recordToDto(
          getTab('organisations'),
          new RecordSession(spreadsheet).record('organisations', organisationId),
        );
      } catch {
        organisation = { id: organisationId };
      }
    }
    const event = opportunityClosedEvent({
      opportunity: move.opportunity,
      organisation,
      from: move.from,
      atIso: String(move.opportunity.updatedAt ?? now().toISOString()),
    });
    return emitEvents(spreadsheet, [event]);
  } catch (error) {
    console.warn(`Webhooks : événement d’opportunité non construit (${describe(error)}).`);
    return NOTHING;
  }
}

/**
 * What the enrichment and the scoring know when an organisation crosses the qualification
 * threshold (`QualifiedRecord` of src/core/enrichment fits it).
 */
export interface ContactQualifiedInput {
  /** The organisation's ID. */
  readonly id: string;
  readonly name: string;
  readonly before: number | null;
  readonly after: number;
  readonly threshold: number;
  /** The organisation as a record (schema keys), when at hand; else only ID and name are sent. */
  readonly organisation?: Readonly<Record<string, unknown>>;
  /** Its contacts (schema keys); opted-out ones are never sent. */
  readonly contacts?: ReadonlyArray<Readonly<Record<string, unknown>>>;
  /** What moved the score: « Score ICP » (default), « Apollo », « Hunter », « Make.com »… */
  readonly cause?: string;
}

const QUALIFIED_MARK = 'crm.webhooks.qualifie.';

/**
 * `contact.qualifie`, once per crossing: an organisation is announced when its score reaches
 * `icp.seuil_qualifie` from below. The enrichment and the rescoring it triggers may both see the
 * same crossing; a mark of the day in the document's properties makes the second one a no-op
 * (and the event id, organisation and day, is the same anyway). Marks of earlier days are
 * dropped as they are met: a later crossing is a new fact.
 */
export function emitContactQualified(
  spreadsheet: Spreadsheet,
  input: ContactQualifiedInput | readonly ContactQualifiedInput[],
): EmitReport {
  try {
    const list = (Array.isArray(input) ? input : [input]) as readonly ContactQualifiedInput[];
    const at = now();
    const day = dayKey(toLocalDateTime(at));
    const properties = PropertiesService.getDocumentProperties();
    const marks = properties?.getProperties() ?? {};
    for (const [name, value] of Object.entries(marks))
      if (name.startsWith(QUALIFIED_MARK) && value < day) properties?.deleteProperty(name);
    const crossing = list.filter(
      (q) =>
        q.after >= q.threshold &&
        (q.before === null || q.before < q.threshold) &&
        marks[QUALIFIED_MARK + q.id] !== day,
    );
    if (crossing.length === 0) return NOTHING;
    const events = crossing.map((q) =>
      contactQualifiedEvent({
        organisation: {
          ...recordToDto(getTab('organisations'), q.organisation ?? {}),
          id: q.id,
          nom: String(q.organisation?.nom ?? q.name),
          scoreIcp: q.after,
        },
        before: q.before,
        after: q.after,
        threshold: q.threshold,
        cause: q.cause ?? 'Score ICP',
        contacts: (q.contacts ?? []).map((c) => recordToDto(getTab('contacts'), c)),
        atIso: at.toISOString(),
        day,
      }),
    );
    properties?.setProperties(
      Object.fromEntries(crossing.map((q) => [QUALIFIED_MARK + q.id, day])),
    );
    return emitEvents(spreadsheet, events);
  } catch (error) {
    console.warn(`Webhooks : événement « contact qualifié » non construit (${describe(error)}).`);
    return NOTHING;
  }
}

// --- helpers ---------------------------------------------------------------------------------

function send(
  items: readonly OutboxItem[],
  secrets: Record<string, string>,
  policy: RetryPolicy,
): Map<string, PostResult> {
  const results = new Map<string, PostResult>();
  const posts: WebhookPost[] = [];
  for (const item of items) {
    const url = urlOf(item, secrets);
    if (url === null) {
      results.set(item.key, {
        key: item.key,
        verdict: 'refused',
        status: null,
        message: `URL ${CHANNEL_NAMES[item.channel]} retirée des paramètres avant l’envoi`,
      });
      continue;
    }
    posts.push({
      key: item.key,
      channel: item.channel,
      url,
      body: item.body,
      apiKey: item.channel === 'make' ? secrets[MAKE_APIKEY_PROPERTY]?.trim() || null : null,
    });
  }
  if (posts.length === 0) return results;
  const deps = {
    transport: UrlFetchApp,
    sleep: (ms: number) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
    log: (line: string) => console.warn(line),
  };
  for (const result of postWebhooks(posts, deps, policy)) results.set(result.key, result);
  return results;
}

function urlOf(item: OutboxItem, secrets: Record<string, string>): string | null {
  if (item.channel === 'slack') return secrets[SLACK_WEBHOOK_PROPERTY]?.trim() || null;
  return isEventType(item.event) ? makeUrlFor(item.event, (n) => secrets[n] ?? null) : null;
}

/** Updates the outbox after an attempt, and says what to journal and report. */
function settle(
  item: OutboxItem,
  result: PostResult | undefined,
  at: Date,
): { line?: JournalEntry; failure?: string; queued: boolean; delivered: boolean } {
  const label = `${CHANNEL_NAMES[item.channel]} · ${item.event} (${item.eventId})`;
  const entry = (detail: string): JournalEntry => ({
    at,
    user: currentUserEmail(),
    action: 'Webhook',
    ...(item.recordId === '' ? {} : { recordId: item.recordId }),
    detail,
  });
  if (result?.verdict === 'delivered') {
    removeOutboxItem(item.key);
    const retried = item.attempts > 0 ? ` au ${item.attempts + 1}e essai` : '';
    return { line: entry(`${label} : envoyé${retried}.`), queued: false, delivered: true };
  }
  const attempts = item.attempts + 1;
  const reason = result?.message || 'pas de réponse';
  const expired = at.getTime() - Date.parse(item.createdIso) > MAX_AGE_MS;
  if (result?.verdict === 'refused' || attempts >= MAX_ATTEMPTS || expired) {
    removeOutboxItem(item.key);
    const why = result?.verdict === 'refused' ? 'refusé' : `abandonné après ${attempts} essai(s)`;
    return {
      line: entry(`${label} : ${why} — ${reason}.`),
      failure: `${CHANNEL_NAMES[item.channel]} : ${reason}.`,
      queued: false,
      delivered: false,
    };
  }
  const next = new Date(at.getTime() + nextAttemptDelayMs(attempts));
  saveOutboxItem({ ...item, attempts, nextIso: next.toISOString(), lastError: reason });
  return {
    line: entry(`${label} : échec (${reason}), nouvel essai vers ${hourOf(next)}.`),
    failure: `${CHANNEL_NAMES[item.channel]} : ${reason} — nouvel essai automatique.`,
    queued: true,
    delivered: false,
  };
}

/** Past MAX_PENDING the oldest posts make room: the outbox shares the document's 500 KB. */
function makeRoom(pending: readonly OutboxItem[], adding: number, at: Date): JournalEntry[] {
  const excess = pending.length + adding - MAX_PENDING;
  if (excess <= 0) return [];
  return pending.slice(0, excess).map((item) => {
    removeOutboxItem(item.key);
    return {
      at,
      user: currentUserEmail(),
      action: 'Webhook',
      ...(item.recordId === '' ? {} : { recordId: item.recordId }),
      detail: `${CHANNEL_NAMES[item.channel as Channel]} · ${item.event} (${item.eventId}) : abandonné, trop de webhooks en attente (${MAX_PENDING}) — ${item.lastError ?? 'non envoyé'}.`,
    };
  });
}

function writeJournal(spreadsheet: Spreadsheet, lines: readonly JournalEntry[]): void {
  if (lines.length === 0) return;
  try {
    withDocumentLock(() => appendJournal(spreadsheet, lines));
  } catch (error) {
    console.warn(`Webhooks : Journal non écrit (${describe(error)}).`);
  }
}

function recordIdOf(event: CrmEvent): string {
  const data = event.data as Record<string, Record<string, unknown> | unknown>;
  const nested = (key: string) => {
    const value = data[key];
    return typeof value === 'object' && value !== null
      ? String((value as Record<string, unknown>).id ?? '')
      : '';
  };
  switch (event.event) {
    case 'opportunite.gagnee':
    case 'opportunite.perdue':
      return nested('opportunite');
    case 'contact.qualifie':
      return nested('organisation');
    case 'tache.en_retard':
      return nested('tache');
    case 'ao.pertinent':
      return String(data.idweb ?? '');
    default:
      return '';
  }
}

function hourOf(date: Date): string {
  const t = toLocalDateTime(date);
  return `${t.hour} h ${String(t.minute).padStart(2, '0')}`;
}

function describe(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
