/**
 * The latency model that turns what the local runtime counted into an estimate of Apps Script
 * time. It is a model, not a measurement: the local runtime has no network, so the prices below
 * stand in for Google's round trips. They follow DESIGN.md §8 ("every call to a Sheets object
 * costs tens of milliseconds") and the suggested figures, and were not calibrated against
 * a real Sheet. The model ignores the read-ahead and write-behind caches Apps Script keeps for
 * cell-by-cell loops, so it overstates the naive implementation somewhat, and it leaves out the
 * script's own JavaScript time, which the CPU column shows separately.
 */

export interface LatencyModel {
  /** Round trip of one SpreadsheetApp / Spreadsheet / Sheet / Range call. */
  readonly sheetsCallMs: number;
  /** Per cell a read returns (getValues, getValue, getDisplayValues…). */
  readonly cellReadMs: number;
  /** Per cell a write sends (setValues, setValue, appendRow…). */
  readonly cellWrittenMs: number;
  /** One UrlFetchApp request. */
  readonly httpCallMs: number;
}

export const LATENCY_MODEL: LatencyModel = {
  sheetsCallMs: 40,
  cellReadMs: 0.002,
  cellWrittenMs: 0.01,
  httpCallMs: 300,
};

/** What one execution did, as the simulated time needs it. */
export interface ExecutionCost {
  readonly sheetsCalls: number;
  readonly httpCalls: number;
  readonly cellsRead: number;
  readonly cellsWritten: number;
}

export function simulatedMs(cost: ExecutionCost, model: LatencyModel = LATENCY_MODEL): number {
  return (
    cost.sheetsCalls * model.sheetsCallMs +
    cost.httpCalls * model.httpCallMs +
    cost.cellsRead * model.cellReadMs +
    cost.cellsWritten * model.cellWrittenMs
  );
}

/** The model in words, printed above the results. */
export function describeModel(model: LatencyModel = LATENCY_MODEL): string[] {
  return [
    `Simulated Apps Script time = Sheets calls × ${model.sheetsCallMs} ms` +
      ` + cells read × ${model.cellReadMs} ms + cells written × ${model.cellWrittenMs} ms` +
      ` + HTTP requests × ${model.httpCallMs} ms.`,
    'This is a model, not a measurement, and it was not calibrated against a real Sheet: the' +
      ' per-call price follows DESIGN.md §8 (a Sheets call costs tens of ms). Other services' +
      ' (LockService, PropertiesService, Session) and the script’s own JavaScript time are not' +
      ' charged; Apps Script’s read-ahead and write-behind caches are ignored, which overstates' +
      ' the naive cell-by-cell loops somewhat.',
  ];
}
