/**
 * Claude's analysis of a BOAMP tender, written in its « Analyse IA » cell: on demand from the
 * tender card (`analyseTender`), and for the new Cœur and Adjacent notices of a BOAMP watch run
 * (`analyseNewTenders`). The recommendation stays in that text: « Go / No go » is a person's
 * decision and nothing here writes it. The Journal line of the billed call (tokens, month's total)
 * is written by the Claude client; the cell change gets its own line, action « Automatique ».
 *
 * Claude is called outside the document lock: a call takes seconds to a minute, and holding the
 * lock that long would make every user's save wait. The row is read again under the lock when
 * the answer is written (RecordSession), so a user's edit of another column meanwhile is kept.
 */
import {
  buildTenderAnalysisTask,
  formatTenderAnalysis,
  type TenderAnalysis,
} from '../../core/ai/tender-analysis';
import type { PromptRecord, PromptValue } from '../../core/ai/explain-score';
import { isCrmError } from '../../core/errors';
import { dayKey } from '../../core/scheduler/local-time';
import { frenchEuros } from '../../core/scoring/french-number';
import { getTab } from '../../core/schema/tabs';
import type { TabDef } from '../../core/schema/types';
import { isDate } from '../../core/text/sheet-safe';
import type { TenderAnalysisResult } from '../api/contract';
import type { ClaudeClient } from '../claude/claude-client';
import { openClaude } from '../claude/claude-service';
import { CRM_TIME_ZONE, now, toLocalDateTime } from '../platform/clock';
import { readActiveWhere, text, type CrmRecord } from '../records/crm-snapshot';
import { inSession, RecordSession } from '../records/record-session';
import { readSettings } from '../settings/settings-reader';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { TenderAnalysisResult };

/**
 * The last call must fit before the watch's deadline: an answer takes up to a minute
 * (UrlFetchApp's own limit), and the dispatcher's deadline leaves 90 s before Google's 6 minutes
 * for the retries.
 */
const CALL_MARGIN_MS = 60_000;

/** Levels worth a paid analysis: a Hors cible notice is kept for the record, not for a bid. */
const ANALYSED_LEVELS: readonly string[] = ['Cœur', 'Adjacent'];
/** A notice in these states is no longer open to bids. */
const CLOSED_NOTICE_STATES: readonly string[] = ['Annulé', 'Attribué'];

export function analyseTender(spreadsheet: Spreadsheet, tenderId: string): TenderAnalysisResult {
  // The key is checked before any sheet read: without it there is nothing to do.
  const claude = openClaude(spreadsheet, readSettings(spreadsheet));
  const id = tenderId.trim().toUpperCase();
  const reader = new RecordSession(spreadsheet);
  return analyseRecord(spreadsheet, claude, reader.record('appelsOffres', id), (orgId) =>
    readBuyer(reader, orgId),
  );
}

export interface TenderAnalysisError {
  readonly tenderId: string;
  readonly code: string;
  readonly message: string;
}

export interface TenderAnalysisRun {
  readonly analysed: number;
  /**
   * Tenders given but not analysed: not Cœur or Adjacent, already analysed, closed, over the
   * limit, or left when the run stopped.
   */
  readonly skipped: number;
  /** One per tender whose analysis failed; the others went on. */
  readonly errors: readonly TenderAnalysisError[];
  /** Why the run stopped before the end of its list (no key, budget spent, time), or null. */
  readonly stopped: string | null;
}

/**
 * The BOAMP watch's step: analyses up to `limit` of the given tenders — Cœur before Adjacent,
 * higher relevance first — that have no analysis yet and are still open to bids. Never throws: a
 * failure is returned with its tender and the next one is tried. A missing or refused key and a
 * spent budget stop the run (every next call would fail alike), and so does a deadline too close
 * for one more call.
 */
export function analyseNewTenders(
  spreadsheet: Spreadsheet,
  tenderIds: readonly string[],
  limit: number,
  deadlineMs: number,
): TenderAnalysisRun {
  const wanted = new Set(tenderIds.map((id) => id.trim().toUpperCase()).filter((id) => id !== ''));
  const errors: TenderAnalysisError[] = [];
  let analysed = 0;
  let stopped: string | null = null;
  const done = (): TenderAnalysisRun => ({
    analysed,
    skipped: wanted.size - analysed - errors.length,
    errors,
    stopped,
  });
  if (wanted.size === 0 || limit <= 0) return done();

  let candidates: CrmRecord[];
  try {
    candidates = readActiveWhere(spreadsheet, 'appelsOffres', [], (k) => wanted.has(text(k.id)))
      .filter((t) => needsAnalysis(t, now().getTime()))
      .sort(byPriority)
      .slice(0, Math.floor(limit));
  } catch (error) {
    stopped = messageOf(error);
    return done();
  }
  if (candidates.length === 0) return done();

  let claude: ClaudeClient;
  try {
    claude = openClaude(spreadsheet, readSettings(spreadsheet));
  } catch (error) {
    stopped = messageOf(error);
    return done();
  }
  const reader = new RecordSession(spreadsheet);
  for (const [index, tender] of candidates.entries()) {
    if (deadlineMs - now().getTime() < CALL_MARGIN_MS) {
      const left = candidates.length - index;
      stopped = `Analyse IA arrêtée avant la limite de temps : ${left} avis à analyser depuis leur fiche (« Analyser avec Claude »).`;
      break;
    }
    try {
      analyseRecord(spreadsheet, claude, tender, (orgId) => readBuyer(reader, orgId));
      analysed += 1;
    } catch (error) {
      const code = isCrmError(error) ? error.code : 'INTERNAL';
      if (code === 'QUOTA' || code === 'CONFIG') {
        stopped = messageOf(error);
        break;
      }
      errors.push({ tenderId: text(tender.id), code, message: messageOf(error) });
    }
  }
  return done();
}

function analyseRecord(
  spreadsheet: Spreadsheet,
  claude: ClaudeClient,
  tender: CrmRecord,
  buyerOf: (organisationId: string) => CrmRecord | null,
): TenderAnalysisResult {
  const id = text(tender.id);
  const today = dayKey(toLocalDateTime(now()));
  const organisationId = text(tender.organisationId);
  const buyer = organisationId === '' ? null : buyerOf(organisationId);
  const task = buildTenderAnalysisTask({
    today,
    tender: promptRecord(getTab('appelsOffres'), tender),
    buyer: buyer ? promptRecord(getTab('organisations'), buyer) : null,
  });
  const answer = claude.generate<TenderAnalysis>(task, {
    tab: getTab('appelsOffres').name,
    recordId: id,
  });
  const analysisText = formatTenderAnalysis(answer.value, { model: answer.model, day: today });
  const updated = inSession(spreadsheet, (session) =>
    session.update('appelsOffres', id, {}, { analyseIa: analysisText }, 'Automatique'),
  );
  return {
    tender: updated,
    analysis: answer.value,
    text: analysisText,
    model: answer.model,
    usage: { inputTokens: answer.usage.inputTokens, outputTokens: answer.usage.outputTokens },
  };
}

/** A buyer deleted or renamed since the watch linked it is no reason to refuse the analysis. */
function readBuyer(reader: RecordSession, organisationId: string): CrmRecord | null {
  try {
    return reader.record('organisations', organisationId);
  } catch (error) {
    if (isCrmError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Relevant, not analysed yet, and still open to bids: a closed notice is not worth a paid call. */
function needsAnalysis(tender: CrmRecord, nowMs: number): boolean {
  return (
    ANALYSED_LEVELS.includes(text(tender.niveau)) &&
    text(tender.analyseIa) === '' &&
    !CLOSED_NOTICE_STATES.includes(text(tender.etatAvis)) &&
    !(isDate(tender.dateLimite) && tender.dateLimite.getTime() < nowMs)
  );
}

function byPriority(a: CrmRecord, b: CrmRecord): number {
  const level = (t: CrmRecord) => ANALYSED_LEVELS.indexOf(text(t.niveau));
  const score = (t: CrmRecord) => (typeof t.score === 'number' ? t.score : 0);
  return level(a) - level(b) || score(b) - score(a) || text(a.id).localeCompare(text(b.id));
}

/**
 * Cells as the team reads them: dates in Paris time (an ISO instant in UTC would turn a noon
 * deadline into 11:00), amounts in euros.
 */
function promptRecord(tab: TabDef, record: CrmRecord): PromptRecord {
  const out: Record<string, PromptValue> = {};
  for (const field of tab.fields) {
    const value = record[field.key];
    if (value === null || value === undefined || value === '') continue;
    if (isDate(value)) {
      const pattern = field.type === 'date' ? 'dd/MM/yyyy' : 'dd/MM/yyyy HH:mm';
      out[field.key] = Utilities.formatDate(value, CRM_TIME_ZONE, pattern);
    } else if (field.type === 'money' && typeof value === 'number') {
      out[field.key] = frenchEuros(value);
    } else if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    ) {
      out[field.key] = value;
    } else {
      out[field.key] = String(value);
    }
  }
  return out;
}

function messageOf(error: unknown): string {
  if (isCrmError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
