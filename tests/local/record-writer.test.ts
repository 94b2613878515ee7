/**
 * The record writer against the emulated SpreadsheetApp: rows found by ID wherever users moved
 * them, user columns and formulas untouched, IDs never reused, and a constant number of Sheets
 * calls whatever the number of rows.
 */
import fc from 'fast-check';
import { getTab } from '../../src/core/schema/tabs';
import { appendRecords, writeChanges } from '../../src/server/records/record-writer';
import { readTable } from '../../src/server/records/table-snapshot';
import { withDocumentLock } from '../../src/server/platform/lock';
import { callApi, freshRuntime, withAppsScriptGlobals } from './helpers';

const contacts = getTab('contacts');
type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
const active = () =>
  (globalThis as unknown as { SpreadsheetApp: App }).SpreadsheetApp.getActiveSpreadsheet();

function runtimeWithContacts(n: number) {
  const runtime = freshRuntime({ inMemory: true });
  callApi(runtime, 'setupStructure');
  withAppsScriptGlobals(runtime, () =>
    withDocumentLock(() => {
      const table = readTable(active(), contacts);
      appendRecords(
        table,
        Array.from({ length: n }, (_, i) => ({
          nom: `Nom ${i + 1}`,
          email: `c${i + 1}@example.org`,
        })),
      );
    }),
  );
  return runtime;
}

describe('record writer', () => {
  it('numbers new records after the highest ID, never reusing one', () => {
    const runtime = runtimeWithContacts(3);
    const ids = withAppsScriptGlobals(runtime, () =>
      withDocumentLock(() => {
        const sheet = active().getSheetByName('Contacts');
        sheet?.deleteRow(4); // a user deletes CT-000003 by hand
        const table = readTable(active(), contacts);
        return appendRecords(table, [{ nom: 'Nouveau' }]).map((r) => r.id);
      }),
    );
    expect(ids).toEqual(['CT-000004']);
  });

  it('updates the right record after users sorted the rows, and keeps their own column', () => {
    const runtime = runtimeWithContacts(5);
    withAppsScriptGlobals(runtime, () => {
      const sheet = active().getSheetByName('Contacts');
      if (!sheet) throw new Error('no sheet');
      // A user adds a column with a formula and reverses the row order.
      const width = sheet.getLastColumn();
      sheet.insertColumnsAfter(width, 1);
      sheet.getRange(1, width + 1, 1, 1).setValues([['Mon calcul']]);
      sheet
        .getRange(2, width + 1, 5, 1)
        .setFormulas([['=1+1'], ['=1+2'], ['=1+3'], ['=1+4'], ['=1+5']]);
      const data = sheet.getRange(2, 1, 5, width).getValues().reverse();
      sheet.getRange(2, 1, 5, width).setValues(data);
      withDocumentLock(() => {
        const table = readTable(active(), contacts);
        writeChanges(table, [
          { id: 'CT-000002', values: { poste: 'Maire', notes: 'Vu au salon' } },
        ]);
      });
      const after = readTable(active(), contacts);
      const row = after.rows[after.rowIndexById.get('CT-000002') ?? -1] ?? [];
      expect(row[after.map.columnOf.get('nom') ?? -1]).toBe('Nom 2');
      expect(row[after.map.columnOf.get('poste') ?? -1]).toBe('Maire');
      expect(
        sheet
          .getRange(2, width + 1, 5, 1)
          .getFormulas()
          .map((r) => r[0]),
      ).toEqual(['=1+1', '=1+2', '=1+3', '=1+4', '=1+5']);
    });
  });

  it('makes the same number of Sheets calls for 10 and 2,000 records', () => {
    const calls = (n: number) => {
      const runtime = runtimeWithContacts(n);
      const result = runtime.run({ functionName: 'getSidebarState', kind: 'sidebar' });
      return Object.values(result.counts).reduce((a, b) => a + b, 0);
    };
    expect(calls(2000)).toBe(calls(10));
  });

  it('keeps every record and every user value through any sequence of updates and sorts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              kind: fc.constant('update' as const),
              target: fc.integer({ min: 1, max: 6 }),
              text: fc.string({ maxLength: 8 }),
            }),
            fc.record({ kind: fc.constant('sort' as const), seed: fc.integer() }),
          ),
          { maxLength: 6 },
        ),
        (steps) => {
          const runtime = runtimeWithContacts(6);
          return withAppsScriptGlobals(runtime, () => {
            const sheet = active().getSheetByName('Contacts');
            if (!sheet) return false;
            const width = sheet.getLastColumn();
            sheet.insertColumnsAfter(width, 1);
            sheet
              .getRange(1, width + 1, 7, 1)
              .setValues([['Perso'], ['p1'], ['p2'], ['p3'], ['p4'], ['p5'], ['p6']]);
            const expected = new Map<string, string>();
            for (const step of steps) {
              if (step.kind === 'sort') {
                const block = sheet.getRange(2, 1, 6, width + 1).getValues();
                block.sort(
                  (a, b) =>
                    ((String(a[1]).length * step.seed) % 7) -
                    ((String(b[1]).length * step.seed) % 7),
                );
                sheet.getRange(2, 1, 6, width + 1).setValues(block);
              } else {
                const id = `CT-00000${step.target}`;
                withDocumentLock(() =>
                  writeChanges(readTable(active(), contacts), [
                    { id, values: { notes: step.text } },
                  ]),
                );
                expected.set(id, step.text);
              }
            }
            const table = readTable(active(), contacts);
            const notes = table.map.columnOf.get('notes') ?? -1;
            const perso = sheet
              .getRange(2, width + 1, 6, 1)
              .getValues()
              .map((r) => r[0]);
            const ids = [...table.rowIndexById.keys()].sort();
            return (
              ids.join() ===
                [
                  'CT-000001',
                  'CT-000002',
                  'CT-000003',
                  'CT-000004',
                  'CT-000005',
                  'CT-000006',
                ].join() &&
              [...expected].every(
                ([id, text]) => table.rows[table.rowIndexById.get(id) ?? -1]?.[notes] === text,
              ) &&
              table.rows.every((row, i) => perso[i] === `p${Number(String(row[0]).slice(-1))}`)
            );
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
