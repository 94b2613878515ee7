/**
 * The workbook's operation log: every change is a plain operation, re-applicable on a newer copy
 * of the workbook so that two processes writing the same file lose nothing (workbook.ts,
 * workbook-store.ts). Also the A1 notation round trip, as properties.
 */
import fc from 'fast-check';
import { parseA1, toA1 } from '../../src/local/runtime/spreadsheet/a1-notation';
import {
  applyOperation,
  emptyWorkbookData,
  Workbook,
  type Operation,
  type WorkbookData,
} from '../../src/local/runtime/spreadsheet';
import { makeKit, scriptRealm, sheetNamed, activeSpreadsheet } from './spreadsheet-test-env';

function baseData(): WorkbookData {
  const kit = makeKit();
  const sheet = activeSpreadsheet(kit).insertSheet('Contacts', 0);
  sheet.getRange('A1:C1').setValues([['ID', 'Nom', 'Date']]);
  sheet.setFrozenRows(1);
  return structuredClone(kit.workbook.data);
}

/** A second "process": its own workbook and SpreadsheetApp over a copy of `data`. */
function processOn(data: WorkbookData): ReturnType<typeof makeKit> {
  return makeKit({ data: structuredClone(data) });
}

describe('operation log', () => {
  it('logs one plain operation per change and none per read', () => {
    const kit = processOn(baseData());
    kit.workbook.takePendingOperations();
    const sheet = sheetNamed(kit, 'Contacts');
    sheet.getRange('A2:C2').setValues([['CT-1', 'Abeille', new Date('2026-01-31T13:00:00Z')]]);
    sheet.getDataRange().getValues();
    sheet.getRange('A2').getDisplayValue();
    sheet.appendRow(['CT-2', 'Bourdon']);
    const ops = kit.workbook.takePendingOperations();
    expect(ops.map((op) => op.kind)).toEqual(['setValues', 'appendRow']);
    expect(kit.workbook.hasPendingOperations()).toBe(false);
    // Plain data: it survives structured clone (the xlsx worker) unchanged.
    expect(structuredClone(ops)).toEqual(ops);
  });

  it('records script-realm Dates as host Dates the script can no longer change', () => {
    const realm = scriptRealm();
    const kit = makeKit({ data: baseData(), app: { realm } });
    kit.workbook.takePendingOperations();
    const date = new realm.Date(Date.UTC(2026, 0, 31));
    sheetNamed(kit, 'Contacts').getRange('C2').setValue(date);
    date.setUTCFullYear(1990);
    const [op] = kit.workbook.takePendingOperations();
    if (op?.kind !== 'setValues') throw new Error('expected setValues');
    const stored = op.values[0]?.[0];
    expect(Object.getPrototypeOf(stored)).toBe(Date.prototype);
    expect((stored as Date).toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });

  it('rebuilds the same workbook when the log is replayed on the original copy', () => {
    const start = baseData();
    const kit = processOn(start);
    const sheet = sheetNamed(kit, 'Contacts');
    sheet.insertRowsAfter(1, 3);
    sheet.getRange('A2:B3').setValues([
      ['CT-1', 'a'],
      ['CT-2', '=1+1'],
    ]);
    sheet.getRange('C2:C100').setNumberFormat('dd/MM/yyyy');
    sheet.deleteColumn(2);
    activeSpreadsheet(kit).insertSheet('Journal').appendRow(['x']);
    const replayed = new Workbook(structuredClone(start));
    expect(replayed.replay(kit.workbook.takePendingOperations()).skipped).toEqual([]);
    expect(replayed.data).toEqual(kit.workbook.data);
  });
});

describe('merging with another process’s save', () => {
  it('keeps both processes’ writes to different rows', () => {
    const start = baseData();
    const a = processOn(start);
    const b = processOn(start);
    sheetNamed(a, 'Contacts')
      .getRange('A2:B2')
      .setValues([['CT-1', 'from A']]);
    sheetNamed(b, 'Contacts')
      .getRange('A3:B3')
      .setValues([['CT-2', 'from B']]);
    // B saved first; A re-reads the file and puts its own operations on top.
    const own = a.workbook.takePendingOperations();
    a.workbook.replace(structuredClone(b.workbook.data));
    a.workbook.replay(own);
    expect(sheetNamed(a, 'Contacts').getRange('A2:B3').getValues()).toEqual([
      ['CT-1', 'from A'],
      ['CT-2', 'from B'],
    ]);
    expect(a.workbook.hasPendingOperations()).toBe(true);
  });

  it('resolves appendRow when replayed, so concurrent appends both land', () => {
    const start = baseData();
    const a = processOn(start);
    const b = processOn(start);
    sheetNamed(a, 'Contacts').appendRow(['CT-A']);
    sheetNamed(b, 'Contacts').appendRow(['CT-B']);
    const own = a.workbook.takePendingOperations();
    a.workbook.replace(structuredClone(b.workbook.data));
    a.workbook.replay(own);
    expect(sheetNamed(a, 'Contacts').getRange('A2:A3').getValues()).toEqual([['CT-B'], ['CT-A']]);
  });

  it('skips, and reports, operations whose sheet the other process deleted', () => {
    const start = baseData();
    const a = processOn(start);
    const b = processOn(start);
    sheetNamed(a, 'Contacts').getRange('A2').setValue('lost');
    activeSpreadsheet(a).insertSheet('Nouveau');
    const bSpreadsheet = activeSpreadsheet(b);
    bSpreadsheet.deleteSheet(sheetNamed(b, 'Contacts'));
    const own = a.workbook.takePendingOperations();
    a.workbook.replace(structuredClone(b.workbook.data));
    const report = a.workbook.replay(own);
    expect(report.applied).toBe(1);
    expect(report.skipped.map((s) => s.operation.kind)).toEqual(['setValues']);
    expect(
      activeSpreadsheet(a)
        .getSheets()
        .map((s) => s.getName()),
    ).toEqual(['Feuille 1', 'Nouveau']);
  });

  it('grows the grid rather than dropping a replayed write past it', () => {
    const data = emptyWorkbookData({ name: 'x', id: 'x' });
    const op: Operation = {
      kind: 'setValues',
      sheetId: 0,
      row: 1001,
      column: 27,
      values: [['late']],
    };
    applyOperation(data, op);
    const sheet = data.sheets[0];
    expect([sheet?.maxRows, sheet?.maxColumns]).toEqual([1001, 27]);
    expect(sheet?.cells.values[1000]?.[26]).toBe('late');
  });
});

describe('properties', () => {
  it('replaying any sequence of writes on a copy gives the same workbook', () => {
    const write = fc.record({
      row: fc.integer({ min: 1, max: 40 }),
      column: fc.integer({ min: 1, max: 8 }),
      text: fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('=A1', '+336', '2026-01-31', 'TRUE'),
      ),
      kind: fc.constantFrom('set', 'append', 'insert', 'delete', 'clear'),
    });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 25 }), (writes) => {
        const start = baseData();
        const kit = processOn(start);
        const sheet = sheetNamed(kit, 'Contacts');
        for (const w of writes) {
          if (w.kind === 'set') sheet.getRange(w.row, w.column).setValue(w.text);
          if (w.kind === 'append') sheet.appendRow([w.text, w.row]);
          if (w.kind === 'insert') sheet.insertRowsAfter(w.row, w.column);
          if (w.kind === 'delete') sheet.deleteRows(w.row + 1, w.column);
          if (w.kind === 'clear') sheet.getRange(w.row, 1, 2, w.column).clearContent();
        }
        const replayed = new Workbook(structuredClone(start));
        replayed.replay(kit.workbook.takePendingOperations());
        expect(replayed.data).toEqual(kit.workbook.data);
      }),
      { numRuns: 60 },
    );
  });

  it('reads back the coordinates of any range it writes in A1 notation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 18_278 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        (row, column, numRows, numColumns) => {
          const parsed = parseA1(toA1(row, column, numRows, numColumns));
          expect(parsed).toEqual({
            startRow: row,
            startColumn: column,
            endRow: row + numRows - 1,
            endColumn: column + numColumns - 1,
          });
        },
      ),
    );
  });
});
