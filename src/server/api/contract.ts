/**
 * The typed boundary between the sidebar and the server (google.script.run). The sidebar imports
 * this file for types only. Everything that crosses is plain JSON: ISO strings instead of Dates,
 * no undefined in arrays, errors as `{ ok: false, code, message }` (DESIGN.md §5).
 */

export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly field?: string;
    };

export interface TabStatus {
  readonly name: string;
  readonly exists: boolean;
  /** Records (rows with an ID) for record tabs, filled rows for the others. */
  readonly records: number;
  /** French headers of the schema columns the tab lacks. */
  readonly missingColumns: readonly string[];
}

export interface JobStatus {
  readonly id: string;
  readonly label: string;
  readonly schedule: string;
  readonly lastRunIso: string | null;
  readonly lastSuccessIso: string | null;
  readonly lastFailureIso: string | null;
  readonly lastError: string | null;
  readonly lastSummary: string | null;
  /** An interrupted run will resume at the next tick. */
  readonly resuming: boolean;
}

export interface AutomationStatus {
  readonly enabled: boolean;
  /** When the hourly tick last ran, from any job run. */
  readonly lastTickIso: string | null;
}

export interface SidebarState {
  readonly spreadsheetName: string;
  readonly userEmail: string;
  readonly timeZone: string;
  readonly tabs: readonly TabStatus[];
  readonly automations: AutomationStatus;
  readonly jobs: readonly JobStatus[];
  readonly generatedAtIso: string;
}

export interface SetupReport {
  readonly changed: boolean;
  /** One French line per change made. */
  readonly changes: readonly string[];
  readonly settingsAdded: number;
}

export interface DispatchReport {
  readonly ran: ReadonlyArray<{
    readonly id: string;
    readonly label: string;
    readonly status: string;
    readonly message: string;
  }>;
  /** Due jobs left for the next tick because the time budget ran out. */
  readonly postponed: readonly string[];
}

/** Every function the sidebar may call, with its parameters and result. */
export interface CrmApi {
  getSidebarState(): ApiResult<SidebarState>;
  setupStructure(): ApiResult<SetupReport>;
  enableAutomations(): ApiResult<AutomationStatus>;
  disableAutomations(): ApiResult<AutomationStatus>;
  runJobsNow(): ApiResult<DispatchReport>;
}

export type ApiName = keyof CrmApi;

/** The same names as a value, for the build and the bundle test. */
export const API_NAMES: readonly ApiName[] = [
  'getSidebarState',
  'setupStructure',
  'enableAutomations',
  'disableAutomations',
  'runJobsNow',
];
