/**
 * Locates the schema's columns in a tab's header row. Users insert, move and rename columns and
 * add their own; matching is by folded header text, never by position.
 */
import { CrmError } from '../errors';
import { foldText } from '../text/fold';
import type { FieldDef, TabDef } from './types';

export interface HeaderMap {
  /** 0-based column index of each schema field found. */
  readonly columnOf: ReadonlyMap<string, number>;
  /** Schema fields with no column. */
  readonly missing: readonly FieldDef[];
  /** Headers the CRM does not know (users' own columns), kept untouched. */
  readonly extra: readonly string[];
  /** Number of columns of the header row, trailing empty headers excluded. */
  readonly width: number;
}

export function mapHeaders(tab: TabDef, headerRow: readonly unknown[]): HeaderMap {
  const byFolded = new Map<string, number>();
  let width = 0;
  headerRow.forEach((cell, index) => {
    const text = String(cell ?? '').trim();
    if (text === '') return;
    width = index + 1;
    const folded = foldText(text);
    if (!byFolded.has(folded)) byFolded.set(folded, index);
  });
  const columnOf = new Map<string, number>();
  const missing: FieldDef[] = [];
  const known = new Set<number>();
  for (const field of tab.fields) {
    const index = byFolded.get(foldText(field.header));
    if (index === undefined) {
      missing.push(field);
    } else {
      columnOf.set(field.key, index);
      known.add(index);
    }
  }
  const extra = headerRow
    .map((cell, index) => ({ text: String(cell ?? '').trim(), index }))
    .filter(({ text, index }) => text !== '' && !known.has(index))
    .map(({ text }) => text);
  return { columnOf, missing, extra, width };
}

/** Throws the French error that tells the user how to fix a missing required column. */
export function requireColumns(tab: TabDef, map: HeaderMap, keys: readonly string[]): void {
  for (const key of keys) {
    if (map.columnOf.has(key)) continue;
    const field = tab.fields.find((f) => f.key === key);
    const header = field ? field.header : key;
    throw new CrmError(
      'STRUCTURE',
      `Colonne « ${header} » introuvable dans l'onglet ${tab.name} — lancez CRM UTPLA › Installer / réparer la structure.`,
      key,
    );
  }
}
