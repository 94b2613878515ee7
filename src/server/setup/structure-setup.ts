/**
 * "Installer / réparer la structure": creates the missing tabs and columns from the schema, with
 * headers, frozen header row, number formats, validation lists and widths; then adds the missing
 * settings. It never deletes, moves or overwrites a user's data or column, and a second run on an
 * up-to-date workbook changes nothing.
 */
import {
  describeAction,
  planStructure,
  type StructureAction,
} from '../../core/schema/structure-plan';
import { numberFormatFor } from '../../core/schema/formats';
import { TABS } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import type { SetupReport } from '../api/contract';
import { appendJournal } from '../journal/journal-writer';
import { now } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { headerRowA1 } from '../sheets/a1';
import { ensureColumns } from '../sheets/sheet-io';
import { seedMissingSettings } from './settings-seed';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_BACKGROUND = '#fff4cc';

export function setupStructure(spreadsheet: Spreadsheet): SetupReport {
  return withDocumentLock(() => {
    const existing = TABS.flatMap((tab) => {
      const headers = headerRowOf(spreadsheet, tab.name);
      return headers === null ? [] : [{ name: tab.name, headers }];
    });
    const actions = planStructure(TABS, existing);
    for (const action of actions) applyAction(spreadsheet, action);
    const settingsAdded = seedMissingSettings(spreadsheet);
    const changes = actions.map(describeAction);
    if (settingsAdded > 0)
      changes.push(
        `Paramètres : ${settingsAdded} réglage(s) ajouté(s) avec leur valeur par défaut.`,
      );
    if (changes.length > 0) {
      const at = now();
      const user = currentUserEmail();
      appendJournal(
        spreadsheet,
        changes.map((detail) => ({ at, user, action: 'Structure', detail })),
      );
    }
    return { changed: changes.length > 0, changes, settingsAdded };
  });
}

/**
 * The header row of a tab by its name, or null when there is no such tab: one read addressed by
 * name instead of listing every sheet and asking each its name. Apps Script answers an unknown
 * tab with "Range not found".
 */
function headerRowOf(spreadsheet: Spreadsheet, name: string): unknown[] | null {
  let row: unknown[];
  try {
    row = spreadsheet.getRange(headerRowA1(name)).getValues()[0] ?? [];
  } catch {
    return null;
  }
  let width = row.length;
  while (width > 0 && (row[width - 1] === '' || row[width - 1] === null)) width--;
  return row.slice(0, width);
}

function applyAction(spreadsheet: Spreadsheet, action: StructureAction): void {
  if (action.kind === 'createTab') {
    const index = Math.min(TABS.indexOf(action.tab), spreadsheet.getSheets().length);
    const sheet = spreadsheet.insertSheet(action.tab.name, index);
    writeColumns(sheet, action.tab.fields, 1);
    sheet.setFrozenRows(1);
    return;
  }
  const sheet = spreadsheet.getSheetByName(action.tab.name);
  if (sheet) writeColumns(sheet, action.fields, action.startColumn);
}

/** Headers, header style, formats, validations and widths of consecutive new columns. */
function writeColumns(sheet: Sheet, fields: readonly FieldDef[], startColumn: number): void {
  ensureColumns(sheet, startColumn + fields.length - 1);
  const header = sheet.getRange(1, startColumn, 1, fields.length);
  header.setValues([fields.map((f) => f.header)]);
  header.setFontWeight('bold');
  header.setBackground(HEADER_BACKGROUND);
  const dataRows = Math.max(sheet.getMaxRows() - 1, 1);
  if (sheet.getMaxRows() < 2) sheet.insertRowsAfter(1, 1);
  // One call per run of identical settings rather than per column.
  forEachRun(
    fields,
    (f) => numberFormatFor(f.type),
    (format, offset, count) => {
      if (format !== null)
        sheet.getRange(2, startColumn + offset, dataRows, count).setNumberFormat(format);
    },
  );
  forEachRun(
    fields,
    (f) => f.width ?? 120,
    (width, offset, count) => {
      sheet.setColumnWidths(startColumn + offset, count, width);
    },
  );
  fields.forEach((field, offset) => {
    if (field.type !== 'enum' || !field.values) return;
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList([...field.values], true)
      .setAllowInvalid(false)
      .build();
    sheet.getRange(2, startColumn + offset, dataRows, 1).setDataValidation(rule);
  });
}

function forEachRun<K>(
  fields: readonly FieldDef[],
  keyOf: (field: FieldDef) => K,
  apply: (key: K, offset: number, count: number) => void,
): void {
  let start = 0;
  for (let i = 1; i <= fields.length; i++) {
    const current = fields[start];
    const next = fields[i];
    if (current && (next === undefined || keyOf(next) !== keyOf(current))) {
      apply(keyOf(current), start, i - start);
      start = i;
    }
  }
}
