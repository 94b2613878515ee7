/**
 * Synchronous reading and writing of the .xlsx workbook, for the runtime whose executions are
 * synchronous like Apps Script's: the async exceljs code of xlsx-file.ts runs in the callSync
 * worker while this thread blocks. The data crosses by structured clone (Dates survive).
 */
import * as path from 'node:path';
import { callSync } from '../sync/call-sync';
import type { WorkbookData } from './workbook-data';

const XLSX_MODULE = path.join(__dirname, 'xlsx-file.ts');

export function readWorkbookFileSync(filePath: string): WorkbookData {
  return callSync<WorkbookData>(XLSX_MODULE, 'readWorkbookFile', path.resolve(filePath));
}

export function writeWorkbookFileSync(filePath: string, data: WorkbookData): void {
  callSync<undefined>(XLSX_MODULE, 'writeWorkbookFile', path.resolve(filePath), data);
}
