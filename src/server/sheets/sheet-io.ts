/**
 * The few batched reads and writes every tab access is built from. Each function makes a fixed
 * number of Sheets calls whatever the number of rows (DESIGN.md §8).
 */
import { isEvaluatedBySheets, type CellValue } from '../../core/text/sheet-safe';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Row 1, trimmed of trailing empty headers; [] on an empty sheet. */
export function readHeaderRow(sheet: Sheet): unknown[] {
  // The whole first row in one read: cheaper than asking for the last column first.
  const row = sheet.getRange('1:1').getValues()[0] ?? [];
  let width = row.length;
  while (width > 0 && (row[width - 1] === '' || row[width - 1] === null)) width--;
  return row.slice(0, width);
}

/** Values of one column below the header; [] when the tab has no data row. */
export function readColumn(sheet: Sheet, column: number): unknown[] {
  const lastRow = sheet.getLastRow();
  // getRange with 0 rows throws on Apps Script: guard the header-only tab.
  if (lastRow < 2) return [];
  return sheet
    .getRange(2, column, lastRow - 1, 1)
    .getValues()
    .map((row) => row[0]);
}

/** Appends rows after the last row with content, growing the grid first when needed. */
export function appendRows(sheet: Sheet, rows: CellValue[][]): void {
  const first = rows[0];
  if (!first || first.length === 0) return;
  const start = sheet.getLastRow() + 1;
  const maxRows = sheet.getMaxRows();
  const missing = start + rows.length - 1 - maxRows;
  // Growing the grid is then one call, whatever the number of rows appended.
  if (missing > 0) sheet.insertRowsAfter(maxRows, missing);
  writeBlock(sheet, start, 1, rows);
}

/**
 * Writes a block of values. A string Sheets would evaluate ("=…", "+33…", "-…", "@…") is kept as
 * text by the plain-text format the setup gives text columns; a user may have reformatted a
 * column since, so the columns holding such a string get the `@` format again first — one call
 * per such column, never per row.
 */
export function writeBlock(sheet: Sheet, row: number, column: number, values: CellValue[][]): void {
  const width = values[0]?.length ?? 0;
  if (width === 0) return;
  for (let c = 0; c < width; c++) {
    if (values.some((r) => typeof r[c] === 'string' && isEvaluatedBySheets(r[c] as string))) {
      sheet.getRange(row, column + c, values.length, 1).setNumberFormat('@');
    }
  }
  sheet.getRange(row, column, values.length, width).setValues(values);
}

/** Makes sure the grid has at least `columns` columns. */
export function ensureColumns(sheet: Sheet, columns: number): void {
  const missing = columns - sheet.getMaxColumns();
  if (missing > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), missing);
}
