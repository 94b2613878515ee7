/**
 * What every emulated Apps Script service receives from the local runtime for one execution.
 * Services are rebuilt for each execution (Apps Script starts every execution with fresh
 * globals); only the persistent state survives between executions.
 */

/** Counts every emulated service call, keyed `Service.method` (e.g. `Range.getValues`). */
export interface CallCounter {
  count(name: string): void;
  snapshot(): Record<string, number>;
  reset(): void;
}

export function createCallCounter(): CallCounter {
  let counts: Record<string, number> = {};
  return {
    count(name) {
      counts[name] = (counts[name] ?? 0) + 1;
    },
    snapshot() {
      return { ...counts };
    },
    reset() {
      counts = {};
    },
  };
}

/** A menu as `SpreadsheetApp.getUi().createMenu(...)...addToUi()` declared it. */
export interface RecordedMenu {
  title: string;
  items: Array<{ caption: string; functionName: string } | { separator: true }>;
}

/** How the caller answers `Ui.alert` / `Ui.prompt` (the local page, a test, the CLI). */
export interface UiAnswers {
  /** Button name returned by `alert` with buttons ('OK', 'YES', 'NO', 'CANCEL'…). Default 'OK'/'YES'. */
  alert?: string;
  /** Text and button for `prompt`. Default `{ text: '', button: 'OK' }`. */
  prompt?: { text: string; button: string };
}

/** What the user interface of one execution produced, for the caller to show. */
export interface UiEvents {
  menus: RecordedMenu[];
  toasts: Array<{ message: string; title: string; timeoutSeconds: number }>;
  alerts: Array<{ title: string; prompt: string; kind: 'alert' | 'prompt' }>;
  /** HtmlOutput shown with showSidebar / showModalDialog. */
  dialogs: Array<{ kind: 'sidebar' | 'modal' | 'modeless'; title: string; html: string }>;
}

export function createUiEvents(): UiEvents {
  return { menus: [], toasts: [], alerts: [], dialogs: [] };
}

/** A time-driven trigger as ScriptApp stores it. */
export interface StoredTrigger {
  id: string;
  handlerFunction: string;
  /** 'CLOCK' for time-driven; other sources are kept for completeness. */
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';
  /** For CLOCK: the period in ms (everyMinutes/everyHours/everyDays/everyWeeks), or 0 for `at`. */
  everyMs: number;
  /** For `atHour`/`nearMinute`/`onWeekDay`, kept for display. */
  atHour?: number;
  nearMinute?: number;
  weekDay?: string;
  /** For `at(date)` / `after(ms)`: the one-shot instant, ISO. */
  atIso?: string;
  /** ISO of creation and of the last firing; the local server fires a trigger when due. */
  createdIso: string;
  lastFiredIso?: string;
}

/** Everything besides the workbook that persists between executions (saved as JSON). */
export interface PersistentState {
  scriptProperties: Record<string, string>;
  userProperties: Record<string, string>;
  documentProperties: Record<string, string>;
  /** Cache entries: value and expiry (epoch ms, by the runtime clock). */
  cache: Record<
    'script' | 'user' | 'document',
    Record<string, { value: string; expiresAt: number }>
  >;
  triggers: StoredTrigger[];
  /** Recipients sent today, for MailApp.getRemainingDailyQuota. */
  mail: { day: string; recipients: number };
  nextTriggerSeq: number;
}

export function emptyPersistentState(): PersistentState {
  return {
    scriptProperties: {},
    userProperties: {},
    documentProperties: {},
    cache: { script: {}, user: {}, document: {} },
    triggers: [],
    mail: { day: '', recipients: 0 },
    nextTriggerSeq: 1,
  };
}

/** Passed to every service factory. */
export interface ExecutionEnv {
  counter: CallCounter;
  /** The clock the script sees (moved by tests and `--now`). */
  now(): Date;
  /** The script time zone, from appsscript.json (`Session.getScriptTimeZone()`). */
  timeZone: string;
  /** `Session.getActiveUser().getEmail()` and `getEffectiveUser()`. */
  userEmail: string;
  /** False in time-driven triggers: `SpreadsheetApp.getUi()` then throws as on Apps Script. */
  hasUi: boolean;
  uiAnswers: UiAnswers;
  uiEvents: UiEvents;
  state: PersistentState;
  /** Folder of the built add-on (`dist/`): HtmlService reads files there. */
  distDir: string;
  /** Folder where MailApp and Gmail drafts are written as `.eml`. */
  outboxDir: string;
  /** Collects Logger.log / console.* lines of this execution. */
  log(level: 'log' | 'info' | 'warn' | 'error', message: string): void;
}
