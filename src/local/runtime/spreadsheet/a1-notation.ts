/**
 * A1 notation as Sheets reads it (developers.google.com/sheets/api/guides/concepts#cell): `A1`,
 * `A1:B2`, whole columns `A:C`, whole rows `2:5`, open-ended `A2:C` (to the last row), `$`
 * anchors, and an optional sheet name, quoted when needed (`'Mes contacts'!A1:B2`).
 */

export interface A1Range {
  /** Sheet name when the notation has one. */
  sheetName?: string;
  /** 1-based; undefined for an open start (`2:5` has no start column). */
  startRow?: number;
  startColumn?: number;
  /** 1-based inclusive; undefined for an open end (`A2:C` runs to the last row). */
  endRow?: number;
  endColumn?: number;
}

const PART = /^\$?([A-Za-z]*)\$?(\d*)$/;

export function columnToLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** `A1` or `A1:C3` for 1-based coordinates. */
export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name for use in A1 notation when it is not a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Parses A1 notation; undefined when it is not valid (the caller throws `Range not found`). */
export function parseA1(notation: string): A1Range | undefined {
  let text = notation.trim();
  let sheetName: string | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const rawName = text.slice(0, bang);
    text = text.slice(bang + 1);
    if (rawName.startsWith("'") && rawName.endsWith("'") && rawName.length >= 2) {
      sheetName = rawName.slice(1, -1).replace(/''/g, "'");
    } else {
      sheetName = rawName;
    }
    if (sheetName === '') return undefined;
  }
  const pieces = text.split(':');
  if (pieces.length > 2 || pieces.some((p) => p === '')) return undefined;
  const parts = pieces.map((p) => PART.exec(p));
  const first = parts[0];
  const second = parts[1];
  if (first === null || first === undefined || second === null) return undefined;
  const c1 = first[1] ?? '';
  const r1 = first[2] ?? '';
  if (c1 === '' && r1 === '') return undefined;
  const result: A1Range = {};
  if (sheetName !== undefined) result.sheetName = sheetName;
  if (second === undefined) {
    // A single cell needs both a column and a row.
    if (c1 === '' || r1 === '') return undefined;
    const row = Number(r1);
    const column = lettersToColumn(c1);
    if (row < 1) return undefined;
    return { ...result, startRow: row, startColumn: column, endRow: row, endColumn: column };
  }
  const c2 = second[1] ?? '';
  const r2 = second[2] ?? '';
  if (c2 === '' && r2 === '') return undefined;
  // `A:C` and `2:5` must be column-only or row-only on both sides.
  if ((c1 === '') !== (c2 === '') && r1 === '') return undefined;
  if (c1 === '' && c2 !== '') return undefined;
  if (r1 !== '') result.startRow = Number(r1);
  if (c1 !== '') result.startColumn = lettersToColumn(c1);
  if (r2 !== '') result.endRow = Number(r2);
  if (c2 !== '') result.endColumn = lettersToColumn(c2);
  if (result.startRow === undefined && result.endRow !== undefined) return undefined;
  if (result.startRow === 0 || result.endRow === 0) return undefined;
  // Sheets accepts reversed corners (B2:A1) and normalises them.
  if (
    result.startRow !== undefined &&
    result.endRow !== undefined &&
    result.endRow < result.startRow
  ) {
    [result.startRow, result.endRow] = [result.endRow, result.startRow];
  }
  if (
    result.startColumn !== undefined &&
    result.endColumn !== undefined &&
    result.endColumn < result.startColumn
  ) {
    [result.startColumn, result.endColumn] = [result.endColumn, result.startColumn];
  }
  return result;
}
