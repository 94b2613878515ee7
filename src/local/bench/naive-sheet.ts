/**
 * The cell-by-cell way of using SpreadsheetApp that DESIGN.md §8 forbids, as a typical first
 * version of a Sheets script would write it: one getRange(r, c).getValue() per cell read, one
 * setValue per cell written, one appendRow per new row. The bench's naive operations are built
 * from these so that they do the same work as the CRM's, only row by row.
 */
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface NaiveTable {
  readonly sheet: Sheet;
  /** Header text → 1-based column. */
  readonly columns: ReadonlyMap<string, number>;
  readonly width: number;
}

export function openTable(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
): NaiveTable {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) throw new Error(`naive: tab ${name} missing`);
  const width = sheet.getLastColumn();
  const columns = new Map<string, number>();
  for (let c = 1; c <= width; c++) columns.set(String(sheet.getRange(1, c).getValue()), c);
  return { sheet, columns, width };
}

export function column(table: NaiveTable, header: string): number {
  const found = table.columns.get(header);
  if (found === undefined) throw new Error(`naive: column ${header} missing`);
  return found;
}

export function cell(table: NaiveTable, row: number, header: string): unknown {
  return table.sheet.getRange(row, column(table, header)).getValue();
}

export function setCell(table: NaiveTable, row: number, header: string, value: unknown): void {
  table.sheet.getRange(row, column(table, header)).setValue(value);
}

/** The first row whose cell in `header` equals `value`, scanning down one cell at a time. */
export function findRow(table: NaiveTable, header: string, value: string): number | null {
  const c = column(table, header);
  const lastRow = table.sheet.getLastRow();
  for (let r = 2; r <= lastRow; r++) {
    if (String(table.sheet.getRange(r, c).getValue()) === value) return r;
  }
  return null;
}

/** Every row whose cell in `header` is one of `values`. */
export function findRows(table: NaiveTable, header: string, values: ReadonlySet<string>): number[] {
  if (values.size === 0) return [];
  const c = column(table, header);
  const lastRow = table.sheet.getLastRow();
  const rows: number[] = [];
  for (let r = 2; r <= lastRow; r++) {
    if (values.has(String(table.sheet.getRange(r, c).getValue()))) rows.push(r);
  }
  return rows;
}

/** One row as header → value, one getValue per cell. */
export function readRow(table: NaiveTable, row: number): Map<string, unknown> {
  const record = new Map<string, unknown>();
  for (const [header, c] of table.columns)
    record.set(header, table.sheet.getRange(row, c).getValue());
  return record;
}

/** A new row from header → value, with one appendRow. */
export function appendRecord(table: NaiveTable, values: ReadonlyMap<string, unknown>): void {
  const row = new Array<unknown>(table.width).fill('');
  for (const [header, value] of values) row[column(table, header) - 1] = value;
  table.sheet.appendRow(row);
}

/** The highest number of the IDs in column ID, scanning every row. */
export function maxIdNumber(table: NaiveTable): number {
  const c = column(table, 'ID');
  const lastRow = table.sheet.getLastRow();
  let max = 0;
  for (let r = 2; r <= lastRow; r++) {
    const match = /-(\d+)$/.exec(String(table.sheet.getRange(r, c).getValue()));
    if (match) max = Math.max(max, Number(match[1]));
  }
  return max;
}
