/**
 * The ICP score of an organisation and of each of its contacts (DESIGN.md §4): five dimensions of
 * 0–20 points, weighted to a score of 0–100, each with its reasons. Deterministic: the same facts
 * and day give the same score; Claude may explain it but never changes it.
 */
import { scoreAccess } from './access';
import { scoreCommitment } from './commitment';
import { scoreFit } from './fit';
import {
  DIMENSION_MAX,
  type ContactFacts,
  type DimensionScore,
  type IcpScore,
  type OrganisationFacts,
  type ScoringDay,
} from './icp-types';
import type { IcpWeights } from './icp-weights';
import { scoreNeed } from './need';
import { scoreRelationship } from './relationship';

export function scoreOrganisation(
  org: OrganisationFacts,
  weights: IcpWeights,
  today: ScoringDay,
): IcpScore {
  return combine(
    [
      scoreFit(org),
      scoreCommitment(org),
      scoreNeed(org, today),
      scoreAccess(org.contacts),
      scoreRelationship(org.interactions, org.wonOpportunities, today),
    ],
    weights,
  );
}

/** A contact's score: its organisation's fit, commitment and need, its own access and relationship. */
export function scoreContact(
  org: OrganisationFacts,
  contact: ContactFacts,
  weights: IcpWeights,
  today: ScoringDay,
): IcpScore {
  const own = org.interactions.filter((i) => i.contactId === contact.id);
  return combine(
    [
      scoreFit(org),
      scoreCommitment(org),
      scoreNeed(org, today),
      scoreAccess([contact]),
      scoreRelationship(own, org.wonOpportunities, today),
    ],
    weights,
  );
}

function combine(dimensions: readonly DimensionScore[], weights: IcpWeights): IcpScore {
  const total = dimensions.reduce((a, d) => a + weights[d.key], 0);
  const weighted = dimensions.reduce((a, d) => a + (d.points / DIMENSION_MAX) * weights[d.key], 0);
  const score = total === 0 ? 0 : Math.round((weighted / total) * 100);
  const complete = dimensions.filter((d) => d.missing.length === 0).length;
  return {
    score: Math.max(0, Math.min(100, score)),
    confidence: complete / dimensions.length,
    dimensions,
  };
}

/** The "Détail score ICP" cell: one line per dimension, then the confidence and what is missing. */
export function describeScore(score: IcpScore): string {
  const lines = score.dimensions.map(
    (d) => `${d.label} ${d.points}/${DIMENSION_MAX} — ${d.reasons.join(' ; ')}`,
  );
  const missing = score.dimensions.flatMap((d) => d.missing);
  const confidence = `Confiance : ${Math.round(score.confidence * 100)} %`;
  lines.push(missing.length > 0 ? `${confidence} (manque : ${missing.join(', ')})` : confidence);
  return lines.join('\n');
}
