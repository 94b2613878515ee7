/**
 * The sidebar's tenders: the list (« Appels d'offres » from Accueil) and the tender card. The
 * list reads the few columns it shows, never the long ones (lots, criteria, analysis); the card
 * reads one row, and its opportunity and buyer by ID. Reading needs no lock: rows are found by ID
 * in the sheet as it is at this instant.
 */
import { isCrmError } from '../../core/errors';
import { getTab } from '../../core/schema/tabs';
import { isDate } from '../../core/text/sheet-safe';
import type {
  RecordDto,
  TenderFilter,
  TenderList,
  TenderSummary,
  TenderView,
} from '../api/contract';
import { hasClaudeKey } from '../claude/claude-service';
import { now } from '../platform/clock';
import { readActiveKeys, text, type CrmRecord } from '../records/crm-snapshot';
import { recordToDto } from '../records/record-dto';
import { RecordSession } from '../records/record-session';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** What fits in a 300 px list without scrolling forever; the total says when there are more. */
export const TENDER_LIST_LIMIT = 50;

const LEVEL_ORDER: readonly string[] = ['Cœur', 'Adjacent', 'Hors cible'];
const RELEVANT_LEVELS: readonly string[] = ['Cœur', 'Adjacent'];
const CLOSED_NOTICE_STATES: readonly string[] = ['Annulé', 'Attribué'];
const OPPORTUNITY_SUMMARY = ['id', 'titre', 'etape', 'montant', 'organisationId', 'dateLimite'];

export function listTenders(spreadsheet: Spreadsheet, filter: TenderFilter | null): TenderList {
  const scope = filter?.scope === 'tous' ? 'tous' : 'ouverts';
  const nowMs = now().getTime();
  const rows = readActiveKeys(spreadsheet, 'appelsOffres', [
    'idweb',
    'objet',
    'acheteur',
    'niveau',
    'score',
    'dateLimite',
    'datePublication',
    'decision',
    'etatAvis',
    'opportuniteId',
  ]);
  const open = (t: CrmRecord) =>
    !CLOSED_NOTICE_STATES.includes(text(t.etatAvis)) &&
    !(isDate(t.dateLimite) && t.dateLimite.getTime() < nowMs);
  const listed = rows
    .filter((t) => scope === 'tous' || (RELEVANT_LEVELS.includes(text(t.niveau)) && open(t)))
    .sort((a, b) => compareTenders(a, b, open));
  return { tenders: listed.slice(0, TENDER_LIST_LIMIT).map(summary), total: listed.length };
}

export function getTender(spreadsheet: Spreadsheet, tenderId: string): TenderView {
  const reader = new RecordSession(spreadsheet);
  const tender = reader.record('appelsOffres', tenderId.trim().toUpperCase());
  const opportunityId = text(tender.opportuniteId);
  const opportunity =
    opportunityId === '' ? null : orNull(() => reader.record('opportunites', opportunityId));
  const organisationId = text(tender.organisationId);
  const organisation =
    organisationId === '' ? null : orNull(() => reader.record('organisations', organisationId));
  return {
    tender: recordToDto(getTab('appelsOffres'), tender),
    opportunity: opportunity ? pick(recordToDto(getTab('opportunites'), opportunity)) : null,
    organisation: organisation
      ? { id: text(organisation.id), nom: text(organisation.nom) || text(organisation.id) }
      : null,
    claudeConfigured: hasClaudeKey(),
  };
}

/**
 * Cœur, then Adjacent, then the rest; within a level the open tenders first, the soonest
 * deadline first (no deadline after those with one), then the closed ones, latest deadline
 * first; then the most recent publication.
 */
function compareTenders(a: CrmRecord, b: CrmRecord, open: (t: CrmRecord) => boolean): number {
  const level = (t: CrmRecord) => {
    const index = LEVEL_ORDER.indexOf(text(t.niveau));
    return index < 0 ? LEVEL_ORDER.length : index;
  };
  const deadline = (t: CrmRecord) => (isDate(t.dateLimite) ? t.dateLimite.getTime() : null);
  const published = (t: CrmRecord) => (isDate(t.datePublication) ? t.datePublication.getTime() : 0);
  const byLevel = level(a) - level(b);
  if (byLevel !== 0) return byLevel;
  const aOpen = open(a);
  const bOpen = open(b);
  if (aOpen !== bOpen) return aOpen ? -1 : 1;
  const da = deadline(a);
  const db = deadline(b);
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return aOpen ? da - db : db - da;
  }
  return published(b) - published(a) || text(b.id).localeCompare(text(a.id));
}

function summary(t: CrmRecord): TenderSummary {
  const orNullText = (value: unknown) => (text(value) === '' ? null : text(value));
  return {
    id: text(t.id),
    idweb: text(t.idweb),
    objet: text(t.objet),
    acheteur: text(t.acheteur),
    niveau: orNullText(t.niveau),
    score: typeof t.score === 'number' ? t.score : null,
    dateLimite: isDate(t.dateLimite) ? t.dateLimite.toISOString() : null,
    decision: orNullText(t.decision),
    etatAvis: orNullText(t.etatAvis),
    opportuniteId: orNullText(t.opportuniteId),
  };
}

function pick(record: RecordDto): RecordDto {
  return Object.fromEntries(OPPORTUNITY_SUMMARY.map((k) => [k, record[k] ?? null]));
}

/** A link to a record deleted since (by hand in the sheet) shows as no link, not as an error. */
function orNull<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (isCrmError(error) && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
