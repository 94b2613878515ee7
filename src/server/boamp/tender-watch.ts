/**
 * The BOAMP watch (issue 5): notices published since the last successful run, listed with the
 * keyword net of Parametres, scored in core; the relevant ones (and the later notices of tenders
 * already in the tab) read in full, parsed and written; then Go decisions typed in the sheet,
 * the AI analysis of the new relevant notices, and the alerts. The run is resumable: it saves
 * where it stands in document properties and returns `partial` before the time budget ends; the
 * dispatcher resumes it at the next tick. Running it twice adds nothing twice (idweb).
 */
import { dayKey, addDays } from '../../core/scheduler/local-time';
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { parseTenderDetails } from '../../core/boamp/parse';
import {
  buildWatchQueries,
  startListing,
  watchFiltersFromSettings,
  type ListingState,
} from '../../core/boamp/query';
import {
  relevanceRulesFromSettings,
  scoreNotice,
  type RelevanceRules,
} from '../../core/boamp/relevance';
import { linkedIdweb } from '../../core/boamp/watch/tender-row';
import type { BoampRecord, DayWindow } from '../../core/boamp/types';
import type { TenderForAlert } from '../../core/boamp/alerts';
import { isClosed, isStage } from '../../core/pipeline';
import { parseIntegerSetting } from '../../core/settings/defaults';
import { isDate } from '../../core/text/sheet-safe';
import { appendJournal } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { readJsonProperty, writeJsonProperty } from '../platform/json-property';
import { currentUserEmail } from '../platform/spreadsheet';
import { readActiveKeys, readKeys, text } from '../records/crm-snapshot';
import { readSettings, type Settings } from '../settings/settings-reader';
import { analyseNewTenders } from '../ai/tender-analysis';
import { hasClaudeKey } from '../claude/claude-service';
import { sendTenderAlerts } from './alert-sender';
import { createBoampClient, type BoampClient } from './boamp-client';
import { openDealsForGoDecisions } from './tender-decisions';
import { writeNotices, type NoticeToWrite } from './tender-writer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const WATCH_STATE_KEY = 'crm.boamp.veille.v1';

/** Full records fetched and written per batch: small enough to checkpoint often. */
const DETAIL_BATCH = 100;
/** Stop starting work this long before the deadline: a batch must fit in what is left. */
const SAFETY_MS = 45_000;

export interface WatchState {
  /** Last publication day fully covered; the next run starts there again (late publications). */
  readonly checkpoint: string | null;
  readonly run: RunState | null;
}

interface RunState {
  readonly window: DayWindow;
  readonly listing: ListingState | null;
  /** idwebs still to read in full and write. */
  readonly retained: readonly string[];
  readonly candidates: number;
  readonly added: readonly string[];
  readonly updated: number;
  readonly organisations: number;
  readonly problems: readonly string[];
}

export interface WatchOptions {
  readonly deadlineMs: number;
  readonly client?: BoampClient;
}

export function runBoampWatch(spreadsheet: Spreadsheet, options: WatchOptions): JobOutcome {
  const settings = readSettings(spreadsheet);
  const rules = relevanceRulesFromSettings(settings);
  const client = options.client ?? openBoampClient();
  // A cap on full reads per execution: a safety valve on a day with many notices, and the way
  // tests cut a run after N notices.
  const perExecution = parseIntegerSetting(
    settings.get('boamp.avis_par_execution'),
    500,
    1,
    10_000,
  );
  let read = 0;
  const timeLeft = () => options.deadlineMs - now().getTime() > SAFETY_MS;
  const state = readJsonProperty<WatchState>(WATCH_STATE_KEY) ?? { checkpoint: null, run: null };
  let run = state.run ?? startRun(settings, state.checkpoint);
  const save = () => writeJsonProperty(WATCH_STATE_KEY, { checkpoint: state.checkpoint, run });

  if (run.listing !== null) {
    const known = new Set(
      readKeys(spreadsheet, 'appelsOffres', ['idweb']).map((t) => text(t.idweb)),
    );
    const listing = client.listNotices([], { state: run.listing, shouldStop: () => !timeLeft() });
    const retained = new Set(run.retained);
    for (const record of listing.records) {
      if (isRetained(record, rules, known)) retained.add(record.idweb);
    }
    run = {
      ...run,
      listing: listing.done ? null : listing.state,
      retained: [...retained],
      candidates: run.candidates + listing.records.length,
      problems: [
        ...run.problems,
        ...listing.truncated.map(
          (w) => `Veille BOAMP : trop d’avis le ${w.from}, lus en partie seulement.`,
        ),
      ],
    };
    save();
    if (!listing.done) return partial(run);
  }

  while (run.retained.length > 0) {
    if (!timeLeft() || read >= perExecution) {
      save();
      return partial(run);
    }
    const batch = run.retained.slice(0, Math.min(DETAIL_BATCH, perExecution - read));
    read += batch.length;
    const full = client.fetchFullRecords(batch);
    const notices: NoticeToWrite[] = full.records.map((record) => {
      const details = parseTenderDetails(record);
      // The full record gives the CPV codes the list does not have: score again with them.
      const relevance = scoreNotice({ ...record, cpv: details.cpv }, rules);
      return { record, details, relevance };
    });
    const written = writeNotices(spreadsheet, notices);
    run = {
      ...run,
      retained: run.retained.slice(batch.length),
      added: [...run.added, ...written.added],
      updated: run.updated + written.updated,
      organisations: run.organisations + written.organisationsCreated,
      problems: [...run.problems, ...written.problems],
    };
    save();
  }

  const deals = openDealsForGoDecisions(spreadsheet);
  const analysis = hasClaudeKey()
    ? analyseNewTenders(
        spreadsheet,
        run.added,
        parseIntegerSetting(settings.get('boamp.analyses_ia_par_execution'), 10, 0, 200),
        options.deadlineMs - SAFETY_MS,
      )
    : null;
  const alerts = sendTenderAlerts(
    spreadsheet,
    settings,
    alertCandidates(spreadsheet, new Set(run.added)),
  );
  const summary =
    `${run.candidates} avis lus (${run.window.from} → ${run.window.to}), ${run.added.length} ajoutés, ` +
    `${run.updated} mis à jour, ${run.organisations} acheteurs créés, ${deals} opportunités ouvertes (Go), ` +
    `${analysis === null ? 'analyse IA non configurée' : `${analysis.analysed} analyses IA`}, ` +
    `${alerts.alerts} alertes${alerts.sentTo.length > 0 ? ` (${alerts.sentTo.join(', ')})` : ''}.`;
  appendJournal(spreadsheet, [
    {
      at: now(),
      user: currentUserEmail(),
      action: 'Veille BOAMP',
      detail: [
        summary,
        ...run.problems.slice(0, 20),
        ...alerts.failures,
        ...(analysis?.stopped ? [`Analyse IA arrêtée : ${analysis.stopped}`] : []),
        ...(analysis?.errors ?? [])
          .slice(0, 10)
          .map((e) => `Analyse IA de ${e.tenderId} : ${e.message}`),
      ].join('\n'),
    },
  ]);
  writeJsonProperty(WATCH_STATE_KEY, { checkpoint: run.window.to, run: null });
  return { status: 'done', summary };
}

export function openBoampClient(): BoampClient {
  return createBoampClient({
    transport: UrlFetchApp,
    sleep: (ms) => Utilities.sleep(ms),
    random: Math.random,
    now: () => now().getTime(),
  });
}

function startRun(settings: Settings, checkpoint: string | null): RunState {
  const today = dayKey(toLocalDateTime(now()));
  const firstDays = parseIntegerSetting(settings.get('boamp.jours_premiere_veille'), 7, 1, 3650);
  const local = toLocalDateTime(now());
  const from =
    checkpoint !== null && checkpoint <= today ? checkpoint : dayKey(addDays(local, -firstDays));
  const window = { from, to: today };
  const plan = buildWatchQueries(watchFiltersFromSettings(settings).filters, window);
  return {
    window,
    listing: startListing(plan.queries),
    retained: [],
    candidates: 0,
    added: [],
    updated: 0,
    organisations: 0,
    problems: [...plan.problems],
  };
}

/** Relevant by its list fields, or a later notice of a tender the CRM already follows. */
function isRetained(
  record: BoampRecord,
  rules: RelevanceRules,
  known: ReadonlySet<string>,
): boolean {
  if (known.has(record.idweb)) return false;
  const original = linkedIdweb(record, null);
  if (original !== null && known.has(original)) return true;
  return scoreNotice(record, rules).level !== 'Hors cible';
}

/** New Cœur notices of this run, and every tender followed by an open opportunity. */
function alertCandidates(spreadsheet: Spreadsheet, added: ReadonlySet<string>): TenderForAlert[] {
  const tenders = readActiveKeys(spreadsheet, 'appelsOffres', [
    'idweb',
    'objet',
    'acheteur',
    'niveau',
    'dateLimite',
    'url',
    'score',
    'motsTrouves',
    'opportuniteId',
  ]);
  const followed = new Set(tenders.map((t) => text(t.opportuniteId)).filter((id) => id !== ''));
  const opportunities = new Map(
    followed.size === 0
      ? []
      : readActiveKeys(spreadsheet, 'opportunites', ['titre', 'etape'])
          .filter((o) => followed.has(text(o.id)))
          .map((o) => [text(o.id), o]),
  );
  return tenders.flatMap((t) => {
    const opportunity = opportunities.get(text(t.opportuniteId));
    const stage = text(opportunity?.etape);
    const open = opportunity !== undefined && !(isStage(stage) && isClosed(stage));
    if (!added.has(text(t.id)) && !open) return [];
    return [
      {
        idweb: text(t.idweb),
        objet: text(t.objet),
        acheteur: text(t.acheteur),
        niveau: added.has(text(t.id)) ? text(t.niveau) : '',
        deadlineMs: isDate(t.dateLimite) ? t.dateLimite.getTime() : null,
        url: text(t.url),
        score: typeof t.score === 'number' ? t.score : null,
        matched: text(t.motsTrouves),
        opportunity: open
          ? { id: text(opportunity.id), titre: text(opportunity.titre), etape: stage }
          : null,
      },
    ];
  });
}

function partial(run: RunState): JobOutcome {
  const where =
    run.listing !== null ? 'liste des avis' : `${run.retained.length} avis à lire en entier`;
  return {
    status: 'partial',
    summary: `Veille BOAMP interrompue avant la limite de temps (${where}) ; reprise à la prochaine heure.`,
    cursor: 'boamp',
  };
}
