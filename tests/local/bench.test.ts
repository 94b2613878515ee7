/**
 * The bench's measurement on tiny workbooks: every operation makes the same number of Sheets
 * calls at 200 and 400 contacts (DESIGN.md §8), and the naive card finds what the endpoint finds.
 * No timing is asserted: CPU time on a shared machine is not a test.
 */
import { measureSize, type SizeResult } from '../../src/local/bench/measure';

describe('npm run bench measurement', () => {
  let small: SizeResult;
  let large: SizeResult;

  beforeAll(() => {
    small = measureSize(200);
    large = measureSize(400);
  });

  it('measures every operation through its endpoint and its naive counterpart', () => {
    for (const op of [...small.operations, ...large.operations]) {
      expect({ operation: op.operation, unavailable: op.unavailable }).toEqual({
        operation: op.operation,
        unavailable: undefined,
      });
      expect(op.naive?.sheetsCalls).toBeGreaterThan(op.ours?.sheetsCalls ?? Infinity);
      expect(op.agrees).not.toBe(false);
    }
    expect(small.operations.find((o) => o.endpoint === 'getCard')?.agrees).toBe(true);
  });

  it('makes a constant number of Sheets calls whatever the number of rows', () => {
    const calls = (size: SizeResult) =>
      size.operations.map((o) => [o.endpoint, o.ours?.sheetsCalls] as const);
    expect(calls(large)).toEqual(calls(small));
    // The naive version, by contrast, grows with the rows: the comparison has a point.
    const naiveCard = (size: SizeResult) =>
      size.operations.find((o) => o.endpoint === 'getCard')?.naive?.sheetsCalls ?? 0;
    expect(naiveCard(large)).toBeGreaterThan(naiveCard(small));
  });
});
