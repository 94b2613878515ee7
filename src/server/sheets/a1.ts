/** A1 notation for reads addressed to a tab by name, which saves the getSheetByName round trip. */
export function columnLetters(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function quotedSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `'Tab'!B2:D` — columns `first`..`last` (1-based) from `row` to the bottom of the grid. */
export function openColumnsA1(sheetName: string, row: number, first: number, last: number): string {
  return `${quotedSheet(sheetName)}!${columnLetters(first)}${row}:${columnLetters(last)}`;
}

/** `'Tab'!A5:AD9` */
export function blockA1(sheetName: string, row: number, rows: number, columns: number): string {
  return `${quotedSheet(sheetName)}!A${row}:${columnLetters(columns)}${row + rows - 1}`;
}

/** `'Tab'!1:1` — the whole first row, as wide as the grid. */
export function headerRowA1(sheetName: string): string {
  return `${quotedSheet(sheetName)}!1:1`;
}
