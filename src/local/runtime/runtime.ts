/**
 * The offline Apps Script runtime: runs the very dist/Code.js that clasp pushes, in a fresh
 * `vm` global scope per execution whose globals are the emulated services (DESIGN.md §2). The
 * workbook persists as .xlsx, properties and triggers as JSON beside it, mail as .eml files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import {
  createCallCounter,
  createUiEvents,
  type ExecutionEnv,
  type PersistentState,
  type StoredTrigger,
  type UiAnswers,
  type UiEvents,
} from './env';
import { createScriptContext } from './script-context';
import {
  createServiceGlobals,
  dueTriggers,
  readTextOutput,
  type ServiceGlobalObjects,
  type TextOutputSnapshot,
} from './services';
import { createSpreadsheetApp, emptyWorkbookData } from './spreadsheet';
import { loadState, saveState, writeFileAtomic } from './state-file';
import { toTransportValue } from './transport';
import { WorkbookStore } from './workbook-store';

export type ExecutionKind = 'simple' | 'menu' | 'sidebar' | 'trigger' | 'webapp' | 'host';
export type RuntimeMode = 'sandbox' | 'live';

export interface RuntimeOptions {
  /** The .xlsx workbook; created empty when missing. */
  workbookPath: string;
  /** Folder of the built add-on. Default: dist/ of this repository. */
  distDir?: string;
  /** API stand-ins (default) or the real hosts. */
  mode?: RuntimeMode;
  /** Port of the running API sandbox, required in sandbox mode for UrlFetchApp. */
  sandboxPort?: number;
  /** `Session.getActiveUser().getEmail()`. */
  userEmail?: string;
  /** The clock the script sees starts at this instant and runs on. Default: real time. */
  now?: Date;
  /** Keep the workbook in memory only (never read or write the .xlsx): benchmarks and tests. */
  inMemory?: boolean;
}

export interface RunRequest {
  functionName: string;
  args?: unknown[];
  kind?: ExecutionKind;
  uiAnswers?: UiAnswers;
}

export interface RunResult {
  ok: boolean;
  /** The function's return value, as plain JSON (google.script.run rules for sidebar calls). */
  value: unknown;
  error: { name: string; message: string; stack?: string } | null;
  logs: string[];
  ui: UiEvents;
  /** Emulated service calls of this execution, by `Service.method`. */
  counts: Record<string, number>;
  durationMs: number;
  sleptMs: number;
}

/** An HTTP request to the deployed web app, as `doGet`/`doPost` receive it. */
export interface WebAppRequest {
  /** The POST body as sent. */
  body?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** Query string parameters (`?a=1&a=2` as `{ a: ['1', '2'] }`). */
  query?: Record<string, string | string[]>;
}

export interface WebAppResult extends RunResult {
  /** What the handler returned, when it is a ContentService TextOutput. */
  response: TextOutputSnapshot | null;
}

export const DEFAULT_USER_EMAIL = 'demo@utpla.fr';
const REPO_ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  timeZone?: string;
  urlFetchWhitelist?: string[];
}

export class LocalRuntime {
  readonly mode: RuntimeMode;
  readonly distDir: string;
  readonly statePath: string;
  readonly outboxDir: string;
  readonly statsPath: string;
  private readonly store: WorkbookStore;
  private readonly manifest: Manifest;
  private readonly script: vm.Script;
  private clockOffsetMs: number;
  private lastCounts: Record<string, number> = {};
  private selection:
    | { sheetName: string; row: number; column: number; numRows: number; numColumns: number }
    | undefined;

  constructor(private readonly options: RuntimeOptions) {
    this.mode = options.mode ?? 'sandbox';
    this.distDir = options.distDir ?? path.join(REPO_ROOT, 'dist');
    const codePath = path.join(this.distDir, 'Code.js');
    if (!fs.existsSync(codePath)) {
      throw new Error(`${codePath} is missing: run \`npm run build\` first.`);
    }
    this.script = new vm.Script(fs.readFileSync(codePath, 'utf8'), { filename: 'Code.js' });
    this.manifest = JSON.parse(
      fs.readFileSync(path.join(this.distDir, 'appsscript.json'), 'utf8'),
    ) as Manifest;
    const base = options.workbookPath.replace(/\.xlsx$/i, '');
    this.statePath = `${base}.state.json`;
    this.statsPath = `${base}.stats.json`;
    this.outboxDir = path.join(path.dirname(options.workbookPath), 'outbox');
    fs.mkdirSync(path.dirname(options.workbookPath), { recursive: true });
    this.clockOffsetMs = options.now ? options.now.getTime() - Date.now() : 0;
    const createData = () =>
      emptyWorkbookData({ name: path.basename(base), timeZone: this.timeZone });
    this.store = options.inMemory
      ? WorkbookStore.memory(options.workbookPath, createData())
      : WorkbookStore.open(options.workbookPath, createData);
  }

  get workbookPath(): string {
    return this.options.workbookPath;
  }

  get timeZone(): string {
    return this.manifest.timeZone ?? 'Europe/Paris';
  }

  /** The script's clock. */
  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  /** Moves the script's clock to `date` (it then runs on from there). */
  setNow(date: Date): void {
    this.clockOffsetMs = date.getTime() - Date.now();
  }

  /**
   * Puts the user's cursor on a cell (the local page's grid), or selects a block of cells from
   * it: getActiveRange reports it.
   */
  select(sheetName: string, row: number, column: number, numRows = 1, numColumns = 1): void {
    this.selection = { sheetName, row, column, numRows, numColumns };
  }

  /** Service call counts of the last execution. */
  lastStats(): Record<string, number> {
    return { ...this.lastCounts };
  }

  readState(): PersistentState {
    return loadState(this.statePath);
  }

  /** Calls a top-level function of dist/Code.js as Apps Script would for this kind of call. */
  run(request: RunRequest): RunResult {
    const kind = request.kind ?? 'menu';
    return this.execute(kind, request.uiAnswers ?? {}, (context, importValue) => {
      const name = request.functionName;
      if (kind === 'sidebar' && name.endsWith('_')) {
        throw new Error(
          `${name} is private: functions ending with _ cannot be called from google.script.run.`,
        );
      }
      const fn: unknown = context[name];
      if (typeof fn !== 'function') {
        throw new Error(`Script function not found: ${name}`);
      }
      const args = (request.args ?? []).map((arg, index) =>
        importValue(kind === 'sidebar' ? toTransportValue(arg, `paramètre ${index + 1}`) : arg),
      );
      const value: unknown = (fn as (...a: unknown[]) => unknown)(...args);
      return kind === 'sidebar' ? toTransportValue(value, 'résultat') : plainCopy(value);
    });
  }

  /**
   * Runs Node code with the emulated services of one execution (counted and persisted like a
   * script run): the demo seeder and tests use it to act on the workbook as a script would.
   */
  withServices<T>(work: (globals: ServiceGlobalObjects & { SpreadsheetApp: unknown }) => T): T {
    let out: T | undefined;
    const result = this.execute('host', {}, (_context, _importValue, globals) => {
      out = work(globals);
      return null;
    });
    if (!result.ok) throw new Error(result.error?.message ?? 'host execution failed');
    return out as T;
  }

  /**
   * Calls `doPost` or `doGet` as Apps Script does for a request to the web app's URL: the event
   * object of the web apps guide (`parameter`, `parameters`, `queryString`, `postData`…), no UI,
   * and the returned TextOutput read back as content and MIME type.
   */
  runWebApp(method: 'doPost' | 'doGet', request: WebAppRequest = {}): WebAppResult {
    const parameters: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.query ?? {}))
      parameters[name] = Array.isArray(value) ? value.map(String) : [String(value)];
    const queryString = Object.entries(parameters)
      .flatMap(([name, values]) =>
        values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`),
      )
      .join('&');
    const event: Record<string, unknown> = {
      queryString,
      parameter: Object.fromEntries(
        Object.entries(parameters).map(([name, values]) => [name, values[0] ?? '']),
      ),
      parameters,
      contextPath: '',
      contentLength: -1,
    };
    if (method === 'doPost') {
      const body = request.body ?? '';
      event.contentLength = Buffer.byteLength(body);
      event.postData = {
        length: Buffer.byteLength(body),
        type: request.contentType ?? 'application/json',
        contents: body,
        name: 'postData',
      };
    }
    let response: TextOutputSnapshot | null = null;
    const result = this.execute('webapp', {}, (context, importValue) => {
      const fn: unknown = context[method];
      if (typeof fn !== 'function') throw new Error(`Script function not found: ${method}`);
      const value: unknown = (fn as (e: unknown) => unknown)(importValue(event));
      response = readTextOutput(value) ?? null;
      return response;
    });
    return { ...result, response };
  }

  /** Fires one time-driven trigger's handler, as the clock would. */
  fireTrigger(trigger: StoredTrigger): RunResult {
    const state = loadState(this.statePath);
    const stored = state.triggers.find((t) => t.id === trigger.id);
    if (stored) {
      stored.lastFiredIso = this.now().toISOString();
      saveState(this.statePath, state);
    }
    const now = this.now();
    const event = {
      authMode: 'FULL',
      triggerUid: trigger.id,
      year: now.getUTCFullYear(),
      month: now.getUTCMonth() + 1,
      'day-of-month': now.getUTCDate(),
      hour: now.getUTCHours(),
      minute: now.getUTCMinutes(),
      second: now.getUTCSeconds(),
      timezone: 'UTC',
    };
    return this.run({ functionName: trigger.handlerFunction, args: [event], kind: 'trigger' });
  }

  /** Fires every installed clock trigger that is due by the script's clock. */
  runDueTriggers(): RunResult[] {
    const due = dueTriggers(loadState(this.statePath).triggers, this.now(), this.timeZone);
    return due.map((trigger) => this.fireTrigger(trigger));
  }

  /** Runs a handler as a time-driven trigger, using the installed trigger's id when there is one. */
  runAsTrigger(handlerFunction: string): RunResult {
    const installed = loadState(this.statePath).triggers.find(
      (t) => t.handlerFunction === handlerFunction,
    );
    return this.fireTrigger(
      installed ?? {
        id: `manual-${handlerFunction}`,
        handlerFunction,
        eventType: 'CLOCK',
        everyMs: 0,
        createdIso: this.now().toISOString(),
      },
    );
  }

  private execute(
    kind: ExecutionKind,
    uiAnswers: UiAnswers,
    body: (
      context: vm.Context,
      importValue: (v: unknown) => unknown,
      globals: ServiceGlobalObjects & { SpreadsheetApp: unknown },
    ) => unknown,
  ): RunResult {
    const started = Date.now();
    const counter = createCallCounter();
    const ui = createUiEvents();
    const logs: string[] = [];
    const state = loadState(this.statePath);
    this.store.refresh();
    const scriptContext = createScriptContext(() => Date.now() + this.clockOffsetMs);
    const env: ExecutionEnv = {
      counter,
      now: () => this.now(),
      timeZone: this.timeZone,
      userEmail: this.options.userEmail ?? DEFAULT_USER_EMAIL,
      hasUi: kind !== 'trigger' && kind !== 'webapp',
      uiAnswers,
      uiEvents: ui,
      state,
      distDir: this.distDir,
      outboxDir: this.outboxDir,
      log: (level, message) =>
        logs.push(level === 'log' || level === 'info' ? message : `[${level}] ${message}`),
    };
    const services = createServiceGlobals(env, {
      realm: scriptContext.realm,
      lock: {
        lockFilePath: `${this.options.workbookPath}.lock`,
        onAcquire: () => this.store.refresh(),
        onRelease: () => this.store.persist(),
      },
      urlFetch: {
        routing: this.mode,
        sandboxPort: this.options.sandboxPort,
        urlFetchWhitelist: this.manifest.urlFetchWhitelist,
      },
      scriptApp: { addOn: true, documentId: this.store.workbook.data.id },
      // Template scriptlets must see the script's own functions (an `include()` helper).
      html: {
        compileInScript: (source: string) =>
          vm.runInContext(source, scriptContext.context) as unknown,
      },
    });
    const context = scriptContext.context;
    const globals = {
      ...services.globals,
      SpreadsheetApp: createSpreadsheetApp(env, this.store.workbook, {
        realm: scriptContext.realm,
        ...(this.selection ? { selection: this.selection } : {}),
      }),
    };
    Object.assign(context, globals);
    let value: unknown = null;
    let error: RunResult['error'] = null;
    try {
      if (kind !== 'host') this.script.runInContext(context);
      value = body(context, scriptContext.importValue, globals);
    } catch (thrown) {
      error = describeError(thrown);
    } finally {
      services.endExecution();
      this.store.persist();
      saveState(this.statePath, state);
    }
    const counts = counter.snapshot();
    // Host work (the page reading the grid, the demo seeder) is not a script run: keep the stats
    // of the last real execution for `npm run crm -- stats`.
    if (kind !== 'host') {
      this.lastCounts = counts;
      writeFileAtomic(this.statsPath, `${JSON.stringify(counts, null, 2)}\n`);
    }
    return {
      ok: error === null,
      value,
      error,
      logs,
      ui,
      counts,
      durationMs: Date.now() - started,
      sleptMs: services.sleptMs(),
    };
  }
}

function describeError(thrown: unknown): { name: string; message: string; stack?: string } {
  if (typeof thrown === 'object' && thrown !== null && 'message' in thrown) {
    const e = thrown as { name?: unknown; message?: unknown; stack?: unknown };
    const out: { name: string; message: string; stack?: string } = {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: String(e.message),
    };
    if (typeof e.stack === 'string') out.stack = e.stack;
    return out;
  }
  return { name: 'Error', message: String(thrown) };
}

/** Results of menu and trigger calls are only shown; JSON keeps them readable and realm-free. */
function plainCopy(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as unknown;
}
