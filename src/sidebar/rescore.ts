/**
 * The ICP score of an organisation and its contacts, recomputed in the background after the
 * sidebar saved something of theirs (a record, an interaction, a stage move, a task done). The
 * user's action is finished when its own call answers: the rescore never holds a button, and a
 * failure is no banner, only a note next to the score (the daily job rescores everything anyway).
 * Cards subscribe to their organisation's status to fetch the new score when it changed.
 */
import { useEffect, useState } from 'preact/hooks';
import type { EditableTab, RecordDto } from '../server/api/contract';
import { callServer, errorText, onPendingChange, pendingCalls } from './rpc';

export interface RescoreStatus {
  /** A rescore of this organisation is in flight. */
  readonly running: boolean;
  /** The French error of the last rescore, until one succeeds. */
  readonly failed: string | null;
  /** Bumped each time a rescore wrote something: a card showing the score fetches it again. */
  readonly version: number;
}

interface Entry {
  readonly pending: number;
  readonly failed: string | null;
  readonly version: number;
}

const IDLE: Entry = { pending: 0, failed: null, version: 0 };
const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

function update(id: string, change: (entry: Entry) => Entry): void {
  entries.set(id, change(entries.get(id) ?? IDLE));
  for (const listener of listeners) listener();
}

function statusOf(id: string | null): RescoreStatus {
  const entry = (id && entries.get(id)) || IDLE;
  return { running: entry.pending > 0, failed: entry.failed, version: entry.version };
}

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value).trim();

/** A moment for the calls a save starts (the card's reload) to be sent first. */
const HEAD_START_MS = 50;
/** The longest a rescore waits for the other calls to end. */
const MAX_WAIT_MS = 2000;

/**
 * Runs `work` once no other server call is in flight, or after MAX_WAIT_MS. Google runs a user's
 * calls side by side, but the local runtime one after the other: either way the card the user
 * is waiting for must not queue behind a rescore nobody is waiting for.
 */
function whenIdle(work: () => void): void {
  setTimeout(() => {
    if (pendingCalls() === 0) return work();
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      stop();
      clearTimeout(timer);
      work();
    };
    const stop = onPendingChange((n) => {
      if (n === 0) start();
    });
    const timer = setTimeout(start, MAX_WAIT_MS);
  }, HEAD_START_MS);
}

/** Rescores one organisation and its contacts; returns at once, whatever happens later. */
export function rescoreInBackground(organisationId: string): void {
  const id = text(organisationId);
  if (id === '') return;
  // Counted from now: the card says "recalcul en cours" while the call waits its turn.
  update(id, (e) => ({ ...e, pending: e.pending + 1 }));
  whenIdle(() => send(id));
}

function send(id: string): void {
  callServer('rescoreOrganisation', id).then(
    (report) =>
      update(id, (e) => ({
        pending: e.pending - 1,
        failed: null,
        version: report.changed > 0 ? e.version + 1 : e.version,
      })),
    (error: unknown) =>
      update(id, (e) => ({ ...e, pending: e.pending - 1, failed: errorText(error) })),
  );
}

/**
 * The organisation a saved record concerns: its own ID, its `organisationId`, or — for a task or
 * an interaction, which only name a contact or an opportunity — that record's organisation.
 */
async function organisationOf(tab: EditableTab, record: RecordDto): Promise<string> {
  if (tab === 'organisations') return text(record.id);
  const own = text(record.organisationId);
  if (own !== '' || tab === 'contacts' || tab === 'opportunites') return own;
  const contactId = text(record.contactId);
  if (contactId !== '')
    return text((await callServer('getRecord', 'contacts', contactId)).organisationId);
  const opportunityId = text(record.opportuniteId);
  if (opportunityId !== '')
    return text((await callServer('getRecord', 'opportunites', opportunityId)).organisationId);
  return '';
}

/**
 * After a save whose organisation is not at hand: found first (in the background too), then
 * rescored. `before` is the record as it was, so that moving a contact or a deal to another
 * organisation rescores the one it left as well.
 */
export function rescoreAfterSave(tab: EditableTab, saved: RecordDto, before?: RecordDto): void {
  const previous = before && tab !== 'organisations' ? text(before.organisationId) : '';
  organisationOf(tab, saved).then(
    (id) => {
      rescoreInBackground(id);
      if (previous !== '' && previous !== id) rescoreInBackground(previous);
    },
    // Not even the organisation could be read: nothing to rescore, nothing to tell here; the
    // daily job will score it.
    () => undefined,
  );
}

/** The rescore status of an organisation, kept up to date; idle for null. */
export function useRescoreStatus(organisationId: string | null): RescoreStatus {
  const [status, setStatus] = useState(() => statusOf(organisationId));
  useEffect(() => {
    const listener = () =>
      setStatus((old) => {
        const next = statusOf(organisationId);
        return old.running === next.running &&
          old.failed === next.failed &&
          old.version === next.version
          ? old
          : next;
      });
    listeners.add(listener);
    listener();
    return () => {
      listeners.delete(listener);
    };
  }, [organisationId]);
  return status;
}
