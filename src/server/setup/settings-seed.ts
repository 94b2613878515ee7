/**
 * Adds the settings the Parametres tab lacks, with their default values, in one write. Values a
 * user changed are left alone.
 */
import { mapHeaders, requireColumns } from '../../core/schema/header-map';
import { getTab } from '../../core/schema/tabs';
import { SETTINGS } from '../../core/settings/defaults';
import { toCellValue, type CellValue } from '../../core/text/sheet-safe';
import { appendRows, readColumn, readHeaderRow } from '../sheets/sheet-io';

export function seedMissingSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): number {
  const tab = getTab('parametres');
  const sheet = spreadsheet.getSheetByName(tab.name);
  if (!sheet) return 0;
  const map = mapHeaders(tab, readHeaderRow(sheet));
  requireColumns(tab, map, ['cle', 'valeur']);
  const keyColumn = (map.columnOf.get('cle') ?? 0) + 1;
  const present = new Set(readColumn(sheet, keyColumn).map((v) => String(v).trim()));
  const missing = SETTINGS.filter((s) => !present.has(s.key));
  if (missing.length === 0) return 0;
  const rows = missing.map((setting) => {
    const row: CellValue[] = new Array<CellValue>(map.width).fill('');
    const put = (key: string, value: string) => {
      const column = map.columnOf.get(key);
      if (column !== undefined) row[column] = toCellValue(value);
    };
    put('cle', setting.key);
    put('valeur', setting.defaultValue);
    put('description', setting.description);
    return row;
  });
  appendRows(sheet, rows);
  return missing.length;
}
