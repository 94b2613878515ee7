/**
 * Reads the Parametres tab into a key → value map in one read. Missing tab or column gives the
 * defaults, so automations keep working on a half-installed workbook.
 */
import { mapHeaders } from '../../core/schema/header-map';
import { getTab } from '../../core/schema/tabs';
import { SETTINGS } from '../../core/settings/defaults';

export type Settings = ReadonlyMap<string, string>;

export function readSettings(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Settings {
  const values = new Map(SETTINGS.map((s) => [s.key, s.defaultValue]));
  const tab = getTab('parametres');
  const sheet = spreadsheet.getSheetByName(tab.name);
  if (!sheet) return values;
  const rows = sheet.getDataRange().getValues();
  if (rows.length < 2) return values;
  const map = mapHeaders(tab, rows[0] ?? []);
  const keyColumn = map.columnOf.get('cle');
  const valueColumn = map.columnOf.get('valeur');
  if (keyColumn === undefined || valueColumn === undefined) return values;
  for (const row of rows.slice(1)) {
    const key = String(row[keyColumn] ?? '').trim();
    if (key !== '') values.set(key, String(row[valueColumn] ?? '').trim());
  }
  return values;
}
