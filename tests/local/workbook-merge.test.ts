/**
 * Two runtimes on one workbook file (as the web server and a CLI command are): writes to different
 * cells both land, like cell-level writes in Sheets, and taking the document lock shows the other
 * process's saved work.
 */
import * as path from 'node:path';
import { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { tempDir } from './helpers';

type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Locks = GoogleAppsScript.Lock.LockService;

function setup(): { a: LocalRuntime; b: LocalRuntime } {
  const workbookPath = path.join(tempDir(), 'shared.xlsx');
  const a = new LocalRuntime({ workbookPath });
  a.withServices((g) => {
    (g.SpreadsheetApp as App)
      .getActiveSpreadsheet()
      .insertSheet('Contacts')
      .getRange(1, 1, 1, 2)
      .setValues([['ID', 'Nom']]);
  });
  return { a, b: new LocalRuntime({ workbookPath }) };
}

describe('workbook shared by two processes', () => {
  it('keeps both executions’ writes when one saved while the other was running', () => {
    const { a, b } = setup();
    b.withServices((g) => {
      const sheet = (g.SpreadsheetApp as App).getActiveSpreadsheet().getSheetByName('Contacts');
      sheet?.getRange(3, 1, 1, 2).setValues([['CT-000002', 'Écrit par B']]);
      // Meanwhile another process writes row 2 and saves.
      a.withServices((other) => {
        (other.SpreadsheetApp as App)
          .getActiveSpreadsheet()
          .getSheetByName('Contacts')
          ?.getRange(2, 1, 1, 2)
          .setValues([['CT-000001', 'Écrit par A']]);
      });
    });
    expect(readSheetValues(a, 'Contacts', false)).toEqual([
      ['ID', 'Nom'],
      ['CT-000001', 'Écrit par A'],
      ['CT-000002', 'Écrit par B'],
    ]);
  });

  it('shows the other process’s saved rows once the document lock is taken', () => {
    const { a, b } = setup();
    const seen = b.withServices((g) => {
      const sheet = (g.SpreadsheetApp as App).getActiveSpreadsheet().getSheetByName('Contacts');
      const before = sheet?.getLastRow();
      a.withServices((other) => {
        (other.SpreadsheetApp as App)
          .getActiveSpreadsheet()
          .getSheetByName('Contacts')
          ?.appendRow(['CT-000001', 'A']);
      });
      const lock = (g.LockService as unknown as Locks).getDocumentLock();
      lock.waitLock(1000);
      const after = sheet?.getLastRow();
      // appendRow under the lock lands after A's row, not on top of it.
      sheet?.appendRow(['CT-000002', 'B']);
      lock.releaseLock();
      return { before, after };
    });
    expect(seen).toEqual({ before: 1, after: 2 });
    expect(readSheetValues(a, 'Contacts', false)).toHaveLength(3);
  });
});
