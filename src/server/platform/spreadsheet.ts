/**
 * Which spreadsheet the CRM works on. In a menu or sidebar call it is the active one; in a
 * time-driven trigger of an editor add-on there may be no active spreadsheet, so the trigger's
 * spreadsheet id is remembered when the trigger is installed.
 */
import { CrmError } from '../../core/errors';

const TRIGGER_SPREADSHEET_PREFIX = 'crm.trigger.spreadsheet.';

export function getSpreadsheet(triggerUid?: string): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet();
  if (active) return active;
  if (triggerUid) {
    const id = PropertiesService.getUserProperties().getProperty(
      TRIGGER_SPREADSHEET_PREFIX + triggerUid,
    );
    if (id) return SpreadsheetApp.openById(id);
  }
  throw new CrmError(
    'NOT_FOUND',
    'Aucun classeur actif : ouvrez le classeur du CRM puis réessayez.',
  );
}

export function rememberTriggerSpreadsheet(triggerUid: string, spreadsheetId: string): void {
  PropertiesService.getUserProperties().setProperty(
    TRIGGER_SPREADSHEET_PREFIX + triggerUid,
    spreadsheetId,
  );
}

export function forgetTriggerSpreadsheet(triggerUid: string): void {
  PropertiesService.getUserProperties().deleteProperty(TRIGGER_SPREADSHEET_PREFIX + triggerUid);
}

export function currentUserEmail(): string {
  // Empty when Google does not disclose the user (consumer accounts in some trigger contexts).
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || '';
}
