/** What a preview and an import of collectivités answer, and the French line that sums one up. */
import { frenchInteger } from '../scoring/french-number';
import type { CollectivitesPlan } from './import-plan';

export interface CollectivitesPreview {
  /** Collectivités the filters select, present or not. */
  readonly matching: number;
  /** Would be added now. */
  readonly toAdd: number;
  readonly toAddCommunes: number;
  readonly toAddEpci: number;
  /** Selected but already in Organisations (archived ones included). */
  readonly alreadyPresent: number;
  /** Of those, held only by archived records: never added again. */
  readonly alreadyArchived: number;
  /** Bundled collectivités the filters leave out. */
  readonly skippedByFilter: number;
  /** Communes below this many inhabitants are not in the bundled data. */
  readonly communeFloor: number;
  /** The filters in words, as the Journal records them. */
  readonly filters: string;
}

export interface CollectivitesImportReport extends CollectivitesPreview {
  readonly added: number;
  /** New organisations given their ICP score in the same write. */
  readonly scored: number;
  /** IDs of the first and last record added; '' when nothing was. */
  readonly firstId: string;
  readonly lastId: string;
}

export function previewOf(
  plan: CollectivitesPlan,
  filters: string,
  communeFloor: number,
): CollectivitesPreview {
  const toAddEpci = plan.toAdd.filter((c) => c.kind === 'EPCI').length;
  return {
    matching: plan.matching,
    toAdd: plan.toAdd.length,
    toAddCommunes: plan.toAdd.length - toAddEpci,
    toAddEpci,
    alreadyPresent: plan.alreadyPresent,
    alreadyArchived: plan.alreadyArchived,
    skippedByFilter: plan.skippedByFilter,
    communeFloor,
    filters,
  };
}

/** One line for the Journal and the menu: what was added, what was already there, and why. */
export function describeImport(report: CollectivitesImportReport): string {
  const added =
    report.added === 0
      ? 'aucune collectivité ajoutée'
      : `${frenchInteger(report.added)} ajoutée(s) (${frenchInteger(report.toAddCommunes)} communes, ` +
        `${frenchInteger(report.toAddEpci)} EPCI, ${report.firstId} à ${report.lastId}), ` +
        `${frenchInteger(report.scored)} notée(s)`;
  const archived =
    report.alreadyArchived > 0 ? `, dont ${frenchInteger(report.alreadyArchived)} archivée(s)` : '';
  return (
    `Import des collectivités (${report.filters}) : ${added} ; ` +
    `${frenchInteger(report.alreadyPresent)} déjà présente(s)${archived} ; ` +
    `${frenchInteger(report.skippedByFilter)} hors filtres.`
  );
}
