/**
 * From the CRM's rows to the plain facts core scores: each organisation with its contacts,
 * interactions (through its contacts and opportunities), open tenders and deals. Built once for
 * all organisations from tabs read once, so bulk scoring costs no more Sheets calls than one.
 */
import { isClosed, isStage, stageRank } from '../../core/pipeline';
import type { ContactFacts, InteractionFacts, OrganisationFacts } from '../../core/scoring';
import { isDate } from '../../core/text/sheet-safe';
import { CRM_TIME_ZONE } from '../platform/clock';
import { text, type CrmRecord } from '../records/crm-snapshot';

export interface ScoringTables {
  readonly organisations: readonly CrmRecord[];
  readonly contacts: readonly CrmRecord[];
  readonly interactions: readonly CrmRecord[];
  readonly opportunites: readonly CrmRecord[];
  readonly appelsOffres: readonly CrmRecord[];
}

export function buildFacts(tables: ScoringTables, now: Date): Map<string, OrganisationFacts> {
  const contactsByOrg = groupBy(tables.contacts, (c) => text(c.organisationId));
  const orgOfContact = new Map(tables.contacts.map((c) => [text(c.id), text(c.organisationId)]));
  const orgOfOpportunity = new Map(
    tables.opportunites.map((o) => [text(o.id), text(o.organisationId)]),
  );
  const interactionsByOrg = groupBy(
    tables.interactions,
    (i) => orgOfContact.get(text(i.contactId)) || orgOfOpportunity.get(text(i.opportuniteId)) || '',
  );
  const opportunitiesByOrg = groupBy(tables.opportunites, (o) => text(o.organisationId));
  const openTendersByOrg = groupBy(
    tables.appelsOffres.filter(
      (t) =>
        text(t.decision) !== 'No go' &&
        (!isDate(t.dateLimite) || t.dateLimite.getTime() >= now.getTime()),
    ),
    (t) => text(t.organisationId),
  );
  const facts = new Map<string, OrganisationFacts>();
  for (const org of tables.organisations) {
    const id = text(org.id);
    const deals = opportunitiesByOrg.get(id) ?? [];
    const stages = deals.map((d) => text(d.etape)).filter(isStage);
    facts.set(id, {
      type: text(org.type),
      population: numberOrNull(org.population),
      effectif: numberOrNull(org.effectif),
      epci: text(org.epci),
      certificationRse: text(org.certificationRse),
      bcorp: text(org.bcorp),
      iso26000: text(org.iso26000),
      labelLucie: text(org.labelLucie),
      csrd: text(org.csrd),
      csrdFirstYear: numberOrNull(org.csrdPremierExercice),
      engagementsRse: text(org.engagementsRse),
      engagementsBiodiversite: text(org.engagementsBiodiversite),
      budgetBiodiversite: numberOrNull(org.budgetBiodiversite),
      budgetConfirme: org.budgetConfirme === true,
      openTenders: (openTendersByOrg.get(id) ?? []).length,
      tendersNote: text(org.aoEnCours),
      advancedOpportunities: stages.filter((s) => !isClosed(s) && stageRank(s) >= 1).length,
      wonOpportunities: stages.filter((s) => s === 'Gagné').length,
      contacts: (contactsByOrg.get(id) ?? []).map(contactFacts),
      interactions: (interactionsByOrg.get(id) ?? []).map(interactionFacts),
    });
  }
  return facts;
}

export function contactFacts(c: CrmRecord): ContactFacts {
  return {
    id: text(c.id),
    name: `${text(c.prenom)} ${text(c.nom)}`.trim(),
    poste: text(c.poste),
    email: text(c.email),
    emailStatus: text(c.statutEmail),
    phone: text(c.telephone),
    linkedin: text(c.linkedin),
    optOut: c.optOut === true,
  };
}

export function interactionFacts(i: CrmRecord): InteractionFacts {
  return {
    contactId: text(i.contactId),
    day: isDate(i.date) ? Utilities.formatDate(i.date, CRM_TIME_ZONE, 'yyyy-MM-dd') : '',
    type: text(i.type),
    direction: text(i.direction),
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === '') continue;
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
