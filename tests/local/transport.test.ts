import * as vm from 'node:vm';
import { toTransportValue, TransportError } from '../../src/local/runtime/transport';

describe('google.script.run serialisation', () => {
  it('keeps primitives, arrays and plain objects; undefined becomes null in arrays and is dropped in objects', () => {
    expect(
      toTransportValue({ a: 1, b: 'x', c: [1, undefined, null], d: undefined, e: { f: true } }),
    ).toEqual({
      a: 1,
      b: 'x',
      c: [1, null, null],
      e: { f: true },
    });
    expect(toTransportValue(undefined)).toBeNull();
  });

  it('refuses Dates and functions, naming where they are', () => {
    expect(() => toTransportValue({ rows: [{ at: new Date() }] })).toThrow(TransportError);
    expect(() => toTransportValue({ rows: [{ at: new Date() }] })).toThrow('valeur.rows[0].at');
    expect(() => toTransportValue({ f: () => 1 })).toThrow(TransportError);
    expect(() => toTransportValue(new Map())).toThrow(TransportError);
  });

  it('accepts plain objects and refuses Dates made in the script context', () => {
    const context = vm.createContext({});
    const fromScript = vm.runInContext(
      '({ ok: true, data: { list: [1, 2] }, when: new Date(0) })',
      context,
    ) as Record<string, unknown>;
    expect(() => toTransportValue(fromScript)).toThrow('valeur.when');
    delete fromScript.when;
    expect(toTransportValue(fromScript)).toEqual({ ok: true, data: { list: [1, 2] } });
  });
});
