/**
 * What the sidebar shows on opening: each tab with its record count and missing columns, the
 * automations switch, and the last run of every job.
 */
import { mapHeaders } from '../../core/schema/header-map';
import { TABS } from '../../core/schema/tabs';
import { describeSchedule } from '../../core/scheduler/schedule';
import type { JobStatus, SidebarState, TabStatus } from '../api/contract';
import { automationStatus } from '../automations/trigger-installer';
import { loadJobStates } from '../jobs/job-state-store';
import { buildJobRegistry } from '../jobs/registry';
import { now } from '../platform/clock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readSettings } from '../settings/settings-reader';
import { readColumn, readHeaderRow } from '../sheets/sheet-io';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function getSidebarState(spreadsheet: Spreadsheet): SidebarState {
  const states = loadJobStates();
  const jobs: JobStatus[] = buildJobRegistry(readSettings(spreadsheet)).map(({ definition }) => {
    const state = states[definition.id];
    return {
      id: definition.id,
      label: definition.label,
      schedule: describeSchedule(definition.schedule),
      lastRunIso: state?.lastRunIso ?? null,
      lastSuccessIso: state?.lastSuccessIso ?? null,
      lastFailureIso: state?.lastFailureIso ?? null,
      lastError: state?.lastError ?? null,
      lastSummary: state?.lastSummary ?? null,
      resuming: state?.continuation !== undefined,
    };
  });
  return {
    spreadsheetName: spreadsheet.getName(),
    userEmail: currentUserEmail(),
    timeZone: spreadsheet.getSpreadsheetTimeZone(),
    tabs: TABS.map((tab) => tabStatus(spreadsheet, tab)),
    automations: automationStatus(spreadsheet),
    jobs,
    generatedAtIso: now().toISOString(),
  };
}

function tabStatus(spreadsheet: Spreadsheet, tab: (typeof TABS)[number]): TabStatus {
  const sheet = spreadsheet.getSheetByName(tab.name);
  if (!sheet)
    return {
      name: tab.name,
      exists: false,
      records: 0,
      missingColumns: tab.fields.map((f) => f.header),
    };
  const map = mapHeaders(tab, readHeaderRow(sheet));
  const idColumn = map.columnOf.get('id');
  const records =
    idColumn === undefined
      ? Math.max(sheet.getLastRow() - 1, 0)
      : readColumn(sheet, idColumn + 1).filter((v) => String(v).trim() !== '').length;
  return {
    name: tab.name,
    exists: true,
    records,
    missingColumns: map.missing.map((f) => f.header),
  };
}
