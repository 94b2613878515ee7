/**
 * A fresh JavaScript global scope for one execution, as Apps Script gives every execution
 * (menu click, sidebar call, trigger) fresh globals. Its clock is the runtime's: `new Date()` and
 * `Date.now()` in the script read the clock tests and `--now` move, while a Date built from a
 * value stays exact.
 */
import * as vm from 'node:vm';
import type { Realm } from './services';

export interface ScriptContext {
  readonly context: vm.Context;
  readonly realm: Realm;
  /** Turns host data (e.g. arguments from the page) into objects of the script's realm. */
  importValue(value: unknown): unknown;
}

const INSTALL_CLOCK = `(function (readClock) {
  var RealDate = Date;
  function ClockDate() {
    var args = Array.prototype.slice.call(arguments);
    if (!new.target) return new RealDate(readClock()).toString();
    if (args.length === 0) return Reflect.construct(RealDate, [readClock()], new.target);
    return Reflect.construct(RealDate, args, new.target);
  }
  ClockDate.prototype = RealDate.prototype;
  ClockDate.now = function () { return readClock(); };
  ClockDate.parse = RealDate.parse;
  ClockDate.UTC = RealDate.UTC;
  // Dates made before the swap, or by RealDate, are still Dates for instanceof.
  Object.defineProperty(ClockDate, Symbol.hasInstance, {
    value: function (v) { return Object.prototype.toString.call(v) === '[object Date]'; },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
  globalThis.Date = ClockDate;
  return { Error: Error, Date: ClockDate, Array: Array, JSON: JSON };
})`;

export function createScriptContext(readClockMs: () => number): ScriptContext {
  const context = vm.createContext({});
  const install = vm.runInContext(INSTALL_CLOCK, context) as (
    read: () => number,
  ) => Realm & { JSON: JSON };
  const intrinsics = install(readClockMs);
  const realm: Realm = { Error: intrinsics.Error, Date: intrinsics.Date, Array: intrinsics.Array };
  return {
    context,
    realm,
    importValue: (value) =>
      value === undefined ? undefined : intrinsics.JSON.parse(JSON.stringify(value)),
  };
}
