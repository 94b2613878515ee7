/**
 * Apollo.io as data (shared/apis/apollo.md): what to ask for a contact or an organisation, how
 * to read the answers defensively (no envelope is guaranteed, `request_id` is an integer past
 * 2^53, a locked e-mail comes back as a placeholder), and which CRM fields each answer offers.
 * The client in src/server only sends and retries.
 */
import { getTab } from '../schema/tabs';
import type { TabKey } from '../schema/types';
import { validateField } from '../validation';
import type { FieldOffer, OfferValue } from './merge';
import { foldText } from '../text/fold';

export const APOLLO_API_BASE = 'https://api.apollo.io/api/v1';
export const PEOPLE_MATCH_PATH = '/people/match';
/** Phones and personal e-mails stay off: GDPR-region people never get them, and phones need a webhook. */
export const BULK_MATCH_PATH =
  '/people/bulk_match?reveal_personal_emails=false&reveal_phone_number=false';
export const ORGANIZATION_ENRICH_PATH = '/organizations/enrich';
export const PEOPLE_SEARCH_PATH = '/mixed_people/api_search';

/** `RECORD_LIMIT_EXCEEDED` above this (apollo.md §3). */
export const BULK_MATCH_MAX = 10;

/** The identifiers of one person, as people/match and bulk_match take them. */
export interface MatchDetails {
  readonly first_name?: string;
  readonly last_name?: string;
  readonly email?: string;
  readonly linkedin_url?: string;
  readonly domain?: string;
  readonly organization_name?: string;
  /** An Apollo person id (from a people search). */
  readonly id?: string;
}

export interface ApolloOrganisation {
  readonly id: string | null;
  readonly name: string | null;
  readonly websiteUrl: string | null;
  readonly primaryDomain: string | null;
  readonly industry: string | null;
  readonly employees: number | null;
  readonly streetAddress: string | null;
  readonly city: string | null;
  readonly postalCode: string | null;
  readonly state: string | null;
  readonly country: string | null;
}

export interface ApolloPerson {
  readonly id: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly title: string | null;
  /** Null when absent or locked (`email_not_unlocked@…`). */
  readonly email: string | null;
  readonly emailStatus: string | null;
  readonly linkedinUrl: string | null;
  readonly phone: string | null;
  readonly organization: ApolloOrganisation | null;
}

export interface ContactIdentity {
  readonly prenom: unknown;
  readonly nom: unknown;
  readonly email: unknown;
  readonly linkedin: unknown;
}

export interface OrganisationIdentity {
  readonly nom: unknown;
  readonly domaine: unknown;
  readonly siteWeb: unknown;
}

/** Addresses at these hosts say nothing about the employer. */
const WEBMAIL =
  /^(gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|icloud|me|aol|orange|wanadoo|free|sfr|neuf|laposte|bbox|gmx|protonmail|proton)\./;

/**
 * The organisation's e-mail domain: « Domaine email », else the host of « Site web », without
 * `www.` and `@` (Apollo refuses both). Null when neither gives one.
 */
export function organisationDomain(org: OrganisationIdentity | null): string | null {
  if (!org) return null;
  const typed = text(org.domaine)
    ?.toLowerCase()
    .replace(/^.*@/, '')
    .replace(/^www\./, '');
  if (typed && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(typed)) return typed;
  const site = text(org.siteWeb);
  if (!site) return null;
  const host = site
    .replace(/^[a-z][a-z\d+.-]*:\/\//i, '')
    .split(/[/?#:]/)[0]
    ?.toLowerCase()
    .replace(/^www\./, '');
  return host && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : null;
}

/**
 * What to send for a contact, or null when Apollo could not tell who it is: a name alone
 * "often returns 200 with no match" (apollo.md §2) and would only cost a request.
 */
export function matchDetailsFor(
  contact: ContactIdentity,
  org: OrganisationIdentity | null,
): MatchDetails | null {
  const first = text(contact.prenom);
  const last = text(contact.nom);
  const email = text(contact.email)?.toLowerCase() ?? null;
  const linkedin = text(contact.linkedin);
  const emailDomain =
    email && !WEBMAIL.test(email.split('@')[1] ?? '') ? email.split('@')[1] : null;
  const domain = organisationDomain(org) ?? emailDomain ?? null;
  const company = text(org?.nom);
  const named = first !== null && last !== null;
  if (!email && !linkedin && !(named && (domain || company))) return null;
  return {
    ...(first ? { first_name: first } : {}),
    ...(last ? { last_name: last } : {}),
    ...(email ? { email } : {}),
    ...(linkedin ? { linkedin_url: linkedin } : {}),
    ...(domain ? { domain } : {}),
    ...(company ? { organization_name: company } : {}),
  };
}

export function bulkMatchBody(details: readonly MatchDetails[]): string {
  return JSON.stringify({ details });
}

export function organisationEnrichPath(domain: string): string {
  return `${ORGANIZATION_ENRICH_PATH}?domain=${encodeURIComponent(domain)}`;
}

export function peopleSearchBody(domain: string, titles: readonly string[], perPage = 25): string {
  return JSON.stringify({
    q_organization_domains_list: [domain],
    person_titles: titles,
    include_similar_titles: true,
    page: 1,
    per_page: Math.min(100, Math.max(1, perPage)),
  });
}

export type Reading<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** `people/match`: `{person}`, null or absent when nothing matched (still HTTP 200). */
export function readMatch(bodyText: string): Reading<ApolloPerson | null> {
  const body = parseObject(bodyText);
  if (!body) return { ok: false, problem: 'réponse qui n’est pas un objet JSON' };
  return { ok: true, value: readPerson(body.person) };
}

export interface BulkMatch {
  /** One per detail sent, in order; null for a miss. */
  readonly matches: ReadonlyArray<ApolloPerson | null>;
  /** Credits Apollo says it billed, when it says so. */
  readonly creditsConsumed: number | null;
}

/**
 * `bulk_match`: `matches` lines up with `details` [S]. Each match is checked against what was
 * asked, because writing one person's e-mail on another's row is the worst thing enrichment
 * could do: a match that does not fit is dropped as a miss.
 */
export function readBulkMatch(
  bodyText: string,
  details: readonly MatchDetails[],
): Reading<BulkMatch> {
  const body = parseObject(bodyText);
  if (!body) return { ok: false, problem: 'réponse qui n’est pas un objet JSON' };
  if (!Array.isArray(body.matches)) return { ok: false, problem: '« matches » absent' };
  const people = body.matches.map(readPerson);
  const matches = details.map((asked, i) => {
    const person = people[i] ?? null;
    return person && fits(asked, person) ? person : null;
  });
  const consumed = body.credits_consumed;
  return {
    ok: true,
    value: {
      matches,
      creditsConsumed: typeof consumed === 'number' && Number.isFinite(consumed) ? consumed : null,
    },
  };
}

/** `organizations/enrich`: `{organization}`; an empty object when the domain is unknown. */
export function readOrganisationEnrich(bodyText: string): Reading<ApolloOrganisation | null> {
  const body = parseObject(bodyText);
  if (!body) return { ok: false, problem: 'réponse qui n’est pas un objet JSON' };
  return { ok: true, value: readOrganisation(body.organization) };
}

/** A person found by a people search: no e-mail, the last name obfuscated (apollo.md §5). */
export interface DecisionMakerCandidate {
  readonly apolloId: string;
  readonly firstName: string;
  /** `Ma***n`: the search hides it; adding the person reveals it (one credit). */
  readonly lastNameHint: string;
  readonly title: string;
  readonly organisationName: string;
  readonly hasEmail: boolean;
}

export function readPeopleSearch(
  bodyText: string,
): Reading<{ total: number; people: DecisionMakerCandidate[] }> {
  const body = parseObject(bodyText);
  if (!body) return { ok: false, problem: 'réponse qui n’est pas un objet JSON' };
  const list = Array.isArray(body.people) ? body.people : [];
  const people = list.flatMap((raw): DecisionMakerCandidate[] => {
    const p = asObject(raw);
    const id = p ? idText(p.id) : null;
    if (!p || !id) return [];
    const org = asObject(p.organization);
    return [
      {
        apolloId: id,
        firstName: text(p.first_name) ?? '',
        lastNameHint: text(p.last_name_obfuscated) ?? text(p.last_name) ?? '',
        title: text(p.title) ?? '',
        organisationName: text(org?.name) ?? '',
        hasEmail: p.has_email === true,
      },
    ];
  });
  const total = typeof body.total_entries === 'number' ? body.total_entries : people.length;
  return { ok: true, value: { total, people } };
}

/** A candidate as it comes back from the sidebar: checked, never trusted. */
export function readCandidate(raw: unknown): DecisionMakerCandidate | null {
  const c = asObject(raw);
  const id = c ? text(c.apolloId) : null;
  if (!c || !id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return null;
  return {
    apolloId: id,
    firstName: text(c.firstName) ?? '',
    lastNameHint: text(c.lastNameHint) ?? '',
    title: text(c.title) ?? '',
    organisationName: text(c.organisationName) ?? '',
    hasEmail: c.hasEmail === true,
  };
}

/** What a matched person offers a contact. Values are validated; a value that fails is dropped. */
export function contactOffers(person: ApolloPerson): FieldOffer[] {
  return [
    offer('contacts', 'email', person.email),
    offer('contacts', 'poste', person.title),
    // LinkedIn serves only https; Apollo still writes its profiles as http://www…
    offer('contacts', 'linkedin', person.linkedinUrl?.replace(/^http:\/\//i, 'https://') ?? null),
    offer('contacts', 'telephone', person.phone),
    offer('contacts', 'prenom', person.firstName),
  ].filter((o): o is FieldOffer => o !== null);
}

/** What Apollo's organisation record offers an organisation. */
export function organisationOffers(org: ApolloOrganisation): FieldOffer[] {
  const french = org.country === null || foldText(org.country) === 'france';
  return [
    offer('organisations', 'secteur', org.industry),
    offer('organisations', 'effectif', org.employees),
    offer('organisations', 'siteWeb', org.websiteUrl),
    offer('organisations', 'domaine', org.primaryDomain),
    offer('organisations', 'adresse', org.streetAddress),
    offer('organisations', 'codePostal', org.postalCode),
    offer('organisations', 'ville', org.city),
    // Apollo's `state` is the région for French companies; elsewhere it means nothing here.
    french ? offer('organisations', 'region', org.state) : null,
  ].filter((o): o is FieldOffer => o !== null);
}

/** Apollo's own "verified": the only status that spares a Hunter verification (apollo.md §2). */
export function isApolloVerified(person: ApolloPerson): boolean {
  return person.email !== null && person.emailStatus === 'verified';
}

/** Same person's company as the CRM's organisation: Apollo's domain is that of the record. */
export function sameCompany(org: ApolloOrganisation, domain: string | null): boolean {
  if (!domain || !org.primaryDomain) return false;
  return org.primaryDomain.toLowerCase().replace(/^www\./, '') === domain;
}

function offer(tabKey: TabKey, key: string, raw: unknown): FieldOffer | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const field = getTab(tabKey).fields.find((f) => f.key === key);
  if (!field) return null;
  const result = validateField(field, raw);
  if (!result.ok || result.value === null) return null;
  const value = result.value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  return { field: key, value: value as OfferValue, source: 'Apollo' };
}

function readPerson(raw: unknown): ApolloPerson | null {
  const p = asObject(raw);
  if (!p) return null;
  const email = text(p.email);
  const phones = Array.isArray(p.phone_numbers) ? p.phone_numbers : [];
  const firstPhone = asObject(phones[0]);
  return {
    id: idText(p.id),
    firstName: text(p.first_name),
    lastName: text(p.last_name),
    title: text(p.title),
    email: email && !/^email_not_unlocked@/i.test(email) ? email : null,
    emailStatus: text(p.email_status),
    linkedinUrl: text(p.linkedin_url),
    phone: text(firstPhone?.sanitized_number) ?? text(firstPhone?.raw_number),
    organization: readOrganisation(p.organization),
  };
}

function readOrganisation(raw: unknown): ApolloOrganisation | null {
  const o = asObject(raw);
  if (!o || Object.keys(o).length === 0) return null;
  const employees = o.estimated_num_employees;
  return {
    id: idText(o.id),
    name: text(o.name),
    websiteUrl: text(o.website_url),
    primaryDomain: text(o.primary_domain),
    industry: text(o.industry),
    employees:
      typeof employees === 'number' && Number.isInteger(employees) && employees >= 0
        ? employees
        : null,
    streetAddress: text(o.street_address),
    city: text(o.city),
    postalCode: text(o.postal_code),
    state: text(o.state),
    country: text(o.country),
  };
}

/**
 * A match answers the question asked: the same e-mail or profile settles it; otherwise the
 * names must agree. Only a person Apollo gives without any of these is taken on trust.
 */
function fits(asked: MatchDetails, person: ApolloPerson): boolean {
  if (asked.id) return person.id === asked.id;
  if (asked.email && person.email && asked.email.toLowerCase() === person.email.toLowerCase())
    return true;
  if (
    asked.linkedin_url &&
    person.linkedinUrl &&
    profileKey(asked.linkedin_url) === profileKey(person.linkedinUrl)
  )
    return true;
  if (asked.first_name && asked.last_name && person.firstName && person.lastName)
    return (
      foldText(asked.first_name) === foldText(person.firstName) &&
      foldText(asked.last_name) === foldText(person.lastName)
    );
  return !(asked.email && person.email) && !(asked.linkedin_url && person.linkedinUrl);
}

function profileKey(url: string): string {
  return url
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
}

function parseObject(bodyText: string): Record<string, unknown> | null {
  try {
    return asObject(JSON.parse(bodyText));
  } catch {
    return null;
  }
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Ids are strings in Apollo's examples; a number would have lost digits already. */
function idText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
