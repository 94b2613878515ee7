import * as path from 'node:path';
import { callSync } from '../../src/local/runtime/sync/call-sync';

describe('callSync', () => {
  it('runs an async function of a TypeScript module synchronously', () => {
    const mod = path.join(__dirname, 'fixtures', 'async-add.ts');
    expect(callSync<number>(mod, 'addLater', 2, 3)).toBe(5);
  });

  it('carries Dates across and rethrows errors', () => {
    const mod = path.join(__dirname, 'fixtures', 'async-add.ts');
    const d = new Date('2026-01-02T03:04:05Z');
    expect(callSync<Date>(mod, 'echo', d).getTime()).toBe(d.getTime());
    expect(() => callSync(mod, 'fail', 'boom')).toThrow('boom');
  });
});
