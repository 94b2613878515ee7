/**
 * Accès au décideur: do we know the person who decides, and can we reach them? The best reachable
 * contact counts; a contact who opted out (RGPD) is never counted.
 */
import { foldText } from '../text/fold';
import { DimensionBuilder } from './dimension-builder';
import type { ContactFacts, DimensionScore } from './icp-types';

const DECISION_ROLES =
  /\b(maire|adjointe?|elue?|dgs|directeur general|directrice generale|presidente?|rse|developpement durable|biodiversite|environnement|espaces verts|transition ecologique|achats|dg|ceo|fondat(eur|rice)|gerante?)\b/;

export function isDecisionRole(poste: string): boolean {
  return DECISION_ROLES.test(foldText(poste));
}

export function scoreAccess(contacts: readonly ContactFacts[]): DimensionScore {
  const reachable = contacts.filter((c) => !c.optOut);
  const optedOut = contacts.length - reachable.length;
  if (reachable.length === 0) {
    const d = new DimensionBuilder('access', 'Accès au décideur');
    if (optedOut > 0) {
      return d
        .note(
          `${optedOut} contact${optedOut > 1 ? 's' : ''} opposé${optedOut > 1 ? 's' : ''} au démarchage (RGPD), non compté${optedOut > 1 ? 's' : ''}`,
        )
        .build();
    }
    return d.lack('Contact').build();
  }
  const scored = reachable.map(scoreContact);
  // The best contact decides; ties keep the first contact, so the result does not depend on order
  // beyond that.
  const best = scored.reduce((a, b) => (b.points > a.points ? b : a));
  if (optedOut > 0) {
    return {
      ...best,
      reasons: [
        ...best.reasons,
        `${optedOut} contact${optedOut > 1 ? 's' : ''} opposé${optedOut > 1 ? 's' : ''} (RGPD) non compté${optedOut > 1 ? 's' : ''} : +0`,
      ],
    };
  }
  return best;
}

function scoreContact(contact: ContactFacts) {
  const d = new DimensionBuilder('access', 'Accès au décideur');
  const who = contact.name.trim() || contact.id;
  const poste = contact.poste.trim();
  if (poste === '') d.lack(`Poste de ${who}`);
  else if (isDecisionRole(poste)) d.add(10, `${who}, ${poste} : décideur`);
  else d.add(4, `${who}, ${poste}`);
  if (contact.email.trim() === '') d.lack(`Email de ${who}`);
  else if (contact.emailStatus === 'Valide') d.add(6, 'Email vérifié');
  else if (contact.emailStatus === 'Invalide') d.note('Email invalide');
  else d.add(3, 'Email non vérifié');
  if (contact.phone.trim() !== '') d.add(2, 'Téléphone connu');
  if (contact.linkedin.trim() !== '') d.add(2, 'Profil LinkedIn connu');
  return d.build();
}
