/**
 * Bulk enrichment (menus « Enrichir la sélection » and « Enrichir les contacts incomplets »),
 * built like the BOAMP watch: a run is a plain JSON state in document properties, worked through
 * in chunks of contacts — ask the APIs, write under the lock, save the state — until the
 * execution's time or contact cap runs out; it then returns `partial` and the hourly dispatcher
 * resumes it (a menu start marks the job's continuation itself). The « Enrichi le » stamp written
 * with each answer makes a resumed, repeated or concurrent run skip what was done: no contact
 * is paid for twice within `enrichissement.delai_jours`.
 *
 * A budget about to be exceeded ends the run and says so; a rate window, a server error or
 * Google's UrlFetch quota only pauses it until a later execution.
 */
import {
  DEFAULT_ENRICHMENT_DELAY_DAYS,
  addCounts,
  delayDaysFromSettings,
  describeRun,
  extendQueue,
  isIncomplete,
  isOptedOut,
  isRunning,
  matchDetailsFor,
  progressOf,
  skipReason,
  startBulkRun,
  type BulkCounts,
  type BulkRunState,
  type EnrichmentProgress,
} from '../../core/enrichment';
import { CrmError } from '../../core/errors';
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { parseIntegerSetting } from '../../core/settings/defaults';
import { getTab } from '../../core/schema/tabs';
import { isDate } from '../../core/text/sheet-safe';
import type { EnrichmentStatus } from '../api/enrichment-contract';
import { loadJobStates, saveJobStates } from '../jobs/job-state-store';
import { appendJournal } from '../journal/journal-writer';
import { now } from '../platform/clock';
import { readJsonProperty, writeJsonProperty } from '../platform/json-property';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { text } from '../records/crm-snapshot';
import { readKeyed } from '../records/keyed-table';
import { rowToRecord } from '../records/table-snapshot';
import { rescoreIcp, rescoreOrganisation } from '../scoring/icp-rescorer';
import { readSettings, type Settings } from '../settings/settings-reader';
import { fetchEnrichment, writeEnrichment, type ContactToEnrich } from './contact-enricher';
import { createCreditLedger } from './credit-ledger';
import {
  APOLLO_API_KEY_PROPERTY,
  HUNTER_API_KEY_PROPERTY,
  openEnrichmentServices,
  readKey,
} from './enrichment-clients';
import { announceCrossings, qualificationThreshold } from './qualification-alert';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Row = Record<string, unknown>;

export const ENRICHMENT_STATE_KEY = 'crm.enrichissement.v1';
export const ENRICHMENT_JOB_ID = 'enrichissement';
export const ENRICHMENT_JOURNAL_ACTION = 'Enrichissement';

/**
 * Contacts asked and written together: 20 bulk_match requests, then one write. Larger chunks
 * make fewer Sheets calls; this size still saves the run's place every minute or so.
 */
const CHUNK = 200;
/** A chunk (Hunter pacing included) must fit in what is left of the execution. */
const SAFETY_MS = 60_000;
/** Up to this many organisations are rescored one by one; beyond, everything at once. */
const ONE_BY_ONE = 5;
const DAY_MS = 86_400_000;

/** The columns a run reads of every contact before choosing whom to ask. */
const CONTACT_KEYS = [
  'id',
  'etat',
  'prenom',
  'nom',
  'email',
  'poste',
  'linkedin',
  'organisationId',
  'statutEmail',
  'emailVerifieLe',
  'enrichiLe',
  'optOut',
];
const ORGANISATION_KEYS = ['id', 'etat', 'nom', 'domaine', 'siteWeb', 'scoreIcp'];

export function readRunState(): BulkRunState | null {
  const state = readJsonProperty<BulkRunState>(ENRICHMENT_STATE_KEY);
  return state && state.version === 1 ? state : null;
}

function saveRunState(state: BulkRunState): void {
  writeJsonProperty(ENRICHMENT_STATE_KEY, state);
}

export function getEnrichmentProgress(spreadsheet: Spreadsheet): EnrichmentStatus {
  const progress: EnrichmentProgress = progressOf(readRunState());
  return {
    ...progress,
    credits: createCreditLedger(readSettings(spreadsheet)).status(),
    apolloConfigured: readKey(APOLLO_API_KEY_PROPERTY) !== null,
    hunterConfigured: readKey(HUNTER_API_KEY_PROPERTY) !== null,
  };
}

/**
 * « Enrichir la sélection »: the selected rows of Contacts. Added to a run in progress if there
 * is one, so a second selection is never lost nor sent twice.
 */
export function startSelectionRun(spreadsheet: Spreadsheet, deadlineMs: number): string {
  const ids = readSelectedContactIds(spreadsheet);
  const current = readRunState();
  if (current !== null && isRunning(current)) {
    saveRunState(current.mode === 'selection' ? extendQueue(current, ids) : current);
    const note =
      current.mode === 'selection'
        ? 'Sélection ajoutée à l’enrichissement en cours.'
        : 'Un enrichissement des contacts incomplets est en cours : il continue d’abord ; relancez la sélection ensuite.';
    return `${note} ${runFromMenu(spreadsheet, deadlineMs)}`;
  }
  saveRunState(startBulkRun('selection', ids, ids.length, now().toISOString()));
  return runFromMenu(spreadsheet, deadlineMs);
}

/** « Enrichir les contacts incomplets »: no email, title, LinkedIn or email status. */
export function startIncompleteRun(spreadsheet: Spreadsheet, deadlineMs: number): string {
  const current = readRunState();
  if (current !== null && isRunning(current))
    return `Un enrichissement est déjà en cours : il continue. ${runFromMenu(spreadsheet, deadlineMs)}`;
  const settings = readSettings(spreadsheet);
  const contacts = readContacts(spreadsheet);
  const organisations = readOrganisations(spreadsheet);
  const candidates = incompleteCandidates(contacts, organisations, settings, new Set());
  const state = startBulkRun('incomplets', [], candidates.length, now().toISOString());
  saveRunState({
    ...state,
    counts: addCounts(state.counts, { optOut: countIncompleteOptOuts(contacts) }),
  });
  return runFromMenu(spreadsheet, deadlineMs);
}

function runFromMenu(spreadsheet: Spreadsheet, deadlineMs: number): string {
  const outcome = runBulkEnrichment(spreadsheet, deadlineMs);
  if (outcome.status === 'partial') markContinuation();
  return outcome.status === 'failed' ? outcome.error : outcome.summary;
}

/** The job of the hourly dispatcher, and the body of the menu items. */
export function runBulkEnrichment(spreadsheet: Spreadsheet, deadlineMs: number): JobOutcome {
  let state = readRunState();
  if (!state || !isRunning(state))
    return { status: 'done', summary: 'Aucun enrichissement en cours.' };
  const settings = readSettings(spreadsheet);
  let services: ReturnType<typeof openEnrichmentServices>;
  try {
    services = openEnrichmentServices(settings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    finish(spreadsheet, settings, { ...state, stopped: message });
    return { status: 'failed', error: message };
  }
  const delayDays = delayDaysFromSettings(settings);
  const cap = parseIntegerSetting(
    settings.get('enrichissement.contacts_par_execution'),
    2000,
    1,
    100_000,
  );
  const timeLeft = () => deadlineMs - now().getTime() > SAFETY_MS;
  const contacts = readContacts(spreadsheet);
  const organisations = readOrganisations(spreadsheet);
  const threshold = qualificationThreshold(settings);
  let processed = 0;
  // Contacts this execution has dealt with: a row deleted or opted out meanwhile must not come
  // back in the next chunk of an « incomplets » run.
  const dealtWith = new Set<string>();
  for (;;) {
    const refused = new Set([...state.refusedIds, ...dealtWith]);
    const queue: readonly string[] =
      state.mode === 'selection'
        ? state.queue
        : incompleteCandidates(contacts, organisations, settings, refused).map((c) => text(c.id));
    if (state.mode === 'incomplets' && queue.length + state.done > state.total)
      state = { ...state, total: queue.length + state.done };
    if (queue.length === 0) break;
    if (!timeLeft() || processed >= cap) {
      saveRunState(state);
      return partial(state);
    }
    const chunk = queue.slice(0, Math.min(CHUNK, cap - processed));
    const at = now();
    const skipped: Partial<Record<keyof BulkCounts, number>> = {};
    const toAsk: ContactToEnrich[] = [];
    const scoresBefore: Record<string, number | null> = { ...state.scoresBefore };
    const touched: string[] = [...state.touched];
    for (const id of chunk) {
      const record = contacts.get(id);
      const reason = record
        ? skipReason(
            {
              archived: record.etat === 'Archivé',
              optOut: isOptedOut(record.optOut),
              enrichedAtMs: isDate(record.enrichiLe) ? record.enrichiLe.getTime() : null,
            },
            { nowMs: at.getTime(), delayDays },
          )
        : 'archive';
      if (reason !== null) {
        const key = reason === 'opt-out' ? 'optOut' : reason === 'recent' ? 'recent' : 'archived';
        skipped[key] = (skipped[key] ?? 0) + 1;
        continue;
      }
      const orgId = text(record?.organisationId);
      const organisation = orgId === '' ? null : (organisations.get(orgId) ?? null);
      if (organisation && !touched.includes(orgId)) {
        if (touched.length <= ONE_BY_ONE) touched.push(orgId);
        const score = typeof organisation.scoreIcp === 'number' ? organisation.scoreIcp : null;
        // Only those below the threshold can cross it.
        if ((score === null || score < threshold) && !(orgId in scoresBefore))
          scoresBefore[orgId] = score;
      }
      toAsk.push({ id, record: record as Row, organisation });
    }
    const report = fetchEnrichment(toAsk, services, {
      nowMs: at.getTime(),
      reverifyAfterMs: (delayDays || DEFAULT_ENRICHMENT_DELAY_DAYS) * DAY_MS,
    });
    const answered = report.results.flatMap((r) =>
      r.kind === 'answered' ? [{ id: r.id, answer: r.answer }] : [],
    );
    const written = writeEnrichment(spreadsheet, answered, { at, journalProposals: true });
    for (const w of written) {
      // What was written is what the next chunk of this execution must see.
      const record = contacts.get(w.id);
      if (record) {
        record.enrichiLe = at;
        for (const f of w.filled) record[f.field] = f.value;
        if (w.emailStatus) record.statutEmail = w.emailStatus;
      }
    }
    const pending = new Set(report.results.filter((r) => r.kind === 'pending').map((r) => r.id));
    const refusedNow = report.results.filter((r) => r.kind === 'refused').map((r) => r.id);
    const done = chunk.filter((id) => !pending.has(id));
    for (const id of done) dealtWith.add(id);
    state = {
      ...state,
      queue:
        state.mode === 'selection' ? state.queue.filter((id: string) => !done.includes(id)) : [],
      done: state.done + done.length,
      refusedIds: [...state.refusedIds, ...refusedNow],
      credits: {
        apollo: state.credits.apollo + report.credits.apollo,
        hunter: state.credits.hunter + report.credits.hunter,
      },
      scoresBefore,
      touched,
      counts: addCounts(state.counts, {
        ...skipped,
        enriched: written.filter((w) => w.filled.length > 0 || w.emailStatus !== null).length,
        unchanged: written.filter((w) => w.filled.length === 0 && w.emailStatus === null).length,
        unidentifiable: report.results.filter((r) => r.kind === 'unidentifiable').length,
        refused: refusedNow.length,
        fieldsFilled: written.reduce((n, w) => n + w.filled.length, 0),
        proposals: written.reduce((n, w) => n + w.proposals.length, 0),
        verified: written.filter((w) => w.emailStatus !== null).length,
      }),
      lastError: report.stopped?.retryLater ? report.stopped.message : null,
    };
    processed += chunk.length;
    saveRunState(state);
    if (report.stopped) {
      if (report.stopped.retryLater) return partial(state);
      state = { ...state, stopped: report.stopped.message };
      break;
    }
  }
  return { status: 'done', summary: finish(spreadsheet, settings, state) };
}

/** Rescoring, alerts, one Journal line; the state kept, finished, for the progress bar. */
function finish(spreadsheet: Spreadsheet, settings: Settings, state: BulkRunState): string {
  const touched = state.touched;
  let qualifiedLine = '';
  if (state.counts.enriched > 0 && touched.length > 0) {
    if (touched.length <= ONE_BY_ONE)
      for (const id of touched) rescoreOrganisation(spreadsheet, id);
    else rescoreIcp(spreadsheet);
    const report = announceCrossings(
      spreadsheet,
      settings,
      new Map(Object.entries(state.scoresBefore)),
    );
    if (report.qualified.length > 0)
      qualifiedLine = ` ${report.qualified.length} organisation${report.qualified.length > 1 ? 's' : ''} qualifiée${report.qualified.length > 1 ? 's' : ''} (seuil ICP franchi)${report.sentTo.length > 0 ? ` : alerte par ${report.sentTo.join(', ')}` : ''}.`;
  }
  const at = now();
  const ended: BulkRunState = { ...state, queue: [], finishedAtIso: at.toISOString() };
  const summary = describeRun(ended) + qualifiedLine;
  saveRunState({ ...ended, summary, scoresBefore: {}, touched: [] });
  withDocumentLock(() =>
    appendJournal(spreadsheet, [
      {
        at,
        user: currentUserEmail(),
        action: ENRICHMENT_JOURNAL_ACTION,
        detail: [summary, ...state.problems.slice(0, 20)].join('\n'),
      },
    ]),
  );
  clearContinuation();
  return summary;
}

function partial(state: BulkRunState): JobOutcome {
  const left =
    state.mode === 'selection' ? state.queue.length : Math.max(0, state.total - state.done);
  return {
    status: 'partial',
    summary:
      `Enrichissement interrompu (${state.done} / ${state.total} contacts, ${left} restant${left > 1 ? 's' : ''})` +
      `${state.lastError ? ` : ${state.lastError}` : ' avant la limite de temps'} ; reprise à la prochaine heure (automatisations) ou en relançant le menu.`,
    cursor: ENRICHMENT_JOB_ID,
  };
}

/** A run started from the menu resumes through the dispatcher like one it started. */
function markContinuation(): void {
  const states = loadJobStates();
  states[ENRICHMENT_JOB_ID] = { ...states[ENRICHMENT_JOB_ID], continuation: ENRICHMENT_JOB_ID };
  saveJobStates(states);
}

function clearContinuation(): void {
  const states = loadJobStates();
  const current = states[ENRICHMENT_JOB_ID];
  if (current?.continuation === undefined) return;
  const next = { ...current };
  delete next.continuation;
  states[ENRICHMENT_JOB_ID] = next;
  saveJobStates(states);
}

function readContacts(spreadsheet: Spreadsheet): Map<string, Row> {
  const table = readKeyed(spreadsheet, getTab('contacts'), CONTACT_KEYS);
  const out = new Map<string, Row>();
  for (const row of table.rows) {
    const record = rowToRecord(table, row);
    const id = text(record.id);
    if (id !== '' && !out.has(id)) out.set(id, record);
  }
  return out;
}

function readOrganisations(spreadsheet: Spreadsheet): Map<string, Row> {
  const table = readKeyed(spreadsheet, getTab('organisations'), ORGANISATION_KEYS);
  const out = new Map<string, Row>();
  for (const row of table.rows) {
    const record = rowToRecord(table, row);
    const id = text(record.id);
    if (id !== '' && !out.has(id)) out.set(id, record);
  }
  return out;
}

/** Incomplete, active, not opted out, not enriched lately, identifiable, not refused this run. */
function incompleteCandidates(
  contacts: ReadonlyMap<string, Row>,
  organisations: ReadonlyMap<string, Row>,
  settings: Settings,
  refused: ReadonlySet<string>,
): Row[] {
  const nowMs = now().getTime();
  const delayDays = delayDaysFromSettings(settings);
  return [...contacts.values()].filter((c) => {
    if (refused.has(text(c.id))) return false;
    if (
      !isIncomplete({
        email: c.email,
        poste: c.poste,
        linkedin: c.linkedin,
        statutEmail: c.statutEmail,
      })
    )
      return false;
    const reason = skipReason(
      {
        archived: c.etat === 'Archivé',
        optOut: isOptedOut(c.optOut),
        enrichedAtMs: isDate(c.enrichiLe) ? c.enrichiLe.getTime() : null,
      },
      { nowMs, delayDays },
    );
    if (reason !== null) return false;
    const org = organisations.get(text(c.organisationId)) ?? null;
    return (
      matchDetailsFor(
        { prenom: c.prenom, nom: c.nom, email: c.email, linkedin: c.linkedin },
        org ? { nom: org.nom, domaine: org.domaine, siteWeb: org.siteWeb } : null,
      ) !== null
    );
  });
}

function countIncompleteOptOuts(contacts: ReadonlyMap<string, Row>): number {
  return [...contacts.values()].filter(
    (c) =>
      c.etat !== 'Archivé' &&
      isOptedOut(c.optOut) &&
      isIncomplete({
        email: c.email,
        poste: c.poste,
        linkedin: c.linkedin,
        statutEmail: c.statutEmail,
      }),
  ).length;
}

/**
 * The IDs on the selected rows of Contacts: every range of the selection (Ctrl-click gives
 * several), the ID column found by its header.
 */
export function readSelectedContactIds(spreadsheet: Spreadsheet): string[] {
  const sheet = spreadsheet.getActiveSheet();
  const tab = getTab('contacts');
  if (sheet.getName() !== tab.name)
    throw new CrmError(
      'VALIDATION',
      `Sélectionnez des lignes de l’onglet ${tab.name} avant « Enrichir la sélection ».`,
    );
  const list = typeof sheet.getActiveRangeList === 'function' ? sheet.getActiveRangeList() : null;
  const ranges = list ? list.getRanges() : [sheet.getActiveRange()].filter((r) => r !== null);
  const header = sheet.getRange(1, 1, 1, Math.max(sheet.getLastColumn(), 1)).getValues()[0] ?? [];
  const idColumn = header.findIndex((h) => String(h).trim().toUpperCase() === 'ID');
  if (idColumn < 0)
    throw new CrmError(
      'STRUCTURE',
      `Colonne « ID » introuvable dans l'onglet ${tab.name} — lancez CRM UTPLA › Installer / réparer la structure.`,
    );
  const lastRow = sheet.getLastRow();
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const range of ranges) {
    const first = Math.max(2, range.getRow());
    const last = Math.min(lastRow, range.getRow() + range.getNumRows() - 1);
    if (last < first) continue;
    for (const [value] of sheet.getRange(first, idColumn + 1, last - first + 1, 1).getValues()) {
      const id = String(value ?? '')
        .trim()
        .toUpperCase();
      if (id !== '' && !seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    }
  }
  if (ids.length === 0)
    throw new CrmError(
      'VALIDATION',
      `Aucun contact dans la sélection : sélectionnez une ou plusieurs lignes de l’onglet ${tab.name}.`,
    );
  return ids;
}
