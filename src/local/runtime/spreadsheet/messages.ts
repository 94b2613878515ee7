/**
 * The exception texts of SpreadsheetApp the emulator reproduces, in one place. Sources are tagged
 * as in shared/platform/local-runtimes.md §3: [community] quoted from real execution logs, [emu]
 * asserted by other emulators, [memory]/[inference] to verify against a real deployment.
 */

/** [community] real logs. */
export const rowsMismatch = (data: number, range: number): string =>
  `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`;
/** [community] real logs. */
export const columnsMismatch = (data: number, range: number): string =>
  `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`;
/** [emu] two emulators. */
export const TOO_FEW_ROWS = 'The number of rows in the range must be at least 1.';
export const TOO_FEW_COLUMNS = 'The number of columns in the range must be at least 1.';
/** [memory] */
export const START_ROW_TOO_SMALL = 'The starting row of the range is too small.';
export const START_COLUMN_TOO_SMALL = 'The starting column of the range is too small.';
export const OUTSIDE_GRID = 'The coordinates of the range are outside the dimensions of the sheet.';
/** [memory] what getRange('nonsense') throws. */
export const RANGE_NOT_FOUND = 'Range not found';
/** [emu] */
export const DELETE_ALL_ROWS = 'Sorry, it is not possible to delete all non-frozen rows.';
/** [inference] the columns twin of the message above. */
export const DELETE_ALL_COLUMNS = 'Sorry, it is not possible to delete all non-frozen columns.';
/** [memory] deleteRows/insertRowsAfter past the grid. */
export const ROWS_OUT_OF_BOUNDS = 'Those rows are out of bounds.';
export const COLUMNS_OUT_OF_BOUNDS = 'Those columns are out of bounds.';
/** [emu] */
export const HIDE_ALL_SHEETS = "You can't hide all the sheets in a document.";
/** [memory] */
export const REMOVE_ALL_SHEETS = "You can't remove all the sheets in a document.";
/** [memory] the text of Sheets' duplicate-name dialog. */
export const duplicateSheetName = (name: string): string =>
  `A sheet with the name "${name}" already exists. Please enter another name.`;
/** [emu/community] */
export const NO_UI = 'Cannot call SpreadsheetApp.getUi() from this context.';
/** [community] the famously vague text for an id that does not open. */
export const OPEN_BY_ID_FAILED =
  'Unexpected error while getting the method or property openById on object SpreadsheetApp.';
export const OPEN_BY_URL_FAILED =
  'Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.';
/** [inference] a Sheet object whose sheet was deleted. */
export const SHEET_DELETED = 'The sheet has been deleted.';
/** [doc] support.google.com/drive/answer/37603, [community] text. */
export const TOO_MANY_CELLS =
  'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
/** [inference] frozen rows beyond the grid. */
export const FROZEN_OUT_OF_BOUNDS = 'The number of frozen rows or columns is out of range.';

/**
 * Apps Script's text for arguments that match no overload, e.g.
 * `The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.getRange.`
 * [community].
 */
export function badParameters(args: readonly unknown[], method: string): string {
  const types = args.map(parameterType).join(',');
  return `The parameters (${types}) don't match the method signature for SpreadsheetApp.${method}.`;
}

function parameterType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  if (Array.isArray(value)) return 'Object[]';
  return 'Object';
}
