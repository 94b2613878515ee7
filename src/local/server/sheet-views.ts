/**
 * Reads the workbook for the local page and for exports through the emulated SpreadsheetApp, so
 * what the page shows is what a script would read (display values, trailing empty rows trimmed).
 */
import type { LocalRuntime } from '../runtime/runtime';
import type { SheetView } from '../web/page-state';

type SpreadsheetAppLike = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

export function readSheetViews(runtime: LocalRuntime, maxRows = 500): SheetView[] {
  return runtime.withServices((services) => {
    const app = services.SpreadsheetApp as SpreadsheetAppLike;
    return app
      .getActiveSpreadsheet()
      .getSheets()
      .map((sheet) => {
        const rowCount = sheet.getLastRow();
        const columnCount = sheet.getLastColumn();
        const shown = Math.min(rowCount, maxRows);
        const rows =
          shown > 0 && columnCount > 0
            ? sheet.getRange(1, 1, shown, columnCount).getDisplayValues()
            : [];
        return {
          name: sheet.getName(),
          hidden: sheet.isSheetHidden(),
          rowCount,
          columnCount,
          frozenRows: sheet.getFrozenRows(),
          rows,
          truncated: rowCount > shown,
        };
      });
  });
}

/** All values of one tab (header included), for `crm export`. */
export function readSheetValues(
  runtime: LocalRuntime,
  name: string,
  display: boolean,
): unknown[][] {
  return runtime.withServices((services) => {
    const app = services.SpreadsheetApp as SpreadsheetAppLike;
    const sheet = app.getActiveSpreadsheet().getSheetByName(name);
    if (!sheet) throw new Error(`Onglet « ${name} » introuvable.`);
    const rows = sheet.getLastRow();
    const columns = sheet.getLastColumn();
    if (rows === 0 || columns === 0) return [];
    const range = sheet.getRange(1, 1, rows, columns);
    return display ? range.getDisplayValues() : range.getValues();
  });
}
