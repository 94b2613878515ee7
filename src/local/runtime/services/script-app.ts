/**
 * The `ScriptApp` global: installable triggers stored in the persistent state (fired later by the
 * local server's clock, see trigger-schedule.ts), enums, and the project's identity. References:
 * developers.google.com/apps-script/reference/script/script-app, …/clock-trigger-builder and the
 * quotas page (20 triggers per user per script). `everyMinutes` accepts only 1, 5, 10, 15 or 30
 * and `everyHours` only 1, 2, 4, 6, 8 or 12 (ClockTriggerBuilder reference); `atHour` and
 * `nearMinute` need `everyDays` or `everyWeeks`.
 *
 * With `addOn: true` the editor add-on rules apply too (add-ons/concepts/editor-triggers): one
 * time-driven trigger per user per document, never more often than hourly. The texts of those
 * errors and of the argument checks are our wording [inference — verify on a test deployment];
 * the "too many triggers" text is Apps Script's.
 *
 * Enum values are strings equal to their names: scripts compare them with `===` and print them,
 * both of which behave as with Apps Script's enum objects.
 */
import type { ExecutionEnv, StoredTrigger } from '../env';
import { counted } from './support/counted';
import { exception, hostRealm, isDate, toRealmArray, type Realm } from './support/realm';
import { resolveZone, zonedToEpoch } from './support/time-zone';

export const MAX_TRIGGERS = 20;
export const TOO_MANY_TRIGGERS =
  'This script has too many triggers. Triggers must be deleted from the script before more can be added.';

const enumOf = <K extends string>(...names: K[]): { readonly [P in K]: P } =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as { readonly [P in K]: P };

export const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
export const AuthorizationStatus = enumOf('REQUIRED', 'NOT_REQUIRED');
export const EventType = enumOf(
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
);
export const TriggerSource = enumOf('SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR');
export const InstallationSource = enumOf(
  'APPS_MARKETPLACE_DOMAIN_ADD_ON',
  'NONE',
  'WEB_STORE_ADD_ON',
);
export const WeekDay = enumOf(
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
  'SUNDAY',
);

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface Trigger {
  getUniqueId(): string;
  getHandlerFunction(): string;
  getEventType(): string;
  getTriggerSource(): string;
  getTriggerSourceId(): string | null;
}

export interface ClockTriggerBuilder {
  everyMinutes(n: number): ClockTriggerBuilder;
  everyHours(n: number): ClockTriggerBuilder;
  everyDays(n: number): ClockTriggerBuilder;
  everyWeeks(n: number): ClockTriggerBuilder;
  atHour(hour: number): ClockTriggerBuilder;
  nearMinute(minute: number): ClockTriggerBuilder;
  onWeekDay(day: string): ClockTriggerBuilder;
  at(date: Date): ClockTriggerBuilder;
  atDate(year: number, month: number, day: number): ClockTriggerBuilder;
  after(durationMilliseconds: number): ClockTriggerBuilder;
  inTimezone(timezone: string): ClockTriggerBuilder;
  create(): Trigger;
}

export interface SpreadsheetTriggerBuilder {
  onOpen(): SpreadsheetTriggerBuilder;
  onEdit(): SpreadsheetTriggerBuilder;
  onChange(): SpreadsheetTriggerBuilder;
  onFormSubmit(): SpreadsheetTriggerBuilder;
  create(): Trigger;
}

export interface TriggerBuilder {
  timeBased(): ClockTriggerBuilder;
  forSpreadsheet(spreadsheet: unknown): SpreadsheetTriggerBuilder;
}

export interface ScriptAppGlobal {
  newTrigger(functionName: string): TriggerBuilder;
  getProjectTriggers(): Trigger[];
  getUserTriggers(document: unknown): Trigger[];
  deleteTrigger(trigger: Trigger): void;
  getScriptId(): string;
  getOAuthToken(): string;
  getService(): { getUrl(): string; isEnabled(): boolean };
  getInstallationSource(): string;
  getAuthorizationInfo(authMode: string): {
    getAuthorizationStatus(): string;
    getAuthorizationUrl(): string | null;
  };
  AuthMode: typeof AuthMode;
  AuthorizationStatus: typeof AuthorizationStatus;
  EventType: typeof EventType;
  TriggerSource: typeof TriggerSource;
  InstallationSource: typeof InstallationSource;
  WeekDay: typeof WeekDay;
}

export interface ScriptAppOptions {
  realm?: Realm;
  scriptId?: string;
  /** What `getService().getUrl()` answers (the local server's URL). */
  serviceUrl?: string;
  /** Apply the editor add-on trigger rules (one clock trigger per document, hourly at most). */
  addOn?: boolean;
  /** The id spreadsheet triggers report as their source (the local workbook). */
  documentId?: string;
}

export function createScriptApp(
  env: ExecutionEnv,
  options: ScriptAppOptions = {},
): ScriptAppGlobal {
  const realm = options.realm ?? hostRealm;
  const fail = (message: string): never => {
    throw exception(realm, message);
  };

  const toTrigger = (stored: StoredTrigger): Trigger =>
    counted(env.counter, 'Trigger', {
      getUniqueId: () => stored.id,
      getHandlerFunction: () => stored.handlerFunction,
      getEventType: () => stored.eventType,
      getTriggerSource: () =>
        stored.eventType === 'CLOCK' ? TriggerSource.CLOCK : TriggerSource.SPREADSHEETS,
      getTriggerSourceId: () =>
        stored.eventType === 'CLOCK' ? null : (options.documentId ?? 'local-workbook'),
    });

  const store = (trigger: Omit<StoredTrigger, 'id' | 'createdIso'>): Trigger => {
    const triggers = env.state.triggers;
    if (triggers.length >= MAX_TRIGGERS) fail(TOO_MANY_TRIGGERS);
    if (options.addOn === true && trigger.eventType === 'CLOCK') {
      if (triggers.some((t) => t.eventType === 'CLOCK')) {
        fail(
          'This add-on has created too many time-based triggers in this document for this Google user account.',
        );
      }
      if (trigger.everyMs > 0 && trigger.everyMs < HOUR_MS) {
        fail('Add-ons may not create time-based triggers that run more often than once per hour.');
      }
    }
    const stored: StoredTrigger = {
      ...trigger,
      id: String(env.state.nextTriggerSeq++),
      createdIso: env.now().toISOString(),
    };
    triggers.push(stored);
    return toTrigger(stored);
  };

  const clockBuilder = (handlerFunction: string): ClockTriggerBuilder => {
    let everyMs = 0;
    let unit: 'minutes' | 'hours' | 'days' | 'weeks' | undefined;
    let atHour: number | undefined;
    let nearMinute: number | undefined;
    let weekDay: string | undefined;
    let atMs: number | undefined;
    let timeZone = env.timeZone;
    const integer = (value: number, name: string, min: number, max: number): number => {
      if (!Number.isInteger(value) || value < min || value > max) {
        fail(`Invalid argument: ${name}. Expected an integer from ${min} to ${max}.`);
      }
      return value;
    };
    const builder: ClockTriggerBuilder = {
      everyMinutes(n) {
        if (![1, 5, 10, 15, 30].includes(n)) {
          fail('Invalid argument: minutes. everyMinutes() accepts only 1, 5, 10, 15 or 30.');
        }
        everyMs = n * MINUTE_MS;
        unit = 'minutes';
        return builder;
      },
      everyHours(n) {
        if (![1, 2, 4, 6, 8, 12].includes(n)) {
          fail('Invalid argument: hours. everyHours() accepts only 1, 2, 4, 6, 8 or 12.');
        }
        everyMs = n * HOUR_MS;
        unit = 'hours';
        return builder;
      },
      everyDays(n) {
        everyMs = integer(n, 'days', 1, 365) * DAY_MS;
        unit = 'days';
        return builder;
      },
      everyWeeks(n) {
        everyMs = integer(n, 'weeks', 1, 52) * 7 * DAY_MS;
        unit = 'weeks';
        return builder;
      },
      atHour(hour) {
        atHour = integer(hour, 'hour', 0, 23);
        return builder;
      },
      nearMinute(minute) {
        nearMinute = integer(minute, 'minute', 0, 59);
        return builder;
      },
      onWeekDay(day) {
        if (!(String(day) in WeekDay)) fail(`Invalid argument: day`);
        weekDay = String(day);
        return builder;
      },
      at(date) {
        if (!isDate(date)) fail('Invalid argument: date');
        atMs = date.getTime();
        return builder;
      },
      atDate(year, month, day) {
        atMs = zonedToEpoch(resolveZone(timeZone), year, month, day);
        return builder;
      },
      after(ms) {
        atMs = env.now().getTime() + Math.max(0, Number(ms) || 0);
        return builder;
      },
      inTimezone(tz) {
        timeZone = String(tz);
        return builder;
      },
      create() {
        if (atMs !== undefined) {
          if (unit !== undefined)
            fail('A trigger cannot be both one-time (at/after) and recurring.');
          return store({
            handlerFunction,
            eventType: 'CLOCK',
            everyMs: 0,
            atIso: new Date(atMs).toISOString(),
          });
        }
        if (weekDay !== undefined && unit === undefined) {
          everyMs = 7 * DAY_MS;
          unit = 'weeks';
        }
        if (unit === undefined) {
          fail(
            'The trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, at or after.',
          );
        }
        if (
          (atHour !== undefined || nearMinute !== undefined) &&
          unit !== 'days' &&
          unit !== 'weeks'
        ) {
          fail('atHour() and nearMinute() require everyDays() or everyWeeks().');
        }
        if (weekDay !== undefined && unit !== 'weeks')
          fail('onWeekDay() requires a weekly trigger.');
        const recurring: Omit<StoredTrigger, 'id' | 'createdIso'> = {
          handlerFunction,
          eventType: 'CLOCK',
          everyMs,
        };
        if (unit === 'days' || unit === 'weeks') recurring.atHour = atHour ?? 0;
        if (nearMinute !== undefined) recurring.nearMinute = nearMinute;
        if (weekDay !== undefined) recurring.weekDay = weekDay;
        return store(recurring);
      },
    };
    return counted(env.counter, 'ClockTriggerBuilder', builder);
  };

  const spreadsheetBuilder = (handlerFunction: string): SpreadsheetTriggerBuilder => {
    let eventType: StoredTrigger['eventType'] | undefined;
    const on = (type: StoredTrigger['eventType']) => () => {
      eventType = type;
      return builder;
    };
    const builder: SpreadsheetTriggerBuilder = {
      onOpen: on('ON_OPEN'),
      onEdit: on('ON_EDIT'),
      onChange: on('ON_CHANGE'),
      onFormSubmit: on('ON_FORM_SUBMIT'),
      create() {
        if (eventType === undefined)
          fail('The trigger has no event: call onOpen, onEdit, onChange or onFormSubmit.');
        return store({ handlerFunction, eventType: eventType ?? 'ON_OPEN', everyMs: 0 });
      },
    };
    return counted(env.counter, 'SpreadsheetTriggerBuilder', builder);
  };

  const scriptApp: ScriptAppGlobal = {
    newTrigger(functionName) {
      const name = String(functionName);
      return counted(env.counter, 'TriggerBuilder', {
        timeBased: () => clockBuilder(name),
        forSpreadsheet: (_spreadsheet: unknown) => spreadsheetBuilder(name),
      });
    },
    getProjectTriggers: () => toRealmArray(realm, env.state.triggers.map(toTrigger)),
    // One local user owns every trigger, and add-on clock triggers belong to the document.
    getUserTriggers: (_document) => toRealmArray(realm, env.state.triggers.map(toTrigger)),
    deleteTrigger(trigger) {
      const id = trigger.getUniqueId();
      const triggers = env.state.triggers;
      const index = triggers.findIndex((t) => t.id === id);
      if (index >= 0) triggers.splice(index, 1);
    },
    getScriptId: () => options.scriptId ?? 'local-crm-utpla-script',
    getOAuthToken: () => 'local-oauth-token-not-valid-for-google',
    getService: () =>
      counted(env.counter, 'Service', {
        getUrl: () => options.serviceUrl ?? 'http://localhost:8080/exec',
        isEnabled: () => true,
      }),
    getInstallationSource: () => InstallationSource.NONE,
    getAuthorizationInfo: (_authMode) =>
      counted(env.counter, 'AuthorizationInfo', {
        getAuthorizationStatus: () => AuthorizationStatus.NOT_REQUIRED,
        getAuthorizationUrl: (): string | null => null,
      }),
    AuthMode,
    AuthorizationStatus,
    EventType,
    TriggerSource,
    InstallationSource,
    WeekDay,
  };
  return counted(env.counter, 'ScriptApp', scriptApp);
}
