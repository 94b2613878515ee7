/**
 * Builds an emulated SpreadsheetApp for the spreadsheet tests: an ExecutionEnv from env.ts's
 * own factories and a workbook, optionally in a separate `vm` realm like the runtime's script.
 */
import * as vm from 'node:vm';
import {
  createCallCounter,
  createUiEvents,
  emptyPersistentState,
  type ExecutionEnv,
} from '../../src/local/runtime/env';
import type { Realm } from '../../src/local/runtime/services/support/realm';
import {
  createSpreadsheetApp,
  emptyWorkbookData,
  Workbook,
  type SpreadsheetAppGlobal,
  type SpreadsheetAppOptions,
  type WorkbookData,
} from '../../src/local/runtime/spreadsheet';
import type { Sheet } from '../../src/local/runtime/spreadsheet/sheet';
import type { Spreadsheet } from '../../src/local/runtime/spreadsheet/spreadsheet';

export interface SpreadsheetTestKit {
  env: ExecutionEnv;
  workbook: Workbook;
  app: SpreadsheetAppGlobal;
}

export function makeSpreadsheetEnv(overrides: Partial<ExecutionEnv> = {}): ExecutionEnv {
  return {
    counter: createCallCounter(),
    now: () => new Date('2026-03-10T09:00:00Z'),
    timeZone: 'Europe/Paris',
    userEmail: 'commercial@utpla.fr',
    hasUi: true,
    uiAnswers: {},
    uiEvents: createUiEvents(),
    state: emptyPersistentState(),
    distDir: '/nonexistent/dist',
    outboxDir: '/nonexistent/outbox',
    log: () => undefined,
    ...overrides,
  };
}

export function makeKit(
  options: {
    env?: Partial<ExecutionEnv>;
    data?: WorkbookData;
    app?: SpreadsheetAppOptions;
  } = {},
): SpreadsheetTestKit {
  const env = makeSpreadsheetEnv(options.env);
  const workbook = new Workbook(
    options.data ?? emptyWorkbookData({ name: 'CRM test', id: 'sheet-id-1' }),
  );
  return { env, workbook, app: createSpreadsheetApp(env, workbook, options.app) };
}

/** A fresh `vm` realm, as the runtime runs dist/Code.js in. */
export function scriptRealm(): Realm {
  return vm.runInContext('({ Error, Date, Array })', vm.createContext({})) as Realm;
}

/** The exception a call throws (fails the test when it does not throw). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an exception');
}

/** The active spreadsheet of a kit (never null unless the kit was built without one). */
export function activeSpreadsheet(kit: SpreadsheetTestKit): Spreadsheet {
  const ss = kit.app.getActiveSpreadsheet();
  if (ss === null) throw new Error('no active spreadsheet');
  return ss;
}

/** A sheet by name, failing the test when missing. */
export function sheetNamed(kit: SpreadsheetTestKit, name: string): Sheet {
  const sheet = activeSpreadsheet(kit).getSheetByName(name);
  if (sheet === null) throw new Error(`no sheet ${name}`);
  return sheet;
}
