/**
 * Every function Apps Script calls by name: simple triggers, menu items, the clock trigger and
 * the sidebar endpoints. Each builds what it needs and calls one use case; no logic lives here.
 */
import { CrmError, isCrmError } from '../core/errors';
import type {
  ApiResult,
  AutomationStatus,
  CardActivity,
  DispatchReport,
  EditableTab,
  RecordCard,
  RecordDto,
  SearchHit,
  SetupReport,
  SidebarState,
  StageMoveResult,
  PipelineFigures,
  RescoreReport,
  TenderDecision,
  SavedSegment,
  SegmentMembers,
} from './api/contract';
import * as scoring from './scoring/icp-rescorer';
import * as tenders from './boamp/tender-decisions';
import { runBoampWatch } from './boamp/tender-watch';
import { DISPATCH_BUDGET_MS } from './jobs/dispatcher';
import { now } from './platform/clock';
import type { ScoreExplanation } from './api/contract';
import { explainScore as explainIcpScore } from './ai/explain-score';
import * as tenderAnalysis from './ai/tender-analysis';
import * as tenderViews from './tenders/tender-views';
import type { TenderAnalysisResult, TenderFilter, TenderList, TenderView } from './api/contract';
import type {
  CollectivitesFilters,
  CollectivitesImportReport,
  CollectivitesPreview,
} from './api/contract';
import * as collectivites from './import/collectivites-import';
import type {
  AddedDecisionMaker,
  ApplyEnrichmentResult,
  DecisionMakerList,
  EmailVerificationResult,
  EnrichmentResult,
  EnrichmentStatus,
} from './api/contract';
import * as enrichment from './enrichment/enrichment-service';
import * as bulkEnrichment from './enrichment/bulk-enrichment';
import type {
  GeneratedSecret,
  KeyTestResult,
  SecretState,
  SettingsKeysState,
} from './api/contract';
import * as secrets from './settings/secrets-service';
import * as webApp from './webapp/do-post';
import * as segments from './segments/saved-segments';
import { getPipelineFigures as computeFigures } from './pipeline/figures';
import * as pipeline from './pipeline/opportunities';
import { moveStage as moveOpportunityStage } from './pipeline/stage-mover';
import * as activity from './records/activity';
import * as cards from './records/card';
import * as records from './records/record-service';
import { searchRecords as search } from './records/search';
import { toApiError, toApiResult } from './api/envelope';
import * as automations from './automations/trigger-installer';
import { dispatchJobs } from './jobs/dispatcher';
import { getSpreadsheet } from './platform/spreadsheet';
import { setupStructure as runSetup } from './setup/structure-setup';
import { buildMenu, MENU_TITLE } from './ui/menu';
import { getSidebarState as readSidebarState } from './ui/sidebar-state';

// --- simple triggers -------------------------------------------------------------------------

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

// --- menu ------------------------------------------------------------------------------------

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(MENU_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function menuSetupStructure(): void {
  runMenuAction('Installer / réparer la structure', () => {
    const report = runSetup(getSpreadsheet());
    return report.changed
      ? report.changes.join('\n')
      : 'La structure est déjà à jour : rien à modifier.';
  });
}

export function menuRescoreIcp(): void {
  runMenuAction('Scores ICP', () => {
    const report = scoring.rescoreIcp(getSpreadsheet());
    return `${report.organisations} organisations et ${report.contacts} contacts notés ; ${report.changed} scores modifiés.`;
  });
}

/** The filters need a form: the dialog previews, then imports through the endpoints below. */
export function menuImportCollectivites(): void {
  const html = HtmlService.createHtmlOutputFromFile('ImportDialog').setWidth(620).setHeight(660);
  SpreadsheetApp.getUi().showModalDialog(html, 'Importer des collectivités cibles');
}

/** Keys and webhook URLs are typed, tested and saved in a dialog, never in a cell. */
export function menuOpenSettings(): void {
  const html = HtmlService.createHtmlOutputFromFile('SettingsDialog').setWidth(640).setHeight(680);
  SpreadsheetApp.getUi().showModalDialog(html, 'Paramètres et clés');
}

export function menuRunBoampWatch(): void {
  runMenuAction('Veille BOAMP', () => {
    const outcome = runBoampWatch(getSpreadsheet(), {
      deadlineMs: now().getTime() + DISPATCH_BUDGET_MS,
    });
    return outcome.status === 'failed' ? outcome.error : outcome.summary;
  });
}

export function menuEnrichSelection(): void {
  runMenuAction('Enrichissement', () =>
    bulkEnrichment.startSelectionRun(getSpreadsheet(), now().getTime() + DISPATCH_BUDGET_MS),
  );
}

export function menuEnrichIncomplete(): void {
  runMenuAction('Enrichissement', () =>
    bulkEnrichment.startIncompleteRun(getSpreadsheet(), now().getTime() + DISPATCH_BUDGET_MS),
  );
}

export function menuEnableAutomations(): void {
  runMenuAction('Automatisations', () => {
    automations.enableAutomations(getSpreadsheet());
    return 'Automatisations activées : le CRM vérifie chaque heure les tâches planifiées.';
  });
}

export function menuDisableAutomations(): void {
  runMenuAction('Automatisations', () => {
    automations.disableAutomations(getSpreadsheet());
    return 'Automatisations désactivées : aucune tâche planifiée ne sera lancée.';
  });
}

export function menuRunJobsNow(): void {
  runMenuAction('Automatisations', () => describeDispatch(dispatchJobs(getSpreadsheet())));
}

// --- clock trigger ---------------------------------------------------------------------------

export function runScheduledJobs(event?: GoogleAppsScript.Events.TimeDriven): void {
  const report = dispatchJobs(getSpreadsheet(event?.triggerUid));
  console.log(describeDispatch(report));
}

// --- web app (Make.com → CRM) -------------------------------------------------------------------

export function doPost(
  event?: GoogleAppsScript.Events.DoPost,
): GoogleAppsScript.Content.TextOutput {
  return webApp.doPost(event);
}

export function doGet(): GoogleAppsScript.Content.TextOutput {
  return webApp.doGet();
}

// --- sidebar endpoints (google.script.run) -----------------------------------------------------

export function getSidebarState(): ApiResult<SidebarState> {
  return toApiResult(() => readSidebarState(getSpreadsheet()));
}

export function setupStructure(): ApiResult<SetupReport> {
  return toApiResult(() => runSetup(getSpreadsheet()));
}

export function enableAutomations(): ApiResult<AutomationStatus> {
  return toApiResult(() => automations.enableAutomations(getSpreadsheet()));
}

export function disableAutomations(): ApiResult<AutomationStatus> {
  return toApiResult(() => automations.disableAutomations(getSpreadsheet()));
}

export function runJobsNow(): ApiResult<DispatchReport> {
  return toApiResult(() => dispatchJobs(getSpreadsheet()));
}

export function searchRecords(query: string): ApiResult<SearchHit[]> {
  return toApiResult(() => search(getSpreadsheet(), String(query ?? '')));
}

export function getRecord(tab: EditableTab, id: string): ApiResult<RecordDto> {
  return toApiResult(() => records.getRecord(getSpreadsheet(), editableTab(tab), String(id)));
}

export function createRecord(tab: EditableTab, input: RecordDto): ApiResult<RecordDto> {
  return toApiResult(() => {
    const key = editableTab(tab);
    return key === 'opportunites'
      ? pipeline.createOpportunity(getSpreadsheet(), input ?? {})
      : records.createRecord(getSpreadsheet(), key, input ?? {});
  });
}

export function updateRecord(
  tab: EditableTab,
  id: string,
  changes: RecordDto,
): ApiResult<RecordDto> {
  return toApiResult(() => {
    const key = editableTab(tab);
    return key === 'opportunites'
      ? pipeline.updateOpportunity(getSpreadsheet(), String(id), changes ?? {})
      : records.updateRecord(getSpreadsheet(), key, String(id), changes ?? {});
  });
}

export function archiveRecord(tab: EditableTab, id: string): ApiResult<RecordDto> {
  return toApiResult(() => records.archiveRecord(getSpreadsheet(), editableTab(tab), String(id)));
}

export function getCard(
  tab: 'organisations' | 'contacts',
  id: string,
  withActivity?: boolean,
): ApiResult<RecordCard> {
  return toApiResult(() =>
    cards.getCard(getSpreadsheet(), cardTab(tab), String(id), withActivity !== false),
  );
}

export function getActivity(
  tab: 'organisations' | 'contacts',
  id: string,
): ApiResult<CardActivity> {
  return toApiResult(() => cards.getActivity(getSpreadsheet(), cardTab(tab), String(id)));
}

export function getSelectedCard(): ApiResult<RecordCard | null> {
  return toApiResult(() => cards.getSelectedCard(getSpreadsheet()));
}

export function moveStage(
  opportunityId: string,
  stage: string,
  reason: string | null,
): ApiResult<StageMoveResult> {
  return toApiResult(() =>
    moveOpportunityStage(
      getSpreadsheet(),
      String(opportunityId ?? ''),
      String(stage ?? ''),
      typeof reason === 'string' ? reason : null,
    ),
  );
}

export function logInteraction(input: RecordDto): ApiResult<RecordDto> {
  return toApiResult(() => activity.logInteraction(getSpreadsheet(), input ?? {}));
}

export function completeTask(taskId: string): ApiResult<RecordDto> {
  return toApiResult(() => activity.completeTask(getSpreadsheet(), String(taskId)));
}

export function getTodayTasks(): ApiResult<RecordDto[]> {
  return toApiResult(() => cards.getTodayTasks(getSpreadsheet()));
}

export function getPipelineFigures(): ApiResult<PipelineFigures> {
  return toApiResult(() => computeFigures(getSpreadsheet()));
}

export function listSegments(): ApiResult<SavedSegment[]> {
  return toApiResult(() => segments.listSegments(getSpreadsheet()));
}

export function getSegmentMembers(name: string): ApiResult<SegmentMembers> {
  return toApiResult(() => segments.getSegmentMembers(getSpreadsheet(), String(name ?? '')));
}

export function decideTender(tenderId: string, decision: string): ApiResult<TenderDecision> {
  return toApiResult(() =>
    tenders.decideTender(getSpreadsheet(), String(tenderId ?? ''), String(decision ?? '')),
  );
}

export function listTenders(filter: TenderFilter): ApiResult<TenderList> {
  return toApiResult(() =>
    tenderViews.listTenders(
      getSpreadsheet(),
      typeof filter === 'object' && filter !== null ? filter : null,
    ),
  );
}

export function getTender(tenderId: string): ApiResult<TenderView> {
  return toApiResult(() => tenderViews.getTender(getSpreadsheet(), String(tenderId ?? '')));
}

export function analyseTender(tenderId: string): ApiResult<TenderAnalysisResult> {
  return toApiResult(() => tenderAnalysis.analyseTender(getSpreadsheet(), String(tenderId ?? '')));
}

export function rescoreIcp(): ApiResult<RescoreReport> {
  return toApiResult(() => scoring.rescoreIcp(getSpreadsheet()));
}

export function rescoreOrganisation(organisationId: string): ApiResult<RescoreReport> {
  return toApiResult(() =>
    scoring.rescoreOrganisation(getSpreadsheet(), String(organisationId ?? '')),
  );
}

export function explainScore(
  kind: 'organisations' | 'contacts',
  id: string,
): ApiResult<ScoreExplanation> {
  return toApiResult(() => {
    if (kind !== 'organisations' && kind !== 'contacts') throw unknownTab(kind);
    return explainIcpScore(getSpreadsheet(), kind, String(id ?? ''));
  });
}

export function previewCollectivites(
  filters: CollectivitesFilters,
): ApiResult<CollectivitesPreview> {
  return toApiResult(() => collectivites.previewCollectivites(getSpreadsheet(), filters));
}

export function importCollectivites(
  filters: CollectivitesFilters,
): ApiResult<CollectivitesImportReport> {
  return toApiResult(() => collectivites.importCollectivites(getSpreadsheet(), filters));
}

export function enrichContact(contactId: string): ApiResult<EnrichmentResult> {
  return toApiResult(() => enrichment.enrichContact(getSpreadsheet(), String(contactId ?? '')));
}

export function enrichOrganisation(organisationId: string): ApiResult<EnrichmentResult> {
  return toApiResult(() =>
    enrichment.enrichOrganisation(getSpreadsheet(), String(organisationId ?? '')),
  );
}

export function applyEnrichment(
  tab: 'contacts' | 'organisations',
  id: string,
  proposals: unknown,
): ApiResult<ApplyEnrichmentResult> {
  return toApiResult(() =>
    enrichment.applyEnrichment(getSpreadsheet(), tab, String(id ?? ''), proposals),
  );
}

export function verifyEmail(contactId: string): ApiResult<EmailVerificationResult> {
  return toApiResult(() => enrichment.verifyEmail(getSpreadsheet(), String(contactId ?? '')));
}

export function findDecisionMakers(organisationId: string): ApiResult<DecisionMakerList> {
  return toApiResult(() =>
    enrichment.findDecisionMakers(getSpreadsheet(), String(organisationId ?? '')),
  );
}

export function addDecisionMaker(
  organisationId: string,
  candidate: unknown,
): ApiResult<AddedDecisionMaker> {
  return toApiResult(() =>
    enrichment.addDecisionMaker(getSpreadsheet(), String(organisationId ?? ''), candidate),
  );
}

export function getEnrichmentProgress(): ApiResult<EnrichmentStatus> {
  return toApiResult(() => bulkEnrichment.getEnrichmentProgress(getSpreadsheet()));
}

export function getSettingsKeys(): ApiResult<SettingsKeysState> {
  return toApiResult(() => secrets.getSettingsKeys(getSpreadsheet()));
}

export function saveSettingsKey(id: string, value: string): ApiResult<SecretState> {
  return toApiResult(() =>
    secrets.saveSettingsKey(getSpreadsheet(), String(id ?? ''), String(value ?? '')),
  );
}

export function clearSettingsKey(id: string): ApiResult<SecretState> {
  return toApiResult(() => secrets.clearSettingsKey(getSpreadsheet(), String(id ?? '')));
}

export function testSettingsKey(id: string, value: string | null): ApiResult<KeyTestResult> {
  return toApiResult(() =>
    secrets.testSettingsKey(
      getSpreadsheet(),
      String(id ?? ''),
      typeof value === 'string' ? value : null,
    ),
  );
}

export function generateIncomingSecret(): ApiResult<GeneratedSecret> {
  return toApiResult(() => secrets.generateIncomingSecret(getSpreadsheet()));
}

// --- helpers ---

const EDITABLE_TABS: readonly EditableTab[] = [
  'organisations',
  'contacts',
  'opportunites',
  'interactions',
  'taches',
  'appelsOffres',
];

/** Arguments come from the browser: a tab key is checked, never trusted. */
function editableTab(tab: unknown): EditableTab {
  if (typeof tab === 'string' && (EDITABLE_TABS as readonly string[]).includes(tab))
    return tab as EditableTab;
  throw unknownTab(tab);
}

function cardTab(tab: unknown): 'organisations' | 'contacts' {
  if (tab === 'organisations' || tab === 'contacts') return tab;
  throw unknownTab(tab);
}

function unknownTab(tab: unknown): CrmError {
  return new CrmError('VALIDATION', `Onglet inconnu : « ${String(tab)} ».`);
}

function describeDispatch(report: DispatchReport): string {
  const lines = report.ran.map((r) => `${r.label} : ${r.message}`);
  if (report.postponed.length > 0)
    lines.push(`Reporté à la prochaine heure : ${report.postponed.join(', ')}.`);
  return lines.length > 0 ? lines.join('\n') : 'Aucune tâche planifiée n’était due.';
}

/** A menu action reports its result, or its French error, in a dialog instead of a bare stack trace. */
function runMenuAction(title: string, action: () => string): void {
  const ui = SpreadsheetApp.getUi();
  let message: string;
  try {
    message = action();
  } catch (error) {
    message = isCrmError(error) ? error.message : toApiError(error).message;
  }
  ui.alert(title, message, ui.ButtonSet.OK);
}
