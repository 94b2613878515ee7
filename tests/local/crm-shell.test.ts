/**
 * The add-on's first slice end to end on the built dist/Code.js in the local runtime: menu,
 * structure setup (twice), sidebar state, automations and the hourly dispatcher with a moved
 * clock.
 */
import { TABS } from '../../src/core/schema/tabs';
import { SETTINGS } from '../../src/core/settings/defaults';
import type { DispatchReport, SetupReport, SidebarState } from '../../src/server/api/contract';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';

describe('CRM shell in the local runtime', () => {
  it('builds the CRM UTPLA menu on open, with functions that exist', () => {
    const runtime = freshRuntime();
    const result = runtime.run({
      functionName: 'onOpen',
      args: [{ authMode: 'NONE' }],
      kind: 'simple',
    });
    expect(result.ok).toBe(true);
    expect(result.ui.menus).toHaveLength(1);
    const menu = result.ui.menus[0];
    expect(menu?.title).toBe('CRM UTPLA');
    const captions = menu?.items.flatMap((i) => ('caption' in i ? [i.caption] : [])) ?? [];
    expect(captions).toContain('Installer / réparer la structure');
    expect(captions).toContain('Activer les automatisations');
  });

  it('installs every tab with headers, frozen row and validation, and changes nothing the second time', () => {
    const runtime = freshRuntime();
    const first = callApi<SetupReport>(runtime, 'setupStructure');
    expect(first.changed).toBe(true);
    expect(first.changes.filter((c) => c.startsWith('Onglet'))).toHaveLength(TABS.length);
    expect(first.settingsAdded).toBe(SETTINGS.length);

    const sheets = runtime.withServices((g) => {
      const ss = (
        g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
      ).getActiveSpreadsheet();
      return TABS.map((tab) => {
        const sheet = ss.getSheetByName(tab.name);
        const stage = tab.fields.findIndex((f) => f.key === 'etape');
        return {
          name: tab.name,
          headers: sheet?.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0],
          frozen: sheet?.getFrozenRows(),
          stageValues:
            stage >= 0
              ? sheet
                  ?.getRange(2, stage + 1)
                  .getDataValidation()
                  ?.getCriteriaValues()[0]
              : undefined,
        };
      });
    });
    for (const [index, tab] of TABS.entries()) {
      expect(sheets[index]?.headers).toEqual(tab.fields.map((f) => f.header));
      expect(sheets[index]?.frozen).toBe(1);
    }
    expect(sheets.find((s) => s.name === 'Opportunites')?.stageValues).toEqual([
      'Lead',
      'Qualifié',
      'Contacté',
      'En discussion',
      'Proposition envoyée',
      'Négociation',
      'Gagné',
      'Perdu',
    ]);

    const journalBefore = readSheetValues(runtime, 'Journal', false).length;
    const second = callApi<SetupReport>(runtime, 'setupStructure');
    expect(second).toEqual({ changed: false, changes: [], settingsAdded: 0 });
    expect(readSheetValues(runtime, 'Journal', false)).toHaveLength(journalBefore);
  });

  it('repairs a tab whose column a user deleted, keeping the user’s own column and data', () => {
    const runtime = freshRuntime();
    callApi(runtime, 'setupStructure');
    runtime.withServices((g) => {
      const sheet = (g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Contacts');
      if (!sheet) throw new Error('no Contacts');
      const emailColumn =
        (sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? []).indexOf('Email') + 1;
      sheet.deleteColumn(emailColumn);
      const last = sheet.getLastColumn();
      sheet.insertColumnsAfter(last, 1);
      sheet.getRange(1, last + 1, 2, 1).setValues([['Ma colonne'], ['gardée']]);
      sheet.getRange(2, 1, 1, 2).setValues([['CT-000001', 'Durand']]);
    });
    const report = callApi<SetupReport>(runtime, 'setupStructure');
    expect(report.changes).toEqual(['Onglet « Contacts » : colonne ajoutée « Email ».']);
    const values = readSheetValues(runtime, 'Contacts', false);
    const header = values[0] as string[];
    expect(header[header.length - 1]).toBe('Email');
    expect(header[header.length - 2]).toBe('Ma colonne');
    expect(values[1]?.[header.length - 2]).toBe('gardée');
    expect(values[1]?.slice(0, 2)).toEqual(['CT-000001', 'Durand']);
  });

  it('formats text columns as plain text, so formula-like and phone-like text stays text', () => {
    const runtime = freshRuntime();
    callApi(runtime, 'setupStructure');
    const stored = runtime.withServices((g) => {
      const sheet = (g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Contacts');
      if (!sheet) throw new Error('no Contacts');
      const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
      const nom = headers.indexOf('Nom') + 1;
      const telephone = headers.indexOf('Téléphone') + 1;
      // Row 1500 is past the initial grid: rows inserted by Sheets copy the formats above.
      sheet.insertRowsAfter(sheet.getMaxRows(), 600);
      const range = (row: number, column: number) => sheet.getRange(row, column);
      range(2, nom).setValue('=IMPORTXML("http://evil.example","//a")');
      range(2, telephone).setValue('+33612345678');
      range(1500, nom).setValue('=HYPERLINK("http://evil.example")');
      return {
        nom: range(2, nom).getValue(),
        formula: range(2, nom).getFormula(),
        telephone: range(2, telephone).getValue(),
        far: range(1500, nom).getValue(),
      };
    });
    expect(stored).toEqual({
      nom: '=IMPORTXML("http://evil.example","//a")',
      formula: '',
      telephone: '+33612345678',
      far: '=HYPERLINK("http://evil.example")',
    });
  });

  it('shows the tabs and their record counts in the sidebar state', () => {
    const runtime = freshRuntime();
    const before = callApi<SidebarState>(runtime, 'getSidebarState');
    expect(before.tabs.every((t) => !t.exists)).toBe(true);
    callApi(runtime, 'setupStructure');
    runtime.withServices((g) => {
      const sheet = (g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
        .getActiveSpreadsheet()
        .getSheetByName('Contacts');
      sheet?.getRange(2, 1, 3, 2).setValues([
        ['CT-000001', 'A'],
        ['CT-000002', 'B'],
        ['CT-000003', 'C'],
      ]);
    });
    const after = callApi<SidebarState>(runtime, 'getSidebarState');
    expect(after.tabs.find((t) => t.name === 'Contacts')).toEqual({
      name: 'Contacts',
      exists: true,
      records: 3,
      missingColumns: [],
    });
    expect(after.tabs.find((t) => t.name === 'Parametres')?.records).toBe(SETTINGS.length);
    expect(after.jobs.map((j) => j.id)).toContain('controle-structure');
  });

  it('installs one hourly trigger however often it is enabled, and removes it', () => {
    const runtime = freshRuntime();
    callApi(runtime, 'setupStructure');
    callApi(runtime, 'enableAutomations');
    const status = callApi<{ enabled: boolean }>(runtime, 'enableAutomations');
    expect(status.enabled).toBe(true);
    const triggers = runtime.readState().triggers;
    expect(triggers).toHaveLength(1);
    expect(triggers[0]?.handlerFunction).toBe('runScheduledJobs');
    expect(triggers[0]?.everyMs).toBe(3_600_000);
    expect(callApi<{ enabled: boolean }>(runtime, 'disableAutomations').enabled).toBe(false);
    expect(runtime.readState().triggers).toHaveLength(0);
  });

  it('runs due jobs from the hourly trigger once per slot, recording success and failure', () => {
    const runtime = freshRuntime({ now: new Date('2026-11-28T05:30:00Z') });
    callApi(runtime, 'setupStructure');
    callApi(runtime, 'enableAutomations');

    runtime.setNow(new Date('2026-11-28T06:31:00Z'));
    const fired = runtime.runDueTriggers();
    expect(fired).toHaveLength(1);
    expect(fired[0]?.ok).toBe(true);
    let state = callApi<SidebarState>(runtime, 'getSidebarState');
    const job = state.jobs.find((j) => j.id === 'controle-structure');
    expect(job?.lastSummary).toBe('Structure complète.');
    expect(job?.lastSuccessIso?.startsWith('2026-11-28T06:31')).toBe(true);
    expect(state.automations.lastTickIso?.startsWith('2026-11-28T06:31')).toBe(true);

    // Same slot an hour later: no job that ran is due again (but the BOAMP watch, which has no
    // stand-in in this test, failed and is retried: tests/local/boamp-watch.test.ts covers it;
    // the webhook retries run every hour, and late tasks are announced from 8 h).
    runtime.setNow(new Date('2026-11-28T07:31:00Z'));
    const again = callApi<DispatchReport>(runtime, 'runJobsNow').ran;
    expect(
      again.filter((r) => !['veille-boamp', 'webhooks', 'taches-en-retard'].includes(r.id)),
    ).toEqual([]);

    // A user deletes a tab; the next day's check fails and says what to do.
    runtime.withServices((g) => {
      const ss = (
        g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp
      ).getActiveSpreadsheet();
      const sheet = ss.getSheetByName('Taches');
      if (sheet) ss.deleteSheet(sheet);
    });
    runtime.setNow(new Date('2026-11-29T05:05:00Z'));
    const report = callApi<DispatchReport>(runtime, 'runJobsNow');
    const check = report.ran.find((r) => r.id === 'controle-structure');
    expect(check?.status).toBe('failed');
    expect(check?.message).toContain('Onglet « Taches » absent.');
    state = callApi<SidebarState>(runtime, 'getSidebarState');
    expect(state.jobs[0]?.lastError).toContain('Installer / réparer la structure');
    const journal = readSheetValues(runtime, 'Journal', false);
    expect(journal.some((row) => row.includes('Échec automatisation'))).toBe(true);
  });

  it('returns French errors as { ok: false, code, message } and refuses what google.script.run refuses', () => {
    const runtime = freshRuntime();
    const unknown = runtime.run({ functionName: 'noSuchEndpoint', kind: 'sidebar' });
    expect(unknown.ok).toBe(false);
    const withDate = runtime.run({
      functionName: 'getSidebarState',
      args: [new Date()],
      kind: 'sidebar',
    });
    expect(withDate.ok).toBe(false);
    expect(withDate.error?.message).toContain('Date');
  });
});
