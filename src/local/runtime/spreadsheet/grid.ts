/**
 * A sparse row-major grid: an array of rows (0-based), each an array of cells or absent. Absent
 * rows and cells cost nothing, so a 50,000-row tab whose formats cover a few columns stays small,
 * and a dense block written by setValues is plain packed arrays (fast to build and to clone).
 * `undefined` always means "nothing here".
 */
export type Grid<T> = Array<Array<T | undefined> | undefined>;

export function cellAt<T>(grid: Grid<T>, row: number, column: number): T | undefined {
  return grid[row]?.[column];
}

export function setCellAt<T>(
  grid: Grid<T>,
  row: number,
  column: number,
  value: T | undefined,
): void {
  let cells = grid[row];
  if (cells === undefined) {
    if (value === undefined) return;
    cells = [];
    grid[row] = cells;
  }
  cells[column] = value;
}

/** Writes `values` (rows of equal length) with its top-left corner at (row, column). */
export function writeBlock<T>(
  grid: Grid<T>,
  row: number,
  column: number,
  values: ReadonlyArray<ReadonlyArray<T | undefined>>,
): void {
  for (let r = 0; r < values.length; r++) {
    const source = values[r];
    if (source === undefined) continue;
    let cells = grid[row + r];
    if (cells === undefined) {
      if (column === 0) {
        // The common case of a whole row block: take a copy as the row itself.
        grid[row + r] = source.slice();
        continue;
      }
      cells = [];
      grid[row + r] = cells;
    }
    for (let c = 0; c < source.length; c++) cells[column + c] = source[c];
  }
}

/** Sets every cell of the rectangle to `value` (undefined clears). */
export function fillBlock<T>(
  grid: Grid<T>,
  row: number,
  column: number,
  numRows: number,
  numColumns: number,
  value: T | undefined,
): void {
  for (let r = row; r < row + numRows; r++) {
    let cells = grid[r];
    if (cells === undefined) {
      if (value === undefined) continue;
      cells = [];
      grid[r] = cells;
    }
    const end = Math.min(column + numColumns, value === undefined ? cells.length : Infinity);
    for (let c = column; c < end; c++) cells[c] = value;
  }
}

export function insertRows<T>(grid: Grid<T>, at: number, count: number, copyFrom?: number): void {
  const template = copyFrom === undefined ? undefined : grid[copyFrom];
  // Nothing to shift and nothing to copy: rows past the end are empty already. (Padding with
  // empty rows here would break the no-trailing-empty-row invariant of trimGrid.)
  if (at >= grid.length && template === undefined) return;
  if (at > grid.length) grid.length = at;
  const added: Grid<T> = [];
  for (let i = 0; i < count; i++) added.push(template?.slice());
  grid.splice(at, 0, ...added);
}

export function deleteRows<T>(grid: Grid<T>, at: number, count: number): void {
  if (at < grid.length) grid.splice(at, count);
}

export function insertColumns<T>(
  grid: Grid<T>,
  at: number,
  count: number,
  copyFrom?: number,
): void {
  for (const cells of grid) {
    if (cells === undefined) continue;
    const template = copyFrom === undefined ? undefined : cells[copyFrom];
    if (at >= cells.length && template === undefined) continue;
    if (at > cells.length) cells.length = at;
    cells.splice(at, 0, ...new Array<T | undefined>(count).fill(template));
  }
}

export function deleteColumns<T>(grid: Grid<T>, at: number, count: number): void {
  for (const cells of grid) {
    if (cells !== undefined && at < cells.length) cells.splice(at, count);
  }
}

/** Drops everything at or beyond `rows` × `columns` (used when the grid shrinks). */
export function cropGrid<T>(grid: Grid<T>, rows: number, columns: number): void {
  if (grid.length > rows) grid.length = rows;
  for (const cells of grid) {
    if (cells !== undefined && cells.length > columns) cells.length = columns;
  }
}

/**
 * Keeps the invariant the content queries rely on: no row ends with an empty cell and the grid
 * does not end with an empty row, for the rows from `fromRow` on (all rows by default).
 */
export function trimGrid<T>(grid: Grid<T>, fromRow = 0, toRow = grid.length): void {
  for (let r = Math.max(0, fromRow); r < Math.min(toRow, grid.length); r++) {
    const cells = grid[r];
    if (cells === undefined) continue;
    let end = cells.length;
    while (end > 0 && cells[end - 1] === undefined) end--;
    if (end === 0) grid[r] = undefined;
    else if (end < cells.length) cells.length = end;
  }
  let rows = grid.length;
  while (rows > 0 && grid[rows - 1] === undefined) rows--;
  if (rows < grid.length) grid.length = rows;
}

/** Last row (1-based) holding a cell, 0 when none; the grid must be trimmed. */
export function contentRows<T>(grid: Grid<T>): number {
  return grid.length;
}

/** Last column (1-based) holding a cell, 0 when none; the grid must be trimmed. */
export function contentColumns<T>(grid: Grid<T>): number {
  let max = 0;
  for (const cells of grid) if (cells !== undefined && cells.length > max) max = cells.length;
  return max;
}

/** Calls `visit` for every present cell. */
export function forEachCell<T>(
  grid: Grid<T>,
  visit: (value: T, row: number, column: number) => void,
): void {
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    if (cells === undefined) continue;
    for (let c = 0; c < cells.length; c++) {
      const value = cells[c];
      if (value !== undefined) visit(value, r, c);
    }
  }
}
