/**
 * The offline SpreadsheetApp of the local runtime and the workbook it works on: what the runtime
 * assembler imports. See workbook-data.ts for the data, operations.ts for how it changes,
 * workbook.ts for merging with other processes, spreadsheet-app.ts for the global, and
 * xlsx-file.ts for the file.
 */
export { Workbook, type ReplayReport } from './workbook';
export {
  emptyWorkbookData,
  newSheetData,
  type CellInput,
  type CellValue,
  type NewWorkbookOptions,
  type SheetData,
  type ValidationRule,
  type WorkbookData,
} from './workbook-data';
export { applyOperation, OperationError, type Operation } from './operations';
export {
  createSpreadsheetApp,
  type SpreadsheetAppGlobal,
  type SpreadsheetAppOptions,
} from './spreadsheet-app';
export { readWorkbookFile, writeWorkbookFile } from './xlsx-file';
export { readWorkbookFileSync, writeWorkbookFileSync } from './xlsx-file-sync';
