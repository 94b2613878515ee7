/** Relation: how warm is the relationship — recency, volume, replies, and a past win. */
import { daysBetween } from './calendar-days';
import { DimensionBuilder } from './dimension-builder';
import type { DimensionScore, InteractionFacts, ScoringDay } from './icp-types';

export function scoreRelationship(
  interactions: readonly InteractionFacts[],
  wonOpportunities: number,
  today: ScoringDay,
): DimensionScore {
  const d = new DimensionBuilder('relationship', 'Relation');
  const past = interactions.filter((i) => i.day !== '' && i.day <= today.day);
  if (past.length === 0) d.note('Aucune interaction');
  else {
    const last = past.reduce((a, b) => (b.day > a.day ? b : a));
    const ago = daysBetween(last.day, today.day);
    const recency = ago <= 30 ? 8 : ago <= 90 ? 5 : ago <= 365 ? 2 : 0;
    const when = ago === 0 ? 'aujourd’hui' : `il y a ${ago} jour${ago > 1 ? 's' : ''}`;
    d.add(recency, `Dernière interaction ${when}`);
    const lastYear = past.filter((i) => daysBetween(i.day, today.day) <= 365);
    if (lastYear.length > 0) {
      d.add(
        Math.min(4, lastYear.length),
        `${lastYear.length} interaction${lastYear.length > 1 ? 's' : ''} sur 12 mois`,
      );
    }
    if (lastYear.some((i) => i.direction === 'Entrant' || i.type === 'Email reçu')) {
      d.add(4, 'Réponse ou demande reçue');
    }
  }
  if (wonOpportunities > 0) d.add(4, 'Déjà client (opportunité gagnée)');
  return d.build();
}
