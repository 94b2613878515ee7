/**
 * Every function Apps Script calls by name: simple triggers, menu items, the clock trigger and
 * the sidebar endpoints. Each builds what it needs and calls one use case; no logic lives here.
 */
import { isCrmError } from '../core/errors';
import type {
  ApiResult,
  AutomationStatus,
  DispatchReport,
  SetupReport,
  SidebarState,
} from './api/contract';
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

// --- helpers ---------------------------------------------------------------------------------

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
