/**
 * Counts the cells that reads and writes move, which the latency model prices on top of the
 * calls. The runtime counts calls only, so the bench wraps the emulated Range and Sheet methods
 * that carry values, once per process; the wrappers add to a tally and leave behaviour alone.
 */
import { Range } from '../runtime/spreadsheet/range';
import { Sheet } from '../runtime/spreadsheet/sheet';

export interface CellTally {
  read: number;
  written: number;
}

const tally: CellTally = { read: 0, written: 0 };
let installed = false;

const RANGE_READS = ['getValues', 'getDisplayValues', 'getFormulas'] as const;
const RANGE_CELL_READS = ['getValue', 'getDisplayValue', 'getFormula'] as const;
// setValue fills the whole range, so it weighs as many cells as the range has.
const RANGE_WRITES = ['setValues', 'setFormulas', 'setValue'] as const;
const RANGE_CELL_WRITES = ['setFormula'] as const;

type Method = (...args: unknown[]) => unknown;

function wrap<T extends object>(
  prototype: T,
  name: string,
  cells: (self: T, args: unknown[]) => number,
  field: keyof CellTally,
): void {
  const record = prototype as unknown as Record<string, Method>;
  const original = record[name];
  if (typeof original !== 'function') throw new Error(`cell meter: no method ${name}`);
  record[name] = function meteredMethod(this: T, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    // Counted after the call so a refused call (bad size, outside the grid) moves nothing.
    tally[field] += cells(this, args);
    return result;
  };
}

export function installCellMeter(): void {
  if (installed) return;
  installed = true;
  const size = (range: Range) => range.numRows * range.numColumns;
  const proto = Range.prototype;
  for (const name of RANGE_READS) wrap(proto, name, size, 'read');
  for (const name of RANGE_CELL_READS) wrap(proto, name, () => 1, 'read');
  for (const name of RANGE_WRITES) wrap(proto, name, size, 'written');
  for (const name of RANGE_CELL_WRITES) wrap(proto, name, () => 1, 'written');
  wrap(
    Sheet.prototype,
    'appendRow',
    (_sheet, args) => (Array.isArray(args[0]) ? args[0].length : 0),
    'written',
  );
}

/** Runs `work` and returns the cells it read and wrote along with its result. */
export function meterCells<T>(work: () => T): { result: T; cells: CellTally } {
  installCellMeter();
  const before = { ...tally };
  const result = work();
  return {
    result,
    cells: { read: tally.read - before.read, written: tally.written - before.written },
  };
}
