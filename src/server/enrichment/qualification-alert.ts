/**
 * "Alerte si qualifié": an organisation that an enrichment carries over `icp.seuil_qualifie` is
 * announced by email to the report recipients (Parametres `rapports.destinataires`), as a
 * `contact.qualifie` event to Slack / Make.com, and journaled (action « Seuil ICP franchi »). A
 * failing channel is reported, never thrown: the enrichment it follows is already written.
 */
import { parseIntegerSetting } from '../../core/settings/defaults';
import {
  qualificationEmail,
  thresholdCrossings,
  type QualifiedRecord,
} from '../../core/enrichment';
import { appendJournal } from '../journal/journal-writer';
import { emitContactQualified } from '../webhooks/emitter';
import { now } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readKeyed } from '../records/keyed-table';
import { rowToRecord } from '../records/table-snapshot';
import { getTab } from '../../core/schema/tabs';
import type { Settings } from '../settings/settings-reader';
import { sendReportMail } from '../platform/report-mail';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const QUALIFIED_JOURNAL_ACTION = 'Seuil ICP franchi';

export function qualificationThreshold(settings: Settings): number {
  return parseIntegerSetting(settings.get('icp.seuil_qualifie'), 70, 0, 100);
}

/** Score and name of organisations, read by their key columns only. */
export function readScores(
  spreadsheet: Spreadsheet,
  ids: ReadonlySet<string>,
): Map<string, { score: number; name: string }> {
  const scores = new Map<string, { score: number; name: string }>();
  if (ids.size === 0) return scores;
  const table = readKeyed(spreadsheet, getTab('organisations'), ['id', 'nom', 'scoreIcp']);
  for (const id of ids) {
    const index = table.rowIndexById.get(id);
    if (index === undefined) continue;
    const record = rowToRecord(table, table.rows[index] ?? []);
    const score = typeof record.scoreIcp === 'number' ? record.scoreIcp : Number(record.scoreIcp);
    if (Number.isFinite(score)) scores.set(id, { score, name: String(record.nom ?? '') });
  }
  return scores;
}

export interface QualificationReport {
  readonly qualified: readonly QualifiedRecord[];
  readonly sentTo: readonly string[];
  readonly failures: readonly string[];
}

/** Compares the scores before and after, and announces the crossings. */
export function announceCrossings(
  spreadsheet: Spreadsheet,
  settings: Settings,
  before: ReadonlyMap<string, number | null>,
): QualificationReport {
  const after = readScores(spreadsheet, new Set(before.keys()));
  const qualified = thresholdCrossings(before, after, qualificationThreshold(settings));
  if (qualified.length === 0) return { qualified, sentTo: [], failures: [] };
  return { qualified, ...notifyQualified(spreadsheet, settings, qualified) };
}

export function notifyQualified(
  spreadsheet: Spreadsheet,
  settings: Settings,
  qualified: readonly QualifiedRecord[],
): { sentTo: string[]; failures: string[] } {
  const sentTo: string[] = [];
  const failures: string[] = [];
  const mail = sendReportMail(
    settings,
    () => qualificationEmail(qualified, spreadsheet.getUrl()),
    'Alerte de qualification non envoyée',
  );
  if (mail.sentTo) sentTo.push(mail.sentTo);
  if (mail.failure) failures.push(mail.failure);
  // Slack and Make.com: the webhooks' own once-a-day mark keeps a crossing announced once even
  // when the rescoring that follows announces it too.
  const webhooks = emitContactQualified(
    spreadsheet,
    qualified.map((q) => ({ ...q, cause: 'Enrichissement' })),
  );
  sentTo.push(...webhooks.sentTo);
  failures.push(...webhooks.failures);
  const at = now();
  const user = currentUserEmail();
  withDocumentLock(() =>
    appendJournal(
      spreadsheet,
      qualified.map((q) => ({
        at,
        user,
        action: QUALIFIED_JOURNAL_ACTION,
        tab: getTab('organisations').name,
        recordId: q.id,
        field: 'Score ICP',
        oldValue: q.before === null ? '' : String(q.before),
        newValue: String(q.after),
        detail: `${q.name} : seuil de qualification ${q.threshold} atteint après enrichissement${sentTo.length > 0 ? ` ; alerte : ${sentTo.join(', ')}` : ''}${failures.length > 0 ? ` ; ${failures.join(' ')}` : ''}.`,
      })),
    ),
  );
  return { sentTo, failures };
}
