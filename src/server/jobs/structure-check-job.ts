/**
 * Daily check that the workbook still has every tab and column the CRM needs. Users rename and
 * delete things; finding out at 6 a.m. beats a failing BOAMP watch at 7.
 */
import { describeGap, planStructure } from '../../core/schema/structure-plan';
import { TABS } from '../../core/schema/tabs';
import type { JobOutcome } from '../../core/scheduler/dispatch';
import { readHeaderRow } from '../sheets/sheet-io';
import type { JobContext } from './job';

export function runStructureCheck(context: JobContext): JobOutcome {
  const existing = context.spreadsheet.getSheets().map((sheet) => ({
    name: sheet.getName(),
    headers: readHeaderRow(sheet),
  }));
  const actions = planStructure(TABS, existing);
  if (actions.length === 0) return { status: 'done', summary: 'Structure complète.' };
  return {
    status: 'failed',
    error: `Structure incomplète — lancez CRM UTPLA › Installer / réparer la structure. ${actions.map(describeGap).join(' ')}`,
  };
}
