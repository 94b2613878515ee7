/**
 * The global `SpreadsheetApp` of one execution
 * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app), over the runtime's
 * single workbook. Built afresh for every execution like every Apps Script global; the workbook
 * (and its pending operations) outlives it.
 */
import type { ExecutionEnv } from '../env';
import { hostRealm, type Realm } from '../services/support/realm';
import {
  countCalls,
  fail,
  sheetData,
  stringArg,
  type HasContext,
  type SpreadsheetContext,
} from './context';
import { DataValidationBuilder, DataValidationCriteria } from './data-validation';
import { badParameters, NO_UI, OPEN_BY_ID_FAILED, OPEN_BY_URL_FAILED } from './messages';
import { Sheet } from './sheet';
import { activeSheetId, Spreadsheet, spreadsheetUrl } from './spreadsheet';
import { Ui } from './ui';
import type { Workbook } from './workbook';

export interface SpreadsheetAppOptions {
  /** The script's realm (see services/support/realm.ts); Node's own by default. */
  realm?: Realm;
  /**
   * False when the execution has no active spreadsheet (an editor add-on's time-driven trigger
   * may have none): getActiveSpreadsheet() then returns null, as the reference documents, and
   * the script must openById. Default true.
   */
  activeSpreadsheet?: boolean;
  /** Title of `Ui.createAddonMenu()`. Default 'CRM UTPLA'. */
  addOnMenuTitle?: string;
  /** The cell the user's cursor is on; its sheet becomes the active sheet. Default: none (A1). */
  selection?: {
    sheetName: string;
    row: number;
    column: number;
    numRows?: number;
    numColumns?: number;
  };
}

export const WrapStrategy = Object.freeze({ WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' });
export const Dimension = Object.freeze({ COLUMNS: 'COLUMNS', ROWS: 'ROWS' });
export const SheetType = Object.freeze({
  GRID: 'GRID',
  OBJECT: 'OBJECT',
  DATASOURCE: 'DATASOURCE',
});

export class SpreadsheetAppGlobal implements HasContext {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  readonly SheetType = SheetType;

  constructor(
    readonly ctx: SpreadsheetContext,
    private readonly hasActive: boolean,
  ) {}

  getActiveSpreadsheet(): Spreadsheet | null {
    return this.hasActive ? new Spreadsheet(this.ctx) : null;
  }

  getActive(): Spreadsheet | null {
    return this.hasActive ? new Spreadsheet(this.ctx) : null;
  }

  /** Only this workbook opens; any other id fails the way a missing or forbidden file does. */
  openById(id: unknown): Spreadsheet {
    const text = stringArg(this.ctx, id, [id], 'SpreadsheetApp.openById');
    if (text !== this.ctx.workbook.data.id) fail(this.ctx, OPEN_BY_ID_FAILED);
    return new Spreadsheet(this.ctx);
  }

  openByUrl(url: unknown): Spreadsheet {
    const text = stringArg(this.ctx, url, [url], 'SpreadsheetApp.openByUrl');
    const base = spreadsheetUrl(this.ctx.workbook.data).replace(/\/edit$/, '');
    if (
      text !== base &&
      !text.startsWith(`${base}/`) &&
      !text.startsWith(`${base}?`) &&
      !text.startsWith(`${base}#`)
    ) {
      fail(this.ctx, OPEN_BY_URL_FAILED);
    }
    return new Spreadsheet(this.ctx);
  }

  getActiveSheet(): Sheet | null {
    return this.hasActive ? new Sheet(this.ctx, activeSheetId(this.ctx)) : null;
  }

  setActiveSheet(sheet: unknown): Sheet {
    if (!(sheet instanceof Sheet))
      fail(this.ctx, badParameters([sheet], 'SpreadsheetApp.setActiveSheet'));
    sheetData(this.ctx, sheet.sheetId);
    this.ctx.activeSheetId = sheet.sheetId;
    return sheet;
  }

  /** Throws in contexts without a user interface (time-driven triggers), as Apps Script does. */
  getUi(): Ui {
    if (!this.ctx.env.hasUi) fail(this.ctx, NO_UI);
    return new Ui(this.ctx);
  }

  /** Writes are applied at once in memory; the runtime persists at the end of the execution. */
  flush(): void {}

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this.ctx);
  }

  toString(): string {
    return 'SpreadsheetApp';
  }
}
countCalls(SpreadsheetAppGlobal.prototype, 'SpreadsheetApp');

export function createSpreadsheetApp(
  env: ExecutionEnv,
  workbook: Workbook,
  options: SpreadsheetAppOptions = {},
): SpreadsheetAppGlobal {
  const ctx: SpreadsheetContext = {
    env,
    workbook,
    realm: options.realm ?? hostRealm,
    activeSheetId: undefined,
    addOnMenuTitle: options.addOnMenuTitle ?? 'CRM UTPLA',
    selection: undefined,
  };
  const selected = options.selection;
  const selectedSheet = selected && workbook.data.sheets.find((s) => s.name === selected.sheetName);
  if (selected && selectedSheet) {
    ctx.activeSheetId = selectedSheet.sheetId;
    ctx.selection = {
      sheetId: selectedSheet.sheetId,
      row: selected.row,
      column: selected.column,
      numRows: selected.numRows ?? 1,
      numColumns: selected.numColumns ?? 1,
    };
  }
  return new SpreadsheetAppGlobal(ctx, options.activeSpreadsheet ?? true);
}
