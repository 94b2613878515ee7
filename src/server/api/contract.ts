/**
 * The typed boundary between the sidebar and the server (google.script.run). The sidebar imports
 * this file for types only. Everything that crosses is plain JSON: ISO strings instead of Dates,
 * no undefined in arrays, errors as `{ ok: false, code, message }` (DESIGN.md §5).
 */

export type { PipelineFigures, StageFigures } from '../../core/pipeline/metrics';
import type { PipelineFigures } from '../../core/pipeline/metrics';
export type { CollectivitesFilters } from '../../core/collectivites/filters';
export type {
  CollectivitesImportReport,
  CollectivitesPreview,
} from '../../core/collectivites/report';
import type { CollectivitesFilters } from '../../core/collectivites/filters';
import type {
  CollectivitesImportReport,
  CollectivitesPreview,
} from '../../core/collectivites/report';

export type {
  AddedDecisionMaker,
  ApplyEnrichmentResult,
  CreditStatus,
  DecisionMakerCandidate,
  DecisionMakerList,
  DecisionMakerOption,
  EmailVerificationResult,
  EnrichmentFill,
  EnrichmentProposal,
  EnrichmentResult,
  EnrichmentStatus,
  QualifiedRecord,
} from './enrichment-contract';
import type {
  AddedDecisionMaker,
  ApplyEnrichmentResult,
  DecisionMakerCandidate,
  DecisionMakerList,
  EmailVerificationResult,
  EnrichmentProposal,
  EnrichmentResult,
  EnrichmentStatus,
} from './enrichment-contract';

export type {
  GeneratedSecret,
  KeyTestResult,
  SecretState,
  SettingsKeysState,
} from './settings-contract';
import type {
  GeneratedSecret,
  KeyTestResult,
  SecretState,
  SettingsKeysState,
} from './settings-contract';

export interface SavedSegment {
  readonly name: string;
  readonly filter: string;
  /** The French error when the filter cannot be read; the segment is then not usable. */
  readonly error: string | null;
}

export interface SegmentMembers {
  readonly name: string;
  readonly filter: string;
  readonly organisations: readonly SearchHit[];
  readonly contacts: readonly SearchHit[];
  /** Matches before each list was cut to its first 200. */
  readonly totalOrganisations: number;
  readonly totalContacts: number;
}

export interface TenderDecision {
  readonly tender: RecordDto;
  /** The opportunity the Go decision opened (or had opened before), null otherwise. */
  readonly opportunity: RecordDto | null;
  readonly tasks: readonly RecordDto[];
}

export type { TenderAnalysis } from '../../core/ai/tender-analysis';
import type { TenderAnalysis } from '../../core/ai/tender-analysis';

/** « Analyser avec Claude » on a tender: the answer, and the text written in « Analyse IA ». */
export interface TenderAnalysisResult {
  /** The tender as it is now, « Analyse IA » filled. */
  readonly tender: RecordDto;
  readonly analysis: TenderAnalysis;
  /** The French text the « Analyse IA » cell holds (plain text, headings per part). */
  readonly text: string;
  /** The model id that answered (an alias comes back dated). */
  readonly model: string;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
}

/** A tender as the list of the sidebar shows it. */
export interface TenderSummary {
  readonly id: string;
  readonly idweb: string;
  readonly objet: string;
  readonly acheteur: string;
  /** Cœur, Adjacent, Hors cible; null when the row was typed by hand. */
  readonly niveau: string | null;
  readonly score: number | null;
  /** Submission deadline, ISO instant; null when the notice gives none. */
  readonly dateLimite: string | null;
  readonly decision: string | null;
  readonly etatAvis: string | null;
  readonly opportuniteId: string | null;
}

export interface TenderFilter {
  /**
   * `ouverts` (the default): Cœur and Adjacent notices whose deadline has not passed and that are
   * neither cancelled nor awarded. `tous`: every tender of the tab but archived ones.
   */
  readonly scope?: 'ouverts' | 'tous';
}

export interface TenderList {
  /** Cœur first, then Adjacent, then the rest; within a level open deadlines first, soonest first. */
  readonly tenders: readonly TenderSummary[];
  /** Tenders matching the filter, before the list was cut to its first 50. */
  readonly total: number;
}

/** The tender card: the row, and what its Go decision opened. */
export interface TenderView {
  readonly tender: RecordDto;
  /** The linked opportunity (ID, title, stage, amount, organisation), null when none. */
  readonly opportunity: RecordDto | null;
  /** The buyer's record in Organisations, when the tender is linked to one. */
  readonly organisation: { readonly id: string; readonly nom: string } | null;
  /** False without a Claude key: the card says « Clé Claude absente — Paramètres » up front. */
  readonly claudeConfigured: boolean;
}

export interface RescoreReport {
  readonly organisations: number;
  readonly contacts: number;
  /** Records whose score changed. */
  readonly changed: number;
}

/** "Expliquer ce score": Claude's words on the rule-based score; nothing it says changes a field. */
export interface ScoreExplanation {
  readonly kind: 'organisations' | 'contacts';
  readonly id: string;
  /** The rule-based score (0–100) being explained; Claude never changes it. */
  readonly score: number;
  /** One line per dimension, then the confidence: the same text as « Détail score ICP ». */
  readonly reasons: readonly string[];
  /** 3–5 sentences in French. */
  readonly explanation: string;
  /** One suggested next action, never applied by the CRM. */
  readonly nextAction: string;
  /** The model id that answered (an alias comes back dated). */
  readonly model: string;
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
}

export interface FieldError {
  /** Schema key of the field. */
  readonly field: string;
  /** French message naming the field and the rejected value. */
  readonly message: string;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly field?: string;
      /** Every field error of a refused form, to show next to each field. */
      readonly fieldErrors?: readonly FieldError[];
    };

/** A record as plain JSON: schema key → value; dates as `yyyy-MM-dd`, date-times as ISO. */
export type RecordDto = Record<string, string | number | boolean | null>;

export type EditableTab =
  'organisations' | 'contacts' | 'opportunites' | 'interactions' | 'taches' | 'appelsOffres';

export interface SearchHit {
  readonly tab: 'organisations' | 'contacts' | 'opportunites';
  readonly id: string;
  /** Name of the organisation, full name of the contact, title of the opportunity. */
  readonly title: string;
  /** Type and town, position and organisation, stage and amount. */
  readonly subtitle: string;
}

/** The 360° view of an organisation or a contact. */
export interface RecordCard {
  readonly tab: 'organisations' | 'contacts';
  readonly record: RecordDto;
  /** The contact's organisation; null for an organisation's own card. */
  readonly organisation: RecordDto | null;
  readonly contacts: readonly RecordDto[];
  /** Open first, then closed; each with its stage. */
  readonly opportunities: readonly RecordDto[];
  /** Most recent first. */
  readonly interactions: readonly RecordDto[];
  /** Open tasks, earliest due first. */
  readonly tasks: readonly RecordDto[];
  /** False when the card was asked without its activity (then interactions and tasks are empty). */
  readonly activityIncluded: boolean;
}

/** The interactions and open tasks of a card, asked for apart from the card itself. */
export interface CardActivity {
  /** Most recent first. */
  readonly interactions: readonly RecordDto[];
  /** Open tasks, earliest due first. */
  readonly tasks: readonly RecordDto[];
}

export interface StageMoveResult {
  readonly opportunity: RecordDto;
  readonly from: string;
  readonly to: string;
}

export interface TabStatus {
  readonly name: string;
  readonly exists: boolean;
  /** Records (rows with an ID) for record tabs, filled rows for the others. */
  readonly records: number;
  /** French headers of the schema columns the tab lacks. */
  readonly missingColumns: readonly string[];
}

export interface JobStatus {
  readonly id: string;
  readonly label: string;
  readonly schedule: string;
  readonly lastRunIso: string | null;
  readonly lastSuccessIso: string | null;
  readonly lastFailureIso: string | null;
  readonly lastError: string | null;
  readonly lastSummary: string | null;
  /** An interrupted run will resume at the next tick. */
  readonly resuming: boolean;
}

export interface AutomationStatus {
  readonly enabled: boolean;
  /** When the hourly tick last ran, from any job run. */
  readonly lastTickIso: string | null;
}

export interface SidebarState {
  readonly spreadsheetName: string;
  readonly userEmail: string;
  readonly timeZone: string;
  readonly tabs: readonly TabStatus[];
  readonly automations: AutomationStatus;
  readonly jobs: readonly JobStatus[];
  readonly generatedAtIso: string;
}

export interface SetupReport {
  readonly changed: boolean;
  /** One French line per change made. */
  readonly changes: readonly string[];
  readonly settingsAdded: number;
}

export interface DispatchReport {
  readonly ran: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly status: string;
    readonly message: string;
  }>;
  /** Due jobs left for the next tick because the time budget ran out. */
  readonly postponed: readonly string[];
}

/** Every function the sidebar may call, with its parameters and result. */
export interface CrmApi {
  getSidebarState(): ApiResult<SidebarState>;
  setupStructure(): ApiResult<SetupReport>;
  enableAutomations(): ApiResult<AutomationStatus>;
  disableAutomations(): ApiResult<AutomationStatus>;
  runJobsNow(): ApiResult<DispatchReport>;
  searchRecords(query: string): ApiResult<SearchHit[]>;
  getRecord(tab: EditableTab, id: string): ApiResult<RecordDto>;
  createRecord(tab: EditableTab, input: RecordDto): ApiResult<RecordDto>;
  updateRecord(tab: EditableTab, id: string, changes: RecordDto): ApiResult<RecordDto>;
  archiveRecord(tab: EditableTab, id: string): ApiResult<RecordDto>;
  /** `withActivity` false leaves interactions and tasks to getActivity, called in parallel. */
  getCard(
    tab: 'organisations' | 'contacts',
    id: string,
    withActivity?: boolean,
  ): ApiResult<RecordCard>;
  /** The card's interactions and open tasks. */
  getActivity(tab: 'organisations' | 'contacts', id: string): ApiResult<CardActivity>;
  /** The card of the record on the row the cursor is on, or null. */
  getSelectedCard(): ApiResult<RecordCard | null>;
  moveStage(
    opportunityId: string,
    stage: string,
    reason: string | null,
  ): ApiResult<StageMoveResult>;
  logInteraction(input: RecordDto): ApiResult<RecordDto>;
  completeTask(taskId: string): ApiResult<RecordDto>;
  /** Open tasks due today or late. */
  getTodayTasks(): ApiResult<RecordDto[]>;
  /** Count, value, weighted value, average days and conversion per stage. */
  getPipelineFigures(): ApiResult<PipelineFigures>;
  /** The segments saved in Parametres (`segment.<nom>` rows). */
  listSegments(): ApiResult<SavedSegment[]>;
  /** The organisations and contacts of a saved segment. */
  getSegmentMembers(name: string): ApiResult<SegmentMembers>;
  /** Go opens a deal at Qualifié with the deadlines as tasks; No go and À analyser only record. */
  decideTender(tenderId: string, decision: string): ApiResult<TenderDecision>;
  /** Recent tenders for the sidebar's list (at most 50). */
  listTenders(filter: TenderFilter): ApiResult<TenderList>;
  /** A tender's card: the row, its opportunity and organisation, whether Claude has a key. */
  getTender(tenderId: string): ApiResult<TenderView>;
  /**
   * Claude's analysis of the notice, written in « Analyse IA » (action Automatique). CONFIG
   * « Clé Claude absente — Paramètres » without a key; QUOTA once the month's budget is spent.
   */
  analyseTender(tenderId: string): ApiResult<TenderAnalysisResult>;
  /** Every organisation and contact rescored (the menu item's work). */
  rescoreIcp(): ApiResult<RescoreReport>;
  /** One organisation and its contacts rescored, after the sidebar saved something of theirs. */
  rescoreOrganisation(organisationId: string): ApiResult<RescoreReport>;
  /**
   * Claude's explanation of a record's ICP score and one next action. CONFIG « Clé Claude
   * absente — Paramètres » without a key; QUOTA once the month's budget is spent.
   */
  explainScore(kind: 'organisations' | 'contacts', id: string): ApiResult<ScoreExplanation>;
  /** What importing the bundled collectivités with these filters would add now (the dialog). */
  previewCollectivites(filters: CollectivitesFilters): ApiResult<CollectivitesPreview>;
  /** Adds the missing ones to Organisations, scored; archived ones are never added again. */
  importCollectivites(filters: CollectivitesFilters): ApiResult<CollectivitesImportReport>;
  /**
   * Apollo (and Hunter for the address) on one contact: empty fields filled and journaled with
   * their source, differing values returned as proposals, ICP rescored. A contact enriched less
   * than `enrichissement.delai_jours` ago is not sent again (`skipped` says so); an opted-out one
   * never (RULE). CONFIG without any key, QUOTA once a monthly budget is spent.
   */
  enrichContact(contactId: string): ApiResult<EnrichmentResult>;
  /** Apollo's organisation enrichment by domain (« Domaine email » or « Site web »). */
  enrichOrganisation(organisationId: string): ApiResult<EnrichmentResult>;
  /** The user's click: the proposals still matching the record are applied; the others are `stale`. */
  applyEnrichment(
    tab: 'contacts' | 'organisations',
    id: string,
    proposals: readonly EnrichmentProposal[],
  ): ApiResult<ApplyEnrichmentResult>;
  /** Hunter's verdict on the contact's address, stored with its date; Invalide blocks drafts. */
  verifyEmail(contactId: string): ApiResult<EmailVerificationResult>;
  /** Apollo people search by domain and decision-maker titles: candidates only, nothing added. */
  findDecisionMakers(organisationId: string): ApiResult<DecisionMakerList>;
  /** The candidate the user picked, revealed by Apollo (1 credit) and added as a contact. */
  addDecisionMaker(
    organisationId: string,
    candidate: DecisionMakerCandidate,
  ): ApiResult<AddedDecisionMaker>;
  /** The bulk run's progress (done / total, running, last error) and the credits left. */
  getEnrichmentProgress(): ApiResult<EnrichmentStatus>;
  /** « Paramètres et clés… »: every secret, masked, with the web app's URL and Slack's events. */
  getSettingsKeys(): ApiResult<SettingsKeysState>;
  /** Stores a key or webhook URL (checked first: an URL must be Make's or Slack's). */
  saveSettingsKey(id: string, value: string): ApiResult<SecretState>;
  clearSettingsKey(id: string): ApiResult<SecretState>;
  /** One cheap real call with the typed value, or the stored one when `value` is null. */
  testSettingsKey(id: string, value: string | null): ApiResult<KeyTestResult>;
  /** A new shared secret for the web app, returned in full this once. */
  generateIncomingSecret(): ApiResult<GeneratedSecret>;
}

export type ApiName = keyof CrmApi;

/** The same names as a value, for the build and the bundle test. */
export const API_NAMES: readonly ApiName[] = [
  'getSidebarState',
  'setupStructure',
  'enableAutomations',
  'disableAutomations',
  'runJobsNow',
  'searchRecords',
  'getRecord',
  'createRecord',
  'updateRecord',
  'archiveRecord',
  'getCard',
  'getSelectedCard',
  'getActivity',
  'moveStage',
  'logInteraction',
  'completeTask',
  'getTodayTasks',
  'getPipelineFigures',
  'decideTender',
  'listTenders',
  'getTender',
  'analyseTender',
  'rescoreIcp',
  'rescoreOrganisation',
  'explainScore',
  'previewCollectivites',
  'importCollectivites',
  'listSegments',
  'getSegmentMembers',
  'enrichContact',
  'enrichOrganisation',
  'applyEnrichment',
  'verifyEmail',
  'findDecisionMakers',
  'addDecisionMaker',
  'getEnrichmentProgress',
  'getSettingsKeys',
  'saveSettingsKey',
  'clearSettingsKey',
  'testSettingsKey',
  'generateIncomingSecret',
];
