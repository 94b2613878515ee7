/**
 * The .xlsx persistence of the local workbook: what SpreadsheetApp wrote reads back the same, and
 * the file is an ordinary xlsx other programs read as the team expects (Paris wall-clock dates,
 * text that stays text, list validations, frozen header).
 */
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  readWorkbookFile,
  readWorkbookFileSync,
  writeWorkbookFile,
  writeWorkbookFileSync,
  type WorkbookData,
} from '../../src/local/runtime/spreadsheet';
import {
  activeSpreadsheet,
  makeKit,
  sheetNamed,
  type SpreadsheetTestKit,
} from './spreadsheet-test-env';

function tempFile(name = 'crm.xlsx'): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'crm-xlsx-')), name);
}

/** A workbook built the way the CRM builds one: through SpreadsheetApp. */
function buildCrmWorkbook(): SpreadsheetTestKit {
  const kit = makeKit();
  const ss = activeSpreadsheet(kit);
  const contacts = ss.insertSheet('Contacts', 0);
  contacts.insertColumnsAfter(26, 2);
  contacts.getRange('A1:F1').setValues([['ID', 'Nom', 'Téléphone', 'Créé le', 'Montant', 'Étape']]);
  contacts.getRange('A1:F1').setFontWeight('bold').setBackground('#fff4cc').setNote('En-tête');
  contacts.getRange('A2:C1000').setNumberFormat('@');
  contacts.getRange('D2:D1000').setNumberFormat('dd/MM/yyyy HH:mm');
  contacts.getRange('E2:E1000').setNumberFormat('#,##0.00 [$€-40C]');
  const stages = kit.app
    .newDataValidation()
    .requireValueInList(['Lead', 'Qualifié', 'Gagné'])
    .setAllowInvalid(false)
    .build();
  contacts.getRange('F2:F1000').setDataValidation(stages);
  contacts.setFrozenRows(1);
  contacts.setColumnWidths(1, 2, 180).setColumnWidth(6, 90);
  contacts.getRange('A2:F4').setValues([
    ['CT-000001', '=1+1', '+33612345678', '2026-01-31 14:05', 1234.56, 'Lead'],
    ['CT-000002', 'Ruche & Co', '0612345678', new Date('2026-07-14T08:30:00Z'), '99.5', 'Gagné'],
    ['CT-000003', '\'=HYPERLINK("x")', '', new Date('2026-03-29T00:30:00Z'), -3, 'Qualifié'],
  ]);
  contacts.getRange('B5').setValue("'+33 6 12"); // apostrophe in a text column: kept (plain text)
  contacts.getRange('H2:H3').setValues([[true], ['=SUM(E2:E3)']]);
  contacts
    .getRange('G2')
    .setValue(new Date('2026-01-31T13:05:09Z'))
    .setHorizontalAlignment('center')
    .setWrap(true);
  contacts.setTabColor('#ffcc00');

  const journal = ss.insertSheet('Journal', 1);
  journal.appendRow(['Quand', 'Qui', 'Action']);
  journal.appendRow([new Date('2026-03-10T09:00:00Z'), 'demo@utpla.fr', 'Structure']);
  const settings = ss.insertSheet('Parametres');
  settings.getRange('A1:B2').setValues([
    ['Clé', 'Valeur'],
    ['seuil.icp', 70],
  ]);
  settings.hideSheet();
  // A list that cannot be written inline in xlsx (a comma in a value).
  const odd = kit.app
    .newDataValidation()
    .requireValueInList(['Oui, certainement', 'Non "jamais"'])
    .build();
  settings.getRange('C2:C3').setDataValidation(odd);
  return kit;
}

function dataRangeSnapshot(kit: SpreadsheetTestKit): unknown {
  return activeSpreadsheet(kit)
    .getSheets()
    .map((sheet) => {
      const range = sheet.getDataRange();
      return {
        name: sheet.getName(),
        values: range.getValues(),
        display: range.getDisplayValues(),
        formulas: range.getFormulas(),
        formats: range.getNumberFormats(),
        notes: range.getNotes(),
      };
    });
}

describe('xlsx round trip', () => {
  it('reads back exactly what SpreadsheetApp wrote', async () => {
    const kit = buildCrmWorkbook();
    const file = tempFile();
    await writeWorkbookFile(file, kit.workbook.data);
    const back = await readWorkbookFile(file);
    expect(back).toEqual(kit.workbook.data);
    expect(dataRangeSnapshot(makeKit({ data: back }))).toEqual(dataRangeSnapshot(kit));
  });

  it('keeps the id, name, time zone, sheet ids, order, grid size and hidden sheets', async () => {
    const kit = buildCrmWorkbook();
    const file = tempFile();
    await writeWorkbookFile(file, kit.workbook.data);
    const back = makeKit({ data: await readWorkbookFile(file) });
    const ss = activeSpreadsheet(back);
    expect([ss.getId(), ss.getName(), ss.getSpreadsheetTimeZone()]).toEqual([
      'sheet-id-1',
      'CRM test',
      'Europe/Paris',
    ]);
    expect(ss.getSheets().map((s) => [s.getName(), s.getSheetId(), s.isSheetHidden()])).toEqual(
      activeSpreadsheet(kit)
        .getSheets()
        .map((s) => [s.getName(), s.getSheetId(), s.isSheetHidden()]),
    );
    const contacts = sheetNamed(back, 'Contacts');
    expect([contacts.getMaxRows(), contacts.getMaxColumns(), contacts.getFrozenRows()]).toEqual([
      1000, 28, 1,
    ]);
    expect(contacts.getRange('A1').getFontWeight()).toBe('bold');
    expect(contacts.getRange('F1000').getDataValidation()?.getCriteriaValues()).toEqual([
      ['Lead', 'Qualifié', 'Gagné'],
      true,
    ]);
    // The '@' format of rows not yet filled survives, so text typed there stays text.
    contacts.getRange('C900').setValue('+33699999999');
    expect(contacts.getRange('C900').getValue()).toBe('+33699999999');
  });

  it('goes through the synchronous wrappers (worker) unchanged', () => {
    const kit = buildCrmWorkbook();
    const file = tempFile();
    writeWorkbookFileSync(file, kit.workbook.data);
    const back: WorkbookData = readWorkbookFileSync(file);
    expect(back).toEqual(kit.workbook.data);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['crm.xlsx']);
  });
});

describe('the file as other programs read it', () => {
  async function writtenXlsx(): Promise<ExcelJS.Workbook> {
    const file = tempFile();
    await writeWorkbookFile(file, buildCrmWorkbook().workbook.data);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook;
  }

  it('is a valid xlsx whose visible sheets are the spreadsheet’s, with a very hidden meta sheet', async () => {
    const workbook = await writtenXlsx();
    expect(workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      ['Contacts', 'visible'],
      ['Journal', 'visible'],
      // Inserted without an index: after the active sheet (Journal).
      ['Parametres', 'hidden'],
      ['Feuille 1', 'visible'],
      ['_meta', 'veryHidden'],
    ]);
  });

  it('stores text that looks like a number or a formula as text, and formulas as formulas', async () => {
    const ws = (await writtenXlsx()).getWorksheet('Contacts');
    if (ws === undefined) throw new Error('no Contacts sheet');
    expect([ws.getCell('B2').type, ws.getCell('B2').value]).toEqual([
      ExcelJS.ValueType.String,
      '=1+1',
    ]);
    expect([ws.getCell('C2').type, ws.getCell('C2').value]).toEqual([
      ExcelJS.ValueType.String,
      '+33612345678',
    ]);
    expect(ws.getCell('C3').value).toBe('0612345678');
    expect(ws.getCell('H3').formula).toBe('SUM(E2:E3)');
  });

  it('stores dates as Paris wall-clock time with their number format', async () => {
    const ws = (await writtenXlsx()).getWorksheet('Contacts');
    if (ws === undefined) throw new Error('no Contacts sheet');
    // 14:05 typed in Paris in winter and 08:30Z in summer (10:30 in Paris), as the clock reads.
    expect((ws.getCell('D2').value as Date).toISOString()).toBe('2026-01-31T14:05:00.000Z');
    expect((ws.getCell('D3').value as Date).toISOString()).toBe('2026-07-14T10:30:00.000Z');
    expect(ws.getCell('D2').numFmt).toBe('dd/MM/yyyy HH:mm');
    expect(ws.getCell('G2').numFmt).toBe('dd/mm/yyyy hh:mm:ss');
  });

  it('writes the frozen header, list validations, widths, notes and header style', async () => {
    const ws = (await writtenXlsx()).getWorksheet('Contacts');
    if (ws === undefined) throw new Error('no Contacts sheet');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('F500').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"Lead,Qualifié,Gagné"'],
      errorStyle: 'stop',
    });
    expect(ws.getColumn(1).width).toBeCloseTo(180 / 7);
    expect(ws.getCell('A1').note).toBe('En-tête');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getCell('A1').fill).toMatchObject({
      pattern: 'solid',
      fgColor: { argb: 'FFFFF4CC' },
    });
  });

  it('reads a workbook made elsewhere (no meta sheet) as a new spreadsheet', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Import');
    ws.getCell('A1').value = 'Nom';
    ws.getCell('B2').value = 42;
    const file = tempFile('import.xlsx');
    await workbook.xlsx.writeFile(file);
    const data = await readWorkbookFile(file);
    expect(data.name).toBe('import');
    expect(data.timeZone).toBe('Europe/Paris');
    expect(data.sheets.map((s) => [s.name, s.sheetId, s.maxRows, s.maxColumns])).toEqual([
      ['Import', 0, 1000, 26],
    ]);
    expect(sheetNamed(makeKit({ data }), 'Import').getDataRange().getValues()).toEqual([
      ['Nom', ''],
      ['', 42],
    ]);
  });
});
