/**
 * What "Installer / réparer la structure" must do to a workbook: create missing tabs, append
 * missing columns after the user's last column. It never deletes, renames or moves anything, so
 * running it on an up-to-date workbook plans nothing.
 */
import { mapHeaders } from './header-map';
import type { FieldDef, TabDef } from './types';

export interface ExistingTab {
  readonly name: string;
  readonly headers: readonly unknown[];
}

export type StructureAction =
  | { readonly kind: 'createTab'; readonly tab: TabDef }
  | {
      readonly kind: 'addColumns';
      readonly tab: TabDef;
      readonly fields: readonly FieldDef[];
      /** 1-based column where the first added header goes. */
      readonly startColumn: number;
    };

export function planStructure(
  tabs: readonly TabDef[],
  existing: readonly ExistingTab[],
): StructureAction[] {
  const byName = new Map(existing.map((t) => [t.name, t]));
  const actions: StructureAction[] = [];
  for (const tab of tabs) {
    const found = byName.get(tab.name);
    if (!found) {
      actions.push({ kind: 'createTab', tab });
      continue;
    }
    const map = mapHeaders(tab, found.headers);
    if (map.missing.length > 0) {
      actions.push({ kind: 'addColumns', tab, fields: map.missing, startColumn: map.width + 1 });
    }
  }
  return actions;
}

/** One French line per action, for the setup report. */
export function describeAction(action: StructureAction): string {
  if (action.kind === 'createTab') {
    return `Onglet « ${action.tab.name} » créé (${action.tab.fields.length} colonnes).`;
  }
  const names = action.fields.map((f) => `« ${f.header} »`).join(', ');
  const plural = action.fields.length > 1 ? 's' : '';
  return `Onglet « ${action.tab.name} » : colonne${plural} ajoutée${plural} ${names}.`;
}

/** One French line per gap, for the structure check before anything is repaired. */
export function describeGap(action: StructureAction): string {
  if (action.kind === 'createTab') return `Onglet « ${action.tab.name} » absent.`;
  const names = action.fields.map((f) => `« ${f.header} »`).join(', ');
  return `Onglet « ${action.tab.name} » : il manque ${names}.`;
}
