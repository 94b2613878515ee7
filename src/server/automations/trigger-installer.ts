/**
 * Installs the single hourly clock trigger an editor add-on may have per user and document
 * (DESIGN.md §5). Installing twice leaves one trigger; the trigger's spreadsheet is remembered for
 * executions without an active spreadsheet.
 */
import type { AutomationStatus } from '../api/contract';
import { lastTick } from '../jobs/job-state-store';
import { forgetTriggerSpreadsheet, rememberTriggerSpreadsheet } from '../platform/spreadsheet';

export const TICK_HANDLER = 'runScheduledJobs';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function tickTriggers(spreadsheet: Spreadsheet): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(spreadsheet).filter(
    (t) => t.getHandlerFunction() === TICK_HANDLER,
  );
}

export function enableAutomations(spreadsheet: Spreadsheet): AutomationStatus {
  const existing = tickTriggers(spreadsheet);
  if (existing.length !== 1) {
    removeTriggers(existing);
    const trigger = ScriptApp.newTrigger(TICK_HANDLER).timeBased().everyHours(1).create();
    rememberTriggerSpreadsheet(trigger.getUniqueId(), spreadsheet.getId());
  }
  return automationStatus(spreadsheet);
}

export function disableAutomations(spreadsheet: Spreadsheet): AutomationStatus {
  removeTriggers(tickTriggers(spreadsheet));
  return automationStatus(spreadsheet);
}

export function automationStatus(spreadsheet: Spreadsheet): AutomationStatus {
  return { enabled: tickTriggers(spreadsheet).length > 0, lastTickIso: lastTick() };
}

function removeTriggers(triggers: GoogleAppsScript.Script.Trigger[]): void {
  for (const trigger of triggers) {
    forgetTriggerSpreadsheet(trigger.getUniqueId());
    ScriptApp.deleteTrigger(trigger);
  }
}
