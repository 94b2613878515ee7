/**
 * Conformance of the emulated SpreadsheetApp to Apps Script. Each block names what it follows:
 * the Apps Script reference (developers.google.com/apps-script/reference/spreadsheet/…), real
 * execution logs quoted in shared/platform/local-runtimes.md §3 ([community]), other emulators
 * ([emu]), or a documented choice of this emulator ([choice], see the module named).
 */
import {
  activeSpreadsheet,
  makeKit,
  scriptRealm,
  sheetNamed,
  thrown,
  type SpreadsheetTestKit,
} from './spreadsheet-test-env';

function freshSheet(kit: SpreadsheetTestKit = makeKit()): ReturnType<typeof sheetNamed> {
  return activeSpreadsheet(kit).insertSheet('Contacts');
}

// Reference: Range.getValues — "a two-dimensional array of values"; empty cells are ''.
describe('values and shapes', () => {
  it('returns a rectangular array with "" for empty cells and the written types', () => {
    const sheet = freshSheet();
    sheet.getRange(2, 2, 1, 3).setValues([['x', 3, true]]);
    const values = sheet.getRange(1, 1, 3, 4).getValues();
    expect(values).toEqual([
      ['', '', '', ''],
      ['', 'x', 3, true],
      ['', '', '', ''],
    ]);
    expect(values.every((row) => row.length === 4)).toBe(true);
  });

  // [community] real execution logs (local-runtimes.md §3).
  it('rejects data of the wrong height or width with Apps Script’s texts, writing nothing', () => {
    const sheet = freshSheet();
    const range = sheet.getRange(1, 1, 2, 3);
    expect(thrown(() => range.setValues([[1, 2, 3]])).message).toBe(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(
      thrown(() =>
        range.setValues([
          [1, 2, 3],
          [4, 5],
        ]),
      ).message,
    ).toBe(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  // [emu] two emulators; the classic getRange(2, 1, getLastRow() - 1, n) on a header-only tab.
  it('refuses ranges with no rows or columns, or starting before row/column 1, or past the grid', () => {
    const sheet = freshSheet();
    expect(thrown(() => sheet.getRange(2, 1, 0, 3)).message).toBe(
      'The number of rows in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(2, 1, 1, 0)).message).toBe(
      'The number of columns in the range must be at least 1.',
    );
    expect(thrown(() => sheet.getRange(0, 1)).message).toBe(
      'The starting row of the range is too small.',
    );
    expect(thrown(() => sheet.getRange(1, 0)).message).toBe(
      'The starting column of the range is too small.',
    );
    expect(thrown(() => sheet.getRange(1000, 1, 2, 1)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange(1, 26, 1, 2)).message).toBe(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(() => sheet.getRange('1', 1)).message).toBe(
      "The parameters (String,number) don't match the method signature for SpreadsheetApp.Sheet.getRange.",
    );
  });

  // local-runtimes.md §3: message without the `Exception: ` prefix, which String(e) shows.
  it('throws Errors of the script’s realm named Exception, with no prefix in the message', () => {
    const realm = scriptRealm();
    const sheet = freshSheet(makeKit({ app: { realm } }));
    const error = thrown(() => sheet.getRange(0, 1));
    expect(error).toBeInstanceOf(realm.Error);
    expect(error.message).toBe('The starting row of the range is too small.');
    expect(String(error)).toBe('Exception: The starting row of the range is too small.');
  });

  it('hands out arrays and Dates of the script’s realm', () => {
    const realm = scriptRealm();
    const sheet = freshSheet(makeKit({ app: { realm } }));
    sheet.getRange(1, 1, 1, 2).setValues([[new Date('2026-01-31T13:05:00Z'), 'a']]);
    const values = sheet.getRange(1, 1, 1, 2).getValues();
    expect(values).toBeInstanceOf(realm.Array);
    expect(values[0]).toBeInstanceOf(realm.Array);
    expect(values[0]?.[0]).toBeInstanceOf(realm.Date);
    expect(activeSpreadsheet(makeKit({ app: { realm } })).getSheets()).toBeInstanceOf(realm.Array);
  });

  // Reference: Sheet.getLastRow / getLastColumn — "the last row/column that has content".
  it('counts only content for the last row and column, 0 on an empty sheet', () => {
    const sheet = freshSheet();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getLastColumn()).toBe(0);
    sheet.getRange(1, 1, 200, 4).setNumberFormat('@');
    sheet.getRange(1, 1, 5, 1).setNote('note');
    expect(sheet.getLastRow()).toBe(0);
    sheet.getRange(3, 2, 3, 3).setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 4]);
    sheet.getRange(4, 1, 2, 4).clearContent();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 4]);
    sheet.getRange(3, 4).setValue('');
    expect(sheet.getLastColumn()).toBe(3);
  });

  // [memory] local-runtimes.md §3: getDataRange on an empty sheet is A1.
  it('gives A1 as the data range of an empty sheet, and the content block otherwise', () => {
    const sheet = freshSheet();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C7').setValue(1);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });

  // Reference: Range.setValue sets every cell; getValue reads the top-left one.
  it('sets every cell with setValue and reads the top-left cell with getValue', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:B2').setValue(7);
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(sheet.getRange('B2:C3').getValue()).toBe(7);
    expect(sheet.getRange('C3').getValue()).toBe('');
  });

  // Reference: a Range is a fixed rectangle; it does not follow inserted rows.
  it('keeps a range’s coordinates when rows are inserted above it', () => {
    const sheet = freshSheet();
    const range = sheet.getRange('A2');
    range.setValue('first');
    sheet.insertRowsBefore(1, 1);
    expect(range.getValue()).toBe('');
    expect(sheet.getRange('A3').getValue()).toBe('first');
  });
});

// [choice] cell-input.ts: strings are read as typed into a cell of an fr_FR spreadsheet.
describe('input parsing (setValues / setValue / appendRow with strings)', () => {
  function written(value: unknown, format?: string): unknown {
    const sheet = freshSheet();
    const cell = sheet.getRange('A1');
    if (format !== undefined) cell.setNumberFormat(format);
    cell.setValue(value);
    return cell.getValue();
  }

  it('stores strings as they are in a plain-text (@) cell', () => {
    expect(written('+33612345678', '@')).toBe('+33612345678');
    expect(written('=1+1', '@')).toBe('=1+1');
    expect(written('2026-01-31', '@')).toBe('2026-01-31');
    expect(written("'abc", '@')).toBe("'abc");
  });

  it('stores a leading-apostrophe string as text without the apostrophe', () => {
    expect(written("'+33612345678")).toBe('+33612345678');
    expect(written("'=1+1")).toBe('=1+1');
    expect(written("'")).toBe('');
  });

  it('stores a formula without evaluating it: getFormulas has it, getValues reads #NAME?', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:B1').setValues([['=HYPERLINK("http://evil")', 'ok']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=HYPERLINK("http://evil")', '']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['#NAME?', 'ok']]);
    sheet.getRange('A1').setValue('plain');
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  it('turns numeric-looking strings into numbers and TRUE/FALSE into booleans', () => {
    expect(written('123')).toBe(123);
    expect(written('-4.5')).toBe(-4.5);
    expect(written('+33612345678')).toBe(33612345678);
    expect(written('0612345678')).toBe(612345678);
    expect(written('TRUE')).toBe(true);
    expect(written('false')).toBe(false);
    expect(written('12 rue des Abeilles')).toBe('12 rue des Abeilles');
    expect(written('-')).toBe('-');
    expect(written('Miel')).toBe('Miel');
  });

  it('turns ISO and French dates into Dates at that wall-clock time in the spreadsheet zone', () => {
    expect(written('2026-01-31')).toEqual(new Date('2026-01-30T23:00:00Z'));
    expect(written('2026-07-14 14:05')).toEqual(new Date('2026-07-14T12:05:00Z'));
    expect(written('31/01/2026')).toEqual(new Date('2026-01-30T23:00:00Z'));
    expect(written('2026-02-30')).toBe('2026-02-30');
  });

  it('stores numbers, booleans and Dates as such, and null/undefined as empty', () => {
    const date = new Date('2026-03-01T10:00:00Z');
    const sheet = freshSheet();
    sheet.getRange(1, 1, 1, 5).setValues([[1.5, false, date, null, undefined]]);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([[1.5, false, date, '', '']]);
  });

  it('parses appendRow values like setValues, per the cell’s format', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:A1000').setNumberFormat('@');
    sheet.appendRow(['+33612345678', '+33612345678']);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['+33612345678', 33612345678]]);
  });
});

// Reference: Range.getValues returns Date objects for date cells; [choice] number-format.ts.
describe('dates and display values', () => {
  it('returns a fresh Date for the same instant on every read', () => {
    const sheet = freshSheet();
    const written = new Date('2026-01-31T13:05:09.123Z');
    sheet.getRange('A1').setValue(written);
    written.setFullYear(2000);
    const first = sheet.getRange('A1').getValue() as Date;
    expect(first.toISOString()).toBe('2026-01-31T13:05:09.123Z');
    first.setFullYear(1999);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe(
      '2026-01-31T13:05:09.123Z',
    );
  });

  it('formats display values with the cell’s number format, French style, in Paris time', () => {
    const sheet = freshSheet();
    const date = new Date('2026-01-31T13:05:00Z');
    const cases: Array<[unknown, string, string]> = [
      [date, 'dd/MM/yyyy', '31/01/2026'],
      [date, 'dd/MM/yyyy HH:mm', '31/01/2026 14:05'],
      [new Date('2026-07-14T12:05:00Z'), 'dd/MM/yyyy HH:mm', '14/07/2026 14:05'],
      [1234.56, '#,##0.00 [$€-40C]', '1\u202f234,56 €'],
      [-1234.5, '#,##0.00 [$€-40C]', '-1\u202f234,50 €'],
      [1234567.891, '#,##0.00 [$€]', '1\u202f234\u202f567,89 €'],
      [42.6, '0', '43'],
      [3.14159, '0.00', '3,14'],
      [1.005, '0.00', '1,01'],
      [0.256, '0%', '26%'],
      [12, '0.##', '12,'],
      [12.5, '0.##', '12,5'],
      [5, '@', '5'],
      ['texte', '0.00', 'texte'],
    ];
    cases.forEach(([value, format], i) => {
      sheet
        .getRange(i + 1, 1)
        .setNumberFormat(format)
        .setValue(value);
    });
    const shown = sheet
      .getRange(1, 1, cases.length, 1)
      .getDisplayValues()
      .map((row) => row[0]);
    expect(shown).toEqual(cases.map(([, , text]) => text));
  });

  it('shows unformatted numbers as JavaScript prints them, dates as dd/MM/yyyy HH:mm:ss, booleans TRUE/FALSE', () => {
    const sheet = freshSheet();
    sheet
      .getRange(1, 1, 1, 5)
      .setValues([[1234.5, new Date('2026-01-31T13:05:09Z'), true, false, '']]);
    expect(sheet.getRange(1, 1, 1, 5).getDisplayValues()).toEqual([
      ['1234.5', '31/01/2026 14:05:09', 'TRUE', 'FALSE', ''],
    ]);
    expect(sheet.getRange('A1').getDisplayValue()).toBe('1234.5');
  });

  // In Sheets a date is a serial number with a date format: the format decides the type.
  it('reads a number in a date-formatted cell as a Date, and a Date in a number format as its serial', () => {
    const sheet = freshSheet();
    sheet.getRange('A1').setNumberFormat('dd/MM/yyyy').setValue(46053);
    sheet.getRange('A2').setNumberFormat('0').setValue(new Date('2026-01-30T23:00:00Z'));
    expect(sheet.getRange('A1').getValue()).toEqual(new Date('2026-01-30T23:00:00Z'));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('31/01/2026');
    expect(sheet.getRange('A2').getValue()).toBe(46053);
  });

  it('keeps the number format when the content is cleared (local-runtimes.md §3 [emu])', () => {
    const sheet = freshSheet();
    const cell = sheet.getRange('A1').setNumberFormat('@');
    cell.setValue('x');
    cell.clearContent();
    expect(cell.getNumberFormat()).toBe('@');
    cell.setValue('0612345678');
    expect(cell.getValue()).toBe('0612345678');
    cell.clear();
    expect(cell.getNumberFormat()).toBe('0.###############');
  });
});

// Reference: Sheet.deleteRows / insertRowsAfter / appendRow; [emu] texts.
describe('rows, columns and the grid', () => {
  it('refuses to delete all non-frozen rows', () => {
    const sheet = freshSheet();
    expect(thrown(() => sheet.deleteRows(1, 1000)).message).toBe(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    sheet.setFrozenRows(1);
    expect(thrown(() => sheet.deleteRows(2, 999)).message).toBe(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    sheet.deleteRows(2, 998);
    expect(sheet.getMaxRows()).toBe(2);
    expect(thrown(() => sheet.deleteRows(2, 5)).message).toBe('Those rows are out of bounds.');
  });

  it('appends after the last row with content and grows a full grid by one row', () => {
    const sheet = freshSheet();
    sheet.deleteRows(3, 998);
    sheet.getRange('A1').setValue('header');
    sheet.appendRow(['a', 1]);
    sheet.appendRow(['b', 2]);
    expect(sheet.getMaxRows()).toBe(3);
    expect(sheet.getRange(1, 1, 3, 2).getValues()).toEqual([
      ['header', ''],
      ['a', 1],
      ['b', 2],
    ]);
    const wide = Array.from({ length: 30 }, (_, i) => i);
    sheet.appendRow(wide);
    expect(sheet.getMaxColumns()).toBe(30);
  });

  it('copies the formats and validation of the neighbouring row into inserted rows', () => {
    const kit = makeKit();
    const sheet = freshSheet(kit);
    const rule = kit.app.newDataValidation().requireValueInList(['Chaud', 'Froid']).build();
    sheet.getRange('A2:A1000').setNumberFormat('@').setDataValidation(rule);
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getMaxRows()).toBe(1005);
    expect(sheet.getRange('A1005').getNumberFormat()).toBe('@');
    expect(sheet.getRange('A1005').getDataValidation()?.getCriteriaValues()[0]).toEqual([
      'Chaud',
      'Froid',
    ]);
    sheet.getRange('A1005').setValue('+33612345678');
    expect(sheet.getRange('A1005').getValue()).toBe('+33612345678');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
  });

  it('inserts and deletes columns, shifting content and keeping frozen panes consistent', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:C1').setValues([['a', 'b', 'c']]);
    sheet.setFrozenColumns(1);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getMaxColumns()).toBe(28);
    expect(sheet.getRange('A1:E1').getValues()).toEqual([['a', '', '', 'b', 'c']]);
    sheet.deleteColumns(2, 2);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', 'b', 'c']]);
    sheet.insertColumnBefore(1);
    expect(sheet.getFrozenColumns()).toBe(2);
    expect(thrown(() => sheet.deleteColumns(1, 27)).message).toBe(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
  });

  it('keeps the last row and column of content when rows and columns are added after it', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:B2').setValue('x');
    sheet.insertRowsAfter(2, 3);
    sheet.insertColumnsAfter(2, 3);
    sheet.insertRowsBefore(3, 1);
    sheet.insertColumnsBefore(3, 1);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([2, 2]);
    sheet.insertRowsBefore(1, 1);
    sheet.insertColumnsBefore(1, 1);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([3, 3]);
  });

  it('reports frozen rows and column widths, 100 px by default', () => {
    const sheet = freshSheet();
    expect(sheet.getFrozenRows()).toBe(0);
    sheet.setFrozenRows(1);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(3)).toBe(100);
    sheet.setColumnWidths(2, 2, 180).setColumnWidth(4, 60);
    expect([2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([180, 180, 60]);
  });

  it('refuses to grow the spreadsheet past 10 million cells', () => {
    const sheet = freshSheet();
    expect(thrown(() => sheet.insertRowsAfter(1000, 400_000)).message).toBe(
      'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
    );
  });
});

// Reference: Spreadsheet.getSheetByName, insertSheet, deleteSheet; Sheet.hideSheet.
describe('sheets', () => {
  it('finds sheets by name (null when missing) and by id, in order', () => {
    const kit = makeKit();
    const ss = activeSpreadsheet(kit);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Feuille 1']);
    expect(ss.getSheetByName('Nope')).toBeNull();
    const contacts = ss.insertSheet('Contacts', 0);
    ss.insertSheet('Journal');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Contacts', 'Journal', 'Feuille 1']);
    expect(ss.getSheetByName('Contacts')?.getSheetId()).toBe(contacts.getSheetId());
    expect(ss.getSheetById(0)?.getName()).toBe('Feuille 1');
    expect(contacts.getIndex()).toBe(1);
    expect(ss.insertSheet().getName()).toBe('Feuille 4');
  });

  it('refuses a duplicate sheet name on insert and rename', () => {
    const ss = activeSpreadsheet(makeKit());
    const message = 'A sheet with the name "Feuille 1" already exists. Please enter another name.';
    expect(thrown(() => ss.insertSheet('Feuille 1')).message).toBe(message);
    expect(thrown(() => ss.insertSheet('Autre').setName('Feuille 1')).message).toBe(message);
  });

  it('makes the inserted sheet active and getRange("Sheet!A1:B2") address any sheet', () => {
    const ss = activeSpreadsheet(makeKit());
    const sheet = ss.insertSheet("Suivi d'équipe");
    expect(ss.getActiveSheet().getName()).toBe("Suivi d'équipe");
    sheet.getRange('B2').setValue('x');
    expect(ss.getRange("'Suivi d''équipe'!A1:B2").getValues()).toEqual([
      ['', ''],
      ['', 'x'],
    ]);
    expect(ss.getRange('B2').getValue()).toBe('x');
    expect(thrown(() => ss.getRange('Missing!A1')).message).toBe('Range not found');
  });

  it('refuses to hide the last visible sheet or remove the last sheet (local-runtimes.md §3 [emu])', () => {
    const ss = activeSpreadsheet(makeKit());
    const first = ss.getSheets()[0];
    if (first === undefined) throw new Error('no sheet');
    expect(thrown(() => first.hideSheet()).message).toBe(
      "You can't hide all the sheets in a document.",
    );
    expect(thrown(() => ss.deleteSheet(first)).message).toBe(
      "You can't remove all the sheets in a document.",
    );
    const second = ss.insertSheet('Parametres');
    second.hideSheet();
    expect(second.isSheetHidden()).toBe(true);
    second.showSheet();
    ss.deleteSheet(second);
    expect(ss.getSheetByName('Parametres')).toBeNull();
    expect(thrown(() => second.getName()).message).toBe('The sheet has been deleted.');
  });
});

// developers.google.com/sheets/api/guides/concepts#cell (A1 notation).
describe('A1 notation', () => {
  it('reads cells, blocks, whole columns, whole rows and open-ended ranges', () => {
    const sheet = freshSheet();
    const dims = (a1: string): number[] => {
      const r = sheet.getRange(a1);
      return [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()];
    };
    expect(dims('B3')).toEqual([3, 2, 1, 1]);
    expect(dims('$B$3:$D$5')).toEqual([3, 2, 3, 3]);
    expect(dims('A:C')).toEqual([1, 1, 1000, 3]);
    expect(dims('2:5')).toEqual([2, 1, 4, 26]);
    expect(dims('A2:C')).toEqual([2, 1, 999, 3]);
    expect(sheet.getRange('B3:D5').getA1Notation()).toBe('B3:D5');
    expect(thrown(() => sheet.getRange('nonsense!!')).message).toBe('Range not found');
    expect(thrown(() => sheet.getRange('A0')).message).toBe('Range not found');
  });

  it('offsets and sub-cells keep to the sheet', () => {
    const sheet = freshSheet();
    const range = sheet.getRange('B2:C3');
    expect(range.offset(1, 1).getA1Notation()).toBe('C3:D4');
    expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(range.getCell(2, 2).getA1Notation()).toBe('C3');
    expect(range.getLastRow()).toBe(3);
    expect(thrown(() => range.offset(-2, 0)).message).toBe(
      'The starting row of the range is too small.',
    );
  });
});

// Reference: DataValidationBuilder, DataValidation; Range notes and formats.
describe('validation, notes, formats and styles', () => {
  it('builds list validations and reads them back', () => {
    const kit = makeKit();
    const sheet = freshSheet(kit);
    const builder = kit.app.newDataValidation().requireValueInList(['Lead', 'Gagné'], true);
    expect(builder.getAllowInvalid()).toBe(true);
    const rule = builder.setAllowInvalid(false).setHelpText('Étape').build();
    sheet.getRange('C2:C10').setDataValidation(rule);
    const read = sheet.getRange('C5').getDataValidation();
    expect(read?.getCriteriaType()).toBe(kit.app.DataValidationCriteria.VALUE_IN_LIST);
    expect(read?.getCriteriaValues()).toEqual([['Lead', 'Gagné'], true]);
    expect(read?.getAllowInvalid()).toBe(false);
    expect(read?.getHelpText()).toBe('Étape');
    expect(sheet.getRange('C11').getDataValidation()).toBeNull();
    expect(
      sheet
        .getRange('C9:C11')
        .getDataValidations()
        .map((row) => row[0] === null),
    ).toEqual([false, false, true]);
    sheet.getRange('C2:C10').setDataValidation(null);
    expect(sheet.getRange('C5').getDataValidation()).toBeNull();
    expect(thrown(() => kit.app.newDataValidation().build()).message).toMatch(/criteria/);
  });

  it('stores notes, number formats and header styles per cell', () => {
    const sheet = freshSheet();
    sheet.getRange('A1:B1').setNotes([['Identifiant', '']]);
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['Identifiant', '']]);
    sheet.getRange('B1').setNote('Nom');
    expect(sheet.getRange('B1').getNote()).toBe('Nom');
    expect(sheet.getRange('A1').getNumberFormat()).toBe('0.###############');
    sheet.getRange('A1:B1').setNumberFormats([['@', 'dd/MM/yyyy']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['@', 'dd/MM/yyyy']]);
    const header = sheet
      .getRange('A1:B1')
      .setFontWeight('bold')
      .setBackground('#FFF4CC')
      .setWrap(true);
    header.setHorizontalAlignment('center');
    expect(sheet.getRange('B1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('B1').getBackground()).toBe('#fff4cc');
    expect(sheet.getRange('B1').getHorizontalAlignment()).toBe('center');
    expect(sheet.getRange('B1').getWrap()).toBe(true);
    expect(sheet.getRange('C1').getBackground()).toBe('#ffffff');
    sheet.setTabColor('#ff0000');
    expect(sheet.getTabColor()).toBe('#ff0000');
  });
});

// Reference: SpreadsheetApp.getUi, Ui, Menu, Spreadsheet.toast; [emu/community] no-UI text.
describe('user interface', () => {
  it('throws from getUi when the execution has no UI (time-driven trigger)', () => {
    const kit = makeKit({ env: { hasUi: false } });
    expect(thrown(() => kit.app.getUi()).message).toBe(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });

  it('records menus, with sub-menus flattened into captions', () => {
    const kit = makeKit();
    const ui = kit.app.getUi();
    const sub = ui.createMenu('Export').addItem('CSV', 'exportCsv');
    ui.createMenu('CRM UTPLA')
      .addItem('Ouvrir', 'openSidebar')
      .addSeparator()
      .addSubMenu(sub)
      .addToUi();
    ui.createAddonMenu().addItem('Aide', 'help').addToUi();
    expect(kit.env.uiEvents.menus).toEqual([
      {
        title: 'CRM UTPLA',
        items: [
          { caption: 'Ouvrir', functionName: 'openSidebar' },
          { separator: true },
          { caption: 'Export › CSV', functionName: 'exportCsv' },
        ],
      },
      // The add-on menu (under Extensions) carries the add-on's name.
      { title: 'CRM UTPLA', items: [{ caption: 'Aide', functionName: 'help' }] },
    ]);
  });

  it('answers alerts and prompts from uiAnswers, defaulting to the first button', () => {
    const kit = makeKit({
      env: { uiAnswers: { alert: 'NO', prompt: { text: 'Lyon', button: 'OK' } } },
    });
    const ui = kit.app.getUi();
    expect(ui.alert('Bonjour')).toBe(ui.Button.OK);
    expect(ui.alert('Confirmer', 'Supprimer ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    const response = ui.prompt('Ville ?', ui.ButtonSet.OK_CANCEL);
    expect(response.getResponseText()).toBe('Lyon');
    expect(response.getSelectedButton()).toBe(ui.Button.OK);
    expect(kit.env.uiEvents.alerts).toEqual([
      { title: '', prompt: 'Bonjour', kind: 'alert' },
      { title: 'Confirmer', prompt: 'Supprimer ?', kind: 'alert' },
      { title: '', prompt: 'Ville ?', kind: 'prompt' },
    ]);
    expect(thrown(() => ui.alert('x', 'NOT_A_SET')).message).toMatch(
      /don't match the method signature/,
    );
  });

  it('records sidebars and dialogs from their HtmlOutput, and toasts', () => {
    const kit = makeKit();
    const output = { getContent: () => '<p>CRM</p>', getTitle: () => 'Panneau CRM' };
    const ui = kit.app.getUi();
    ui.showSidebar(output);
    ui.showModalDialog(output, 'Réglages');
    ui.showModelessDialog(output, 'Aide');
    expect(kit.env.uiEvents.dialogs).toEqual([
      { kind: 'sidebar', title: 'Panneau CRM', html: '<p>CRM</p>' },
      { kind: 'modal', title: 'Réglages', html: '<p>CRM</p>' },
      { kind: 'modeless', title: 'Aide', html: '<p>CRM</p>' },
    ]);
    activeSpreadsheet(kit).toast('Terminé', 'CRM');
    expect(kit.env.uiEvents.toasts).toEqual([
      { message: 'Terminé', title: 'CRM', timeoutSeconds: 5 },
    ]);
  });
});

// Reference: SpreadsheetApp.openById, getActiveSpreadsheet ("null if none").
describe('opening the spreadsheet', () => {
  it('opens this workbook by id or URL only', () => {
    const kit = makeKit();
    const ss = activeSpreadsheet(kit);
    expect(kit.app.openById('sheet-id-1').getId()).toBe('sheet-id-1');
    expect(kit.app.openByUrl(ss.getUrl()).getName()).toBe('CRM test');
    expect(ss.getUrl()).toBe('https://docs.google.com/spreadsheets/d/sheet-id-1/edit');
    expect(thrown(() => kit.app.openById('other')).message).toBe(
      'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
    expect(ss.getSpreadsheetTimeZone()).toBe('Europe/Paris');
    expect(ss.getSpreadsheetLocale()).toBe('fr_FR');
  });

  it('has no active spreadsheet when built without one', () => {
    const kit = makeKit({ app: { activeSpreadsheet: false } });
    expect(kit.app.getActiveSpreadsheet()).toBeNull();
    expect(kit.app.openById('sheet-id-1').getSheets()).toHaveLength(1);
    kit.app.flush();
  });
});

// DESIGN.md §2/§8: every service call is counted as Class.method.
describe('call counting', () => {
  it('counts each script call once, by class and method', () => {
    const kit = makeKit();
    const sheet = activeSpreadsheet(kit).insertSheet('Contacts');
    sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
    sheet.getDataRange().getValues();
    sheet.getSheetValues(1, 1, 1, 2);
    kit.app.newDataValidation().requireValueInList(['a']).build().getCriteriaType();
    expect(kit.env.counter.snapshot()).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.insertSheet': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Sheet.getDataRange': 1,
      'Range.getValues': 1,
      'Sheet.getSheetValues': 1,
      'SpreadsheetApp.newDataValidation': 1,
      'DataValidationBuilder.requireValueInList': 1,
      'DataValidationBuilder.build': 1,
      'DataValidation.getCriteriaType': 1,
    });
  });
});
