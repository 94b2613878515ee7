/**
 * The "CRM UTPLA" menu. onOpen may run in AuthMode.NONE (an add-on not yet used in this
 * document), where only building the menu is allowed: nothing here reads properties or sheets.
 */
export const MENU_TITLE = 'CRM UTPLA';

export type MenuEntry =
  { readonly caption: string; readonly functionName: string } | { readonly separator: true };

export const MENU_ENTRIES: readonly MenuEntry[] = [
  { caption: 'Ouvrir le panneau CRM', functionName: 'openSidebar' },
  { caption: 'Installer / réparer la structure', functionName: 'menuSetupStructure' },
  { caption: 'Recalculer les scores ICP', functionName: 'menuRescoreIcp' },
  { caption: 'Lancer la veille BOAMP', functionName: 'menuRunBoampWatch' },
  { caption: 'Enrichir la sélection', functionName: 'menuEnrichSelection' },
  { caption: 'Enrichir les contacts incomplets', functionName: 'menuEnrichIncomplete' },
  { caption: 'Importer des collectivités cibles', functionName: 'menuImportCollectivites' },
  { separator: true },
  { caption: 'Activer les automatisations', functionName: 'menuEnableAutomations' },
  { caption: 'Désactiver les automatisations', functionName: 'menuDisableAutomations' },
  { caption: 'Lancer les automatisations maintenant', functionName: 'menuRunJobsNow' },
  { separator: true },
  { caption: 'Paramètres et clés…', functionName: 'menuOpenSettings' },
];

export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createMenu(MENU_TITLE);
  for (const entry of MENU_ENTRIES) {
    if ('separator' in entry) menu.addSeparator();
    else menu.addItem(entry.caption, entry.functionName);
  }
  menu.addToUi();
}
