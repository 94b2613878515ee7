/**
 * Engagement: has the buyer already committed to biodiversity or CSR? Budget and public
 * commitments for a collectivité; certifications (B Corp, ISO 26000, Lucie), CSRD and published
 * ESRS E4 commitments for a company.
 */
import { DimensionBuilder } from './dimension-builder';
import { frenchEuros } from './french-number';
import type { DimensionScore, OrganisationFacts } from './icp-types';
import { orgKind } from './org-kind';

export function scoreCommitment(org: OrganisationFacts): DimensionScore {
  const d = new DimensionBuilder('commitment', 'Engagement');
  const kind = orgKind(org.type);
  if (kind === 'autre') return d.note('Sans objet pour ce type d’organisation').build();
  let known = false;
  if (org.budgetBiodiversite !== null && org.budgetBiodiversite > 0) {
    known = true;
    const b = org.budgetBiodiversite;
    d.add(b >= 50_000 ? 8 : b >= 10_000 ? 6 : 4, `Budget biodiversité de ${frenchEuros(b)}`);
  }
  if (org.budgetConfirme) {
    known = true;
    d.add(4, 'Budget confirmé');
  }
  if (org.engagementsBiodiversite.trim() !== '') {
    known = true;
    d.add(6, 'Engagements biodiversité publiés');
  }
  if (org.engagementsRse.trim() !== '') {
    known = true;
    d.add(3, 'Engagements RSE publics');
  }
  if (kind === 'entreprise') {
    const labels: Array<[string, string, number]> = [
      [org.bcorp, 'B Corp', 8],
      [org.iso26000, 'ISO 26000', 5],
      [org.labelLucie, 'Label Lucie', 5],
    ];
    for (const [value, name, points] of labels) {
      if (value === 'Oui') d.add(points, `Certification ${name}`);
      if (value === 'Oui' || value === 'Non') known = true;
    }
    const labelled = labels.some(([value]) => value === 'Oui');
    if (!labelled && org.certificationRse.trim() !== '') {
      known = true;
      d.add(4, `Certification RSE « ${org.certificationRse.trim()} »`);
    }
    if (org.csrd === 'Oui') d.add(3, 'Soumise à la CSRD');
    if (org.csrd === 'Oui' || org.csrd === 'Non') known = true;
  }
  if (!known)
    d.lack(
      kind === 'entreprise'
        ? 'Certifications et engagements RSE'
        : 'Budget et engagements biodiversité',
    );
  return d.build();
}
