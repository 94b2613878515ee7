/**
 * Besoin et calendrier: is there something to answer now? An open tender, a deal already under
 * way, and the season — collectivités vote their budgets from autumn to March, companies prepare
 * their first CSRD report, hives are installed in spring.
 */
import { monthOf, yearOf } from './calendar-days';
import { DimensionBuilder } from './dimension-builder';
import type { DimensionScore, OrganisationFacts, ScoringDay } from './icp-types';
import { orgKind } from './org-kind';

export function scoreNeed(org: OrganisationFacts, today: ScoringDay): DimensionScore {
  const d = new DimensionBuilder('need', 'Besoin et calendrier');
  const kind = orgKind(org.type);
  if (org.openTenders > 0) {
    d.add(
      12,
      `${org.openTenders} appel${org.openTenders > 1 ? 's' : ''} d’offres ouvert${org.openTenders > 1 ? 's' : ''}`,
    );
  } else if (org.tendersNote.trim() !== '') {
    d.add(8, 'Appel d’offres en cours signalé');
  } else {
    d.note('Aucun appel d’offres ouvert');
  }
  if (org.advancedOpportunities > 0) d.add(4, 'Opportunité en cours (Qualifié ou au-delà)');
  const month = monthOf(today.day);
  if (kind === 'collectivite' && (month >= 9 || month <= 3)) {
    d.add(4, 'Période de préparation budgétaire (septembre–mars)');
  }
  const year = yearOf(today.day);
  if (
    kind === 'entreprise' &&
    org.csrdFirstYear !== null &&
    org.csrdFirstYear >= year &&
    org.csrdFirstYear <= year + 1
  ) {
    d.add(4, `Premier rapport CSRD sur l’exercice ${org.csrdFirstYear}`);
  }
  if (kind !== 'autre' && month >= 2 && month <= 5) d.add(2, 'Saison d’installation des ruches');
  return d.build();
}
