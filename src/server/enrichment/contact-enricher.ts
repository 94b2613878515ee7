/**
 * Enriching contacts, in two halves that never overlap: first the APIs are asked (no lock held,
 * since Apollo and Hunter may take seconds), then what they said is merged into the rows as they
 * are *now*, re-read under the document lock, and written in contiguous blocks with one Journal
 * append. The sidebar's "Enrichir" on one contact and a bulk run of thousands go through the same
 * two functions; only the size of the batch differs.
 *
 * Order of the questions, cheapest first: Apollo's bulk match (10 people a request) gives e-mail,
 * title, LinkedIn and the employer; Hunter's finder looks for an address only where Apollo had
 * none; Hunter's verifier checks the address the contact will hold, unless Apollo already calls
 * it verified or it was checked recently. Each API is asked only within its credit budget.
 */
import {
  CREDIT_COST,
  contactOffers,
  emailStatusOf,
  isApolloVerified,
  isBlank,
  isOptedOut,
  matchDetailsFor,
  organisationDomain,
  organisationOffers,
  planMerge,
  sameCompany,
  sameValue,
  budgetStopMessage,
  creditRefusal,
  type ApolloPerson,
  type EmailStatus,
  type EnrichmentSource,
  type FieldOffer,
  type FinderQuery,
  type MatchDetails,
  type Proposal,
  type ServiceFailure,
} from '../../core/enrichment';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import { isDate, type CellValue } from '../../core/text/sheet-safe';
import { appendJournal, type JournalEntry } from '../journal/journal-writer';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { loadRows, readKeyed } from '../records/keyed-table';
import { cellToJournalText } from '../records/record-dto';
import { writeChanges, type RecordChange } from '../records/record-writer';
import { rowToRecord } from '../records/table-snapshot';
import type { ApolloClient, MatchResult } from './apollo-client';
import type { CreditLedger } from './credit-ledger';
import type { HunterClient, VerifyResult } from './hunter-client';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Row = Record<string, unknown>;

export interface EnrichmentServices {
  /** Null without a key: Apollo is skipped. */
  readonly apollo: ApolloClient | null;
  readonly hunter: HunterClient | null;
  readonly ledger: CreditLedger;
  readonly log: (line: string) => void;
}

/** A contact as read before the calls, with its organisation. */
export interface ContactToEnrich {
  readonly id: string;
  readonly record: Row;
  readonly organisation: Row | null;
}

export type ContactResult =
  /** Asked, and answered (with or without anything new). */
  | { readonly kind: 'answered'; readonly id: string; readonly answer: ContactAnswer }
  /** Not enough to identify the person: nothing sent. */
  | { readonly kind: 'unidentifiable'; readonly id: string }
  /** An API refused this contact's request; not retried in the same run. */
  | { readonly kind: 'refused'; readonly id: string; readonly message: string }
  /** Not asked: the budget or a stop came first. */
  | { readonly kind: 'pending'; readonly id: string };

export interface ContactAnswer {
  /** Contact fields offered, the more trusted source first. */
  readonly offers: readonly FieldOffer[];
  /** Fields of the contact's organisation offered by Apollo (same company only). */
  readonly organisationOffers: readonly FieldOffer[];
  readonly organisationId: string | null;
  /** A verdict on one address, to store only if the row holds that address when written. */
  readonly verdict: EmailVerdict | null;
}

export interface EmailVerdict {
  readonly email: string;
  readonly status: EmailStatus;
  readonly source: EnrichmentSource;
  readonly score: number | null;
}

export interface FetchReport {
  readonly results: readonly ContactResult[];
  readonly credits: { readonly apollo: number; readonly hunter: number };
  /** The first failure that stopped the asking (a key, a quota, a budget). */
  readonly stopped: ServiceFailure | null;
  readonly requests: number;
}

export interface FetchOptions {
  readonly nowMs: number;
  /** An address verified less than this long ago is not sent to Hunter again. */
  readonly reverifyAfterMs: number;
}

/** Asks Apollo, then Hunter, about the contacts. Nothing is written here. */
export function fetchEnrichment(
  contacts: readonly ContactToEnrich[],
  services: EnrichmentServices,
  options: FetchOptions,
): FetchReport {
  const { apollo, hunter, ledger } = services;
  // Apollo's stop does not keep Hunter from the contacts Apollo answered, and the reverse.
  let stopped: ServiceFailure | null = null;
  let hunterStopped: ServiceFailure | null = null;
  let requests = 0;
  const credits = { apollo: 0, hunter: 0 };
  const state = new Map<string, 'unidentifiable' | 'pending' | 'answered' | string>();
  const persons = new Map<string, ApolloPerson>();
  const details = new Map<string, MatchDetails>();
  for (const c of contacts) {
    const d = matchDetailsFor(identity(c.record), organisationIdentity(c.organisation));
    if (d) details.set(c.id, d);
    state.set(c.id, d ? 'pending' : 'unidentifiable');
  }
  const askable = contacts.filter((c) => details.has(c.id));

  // 1. Apollo, within the month's budget: one credit per person found, at worst one per person.
  let answered = askable;
  if (apollo) {
    const fits = ledger.affordable('apollo', CREDIT_COST.apolloMatch);
    const sent = askable.slice(0, fits);
    if (sent.length < askable.length) stopped = budgetStop('apollo', ledger);
    const report =
      sent.length > 0
        ? apollo.bulkMatch(sent.map((c) => details.get(c.id) as MatchDetails))
        : { results: [] as MatchResult[], credits: 0, requests: 0, stopped: null };
    requests += report.requests;
    // Counted before anything is written: these credits are spent whatever happens next.
    ledger.record('apollo', report.credits, report.requests);
    credits.apollo += report.credits;
    stopped ??= report.stopped;
    answered = [];
    sent.forEach((c, i) => {
      const result = report.results[i] ?? { kind: 'pending' };
      if (result.kind === 'match') persons.set(c.id, result.person);
      if (result.kind === 'refused') state.set(c.id, result.message);
      if (result.kind === 'match' || result.kind === 'none') {
        state.set(c.id, 'answered');
        answered.push(c);
      }
    });
  } else {
    for (const c of askable) state.set(c.id, 'answered');
  }

  // 2. Hunter's finder where neither the sheet nor Apollo has an address.
  const found = new Map<string, { email: string; score: number | null }>();
  if (hunter) {
    const wanting = answered.flatMap((c) => {
      if (!isBlank(c.record.email) || persons.get(c.id)?.email) return [];
      const query = finderQuery(c, persons.get(c.id) ?? null);
      return query ? [{ c, query }] : [];
    });
    const fits = ledger.affordable('hunter', CREDIT_COST.hunterFinder);
    const sent = wanting.slice(0, fits);
    if (sent.length < wanting.length) hunterStopped = budgetStop('hunter', ledger);
    if (sent.length > 0) {
      const batch = hunter.findEmails(sent.map((w) => w.query));
      requests += batch.requests;
      const billed =
        batch.results.filter((r) => r.kind === 'found').length * CREDIT_COST.hunterFinder;
      ledger.record('hunter', billed, batch.requests);
      credits.hunter += billed;
      hunterStopped ??= batch.stopped;
      sent.forEach(({ c }, i) => {
        const result = batch.results[i];
        if (result?.kind === 'found')
          found.set(c.id, { email: result.found.email, score: result.found.score });
      });
    }
  }

  // 3. Hunter's verifier on the address each contact will hold.
  const verdicts = new Map<string, EmailVerdict>();
  const toVerify: Array<{ id: string; email: string }> = [];
  for (const c of answered) {
    const person = persons.get(c.id) ?? null;
    const email = finalEmail(c.record, person, found.get(c.id)?.email ?? null);
    if (email === null) continue;
    if (person && isApolloVerified(person) && sameValue('email', person.email, email)) {
      verdicts.set(c.id, { email, status: 'Valide', source: 'Apollo', score: null });
      continue;
    }
    if (recentlyVerified(c.record, email, options)) continue;
    toVerify.push({ id: c.id, email });
  }
  if (hunter && hunterStopped === null && toVerify.length > 0) {
    const fits = ledger.affordable('hunter', CREDIT_COST.hunterVerification);
    const sent = toVerify.slice(0, fits);
    if (sent.length < toVerify.length) hunterStopped = budgetStop('hunter', ledger);
    if (sent.length > 0) {
      const batch = hunter.verifyEmails(sent.map((v) => v.email));
      requests += batch.requests;
      const billed =
        batch.results.filter((r: VerifyResult) => r.kind === 'verified').length *
        CREDIT_COST.hunterVerification;
      ledger.record('hunter', billed, batch.requests);
      credits.hunter += billed;
      hunterStopped ??= batch.stopped;
      sent.forEach(({ id, email }, i) => {
        const result = batch.results[i];
        if (result?.kind === 'verified')
          verdicts.set(id, {
            email,
            status: emailStatusOf(result.verification.status),
            source: 'Hunter',
            score: result.verification.score,
          });
      });
    }
  }

  stopped ??= hunterStopped;
  const results = contacts.map((c): ContactResult => {
    const s = state.get(c.id);
    if (s === 'unidentifiable') return { kind: 'unidentifiable', id: c.id };
    if (s === 'pending' || s === undefined) return { kind: 'pending', id: c.id };
    if (s !== 'answered') return { kind: 'refused', id: c.id, message: s };
    const person = persons.get(c.id) ?? null;
    const hunterEmail = found.get(c.id);
    const orgDomain = organisationDomain(organisationIdentity(c.organisation));
    const offers: FieldOffer[] = [
      ...(person ? contactOffers(person) : []),
      ...(hunterEmail
        ? [{ field: 'email', value: hunterEmail.email, source: 'Hunter' as const }]
        : []),
    ];
    const orgOffers =
      person?.organization && c.organisation && sameCompany(person.organization, orgDomain)
        ? organisationOffers(person.organization)
        : [];
    return {
      kind: 'answered',
      id: c.id,
      answer: {
        offers,
        organisationOffers: orgOffers,
        organisationId: c.organisation ? String(c.organisation.id ?? '') || null : null,
        verdict: verdicts.get(c.id) ?? null,
      },
    };
  });
  return { results, credits, stopped, requests };
}

export interface WrittenContact {
  readonly id: string;
  /** Fields filled, with their source. */
  readonly filled: ReadonlyArray<{
    readonly field: string;
    readonly value: string | number;
    readonly source: EnrichmentSource;
  }>;
  readonly proposals: readonly Proposal[];
  readonly organisationFilled: readonly string[];
  /** The status stored, when one was. */
  readonly emailStatus: EmailStatus | null;
  /** Not written: the contact opted out or was archived since it was read. */
  readonly skipped: boolean;
}

export interface WriteOptions {
  readonly at: Date;
  /**
   * A bulk run has nobody to click: its proposals go to the Journal (« Proposition Apollo »).
   * A sidebar call returns them instead.
   */
  readonly journalProposals: boolean;
}

/**
 * Merges the answers into Contacts (and the organisations' empty fields) under the document
 * lock, the rows re-read first: what a user typed while the APIs were answering is what the
 * merge protects. Every answered contact gets its « Enrichi le » stamp, found or not: that stamp
 * is what keeps a repeated or resumed run from paying twice.
 */
export function writeEnrichment(
  spreadsheet: Spreadsheet,
  answers: ReadonlyArray<{ readonly id: string; readonly answer: ContactAnswer }>,
  options: WriteOptions,
): WrittenContact[] {
  if (answers.length === 0) return [];
  return withDocumentLock(() => {
    const user = currentUserEmail();
    const contactsTab = getTab('contacts');
    // Emails are unique among active contacts (record-session.ts): an address Apollo gives to a
    // second row — a duplicate contact, or a homonym — is not written twice.
    const contacts = readKeyed(spreadsheet, contactsTab, ['id', 'etat', 'email']);
    const emailOwners = new Map<string, string>();
    for (const row of contacts.rows) {
      const r = rowToRecord(contacts, row);
      const address = String(r.email ?? '')
        .trim()
        .toLowerCase();
      if (address !== '' && r.etat !== 'Archivé') emailOwners.set(address, String(r.id ?? ''));
    }
    const indexes = answers
      .map((a) => contacts.rowIndexById.get(a.id))
      .filter((i): i is number => i !== undefined);
    loadRows(spreadsheet, contacts, indexes);
    const journal: JournalEntry[] = [];
    const contactChanges: RecordChange[] = [];
    const orgOffers = new Map<string, FieldOffer[]>();
    const written: WrittenContact[] = [];
    for (const { id, answer } of answers) {
      const index = contacts.rowIndexById.get(id);
      if (index === undefined) continue;
      const fresh = rowToRecord(contacts, contacts.rows[index] ?? []);
      if (fresh.etat === 'Archivé' || isOptedOut(fresh.optOut)) {
        written.push(emptyWrite(id, true));
        continue;
      }
      const offers = answer.offers.filter((o) => {
        if (o.field !== 'email') return true;
        const owner = emailOwners.get(String(o.value).toLowerCase());
        return owner === undefined || owner === id;
      });
      const plan = planMerge(contactsTab, fresh, offers);
      for (const fill of plan.fills)
        if (fill.field === 'email') emailOwners.set(String(fill.value).toLowerCase(), id);
      const values: Record<string, CellValue> = { enrichiLe: options.at, updatedAt: options.at };
      for (const fill of plan.fills) {
        values[fill.field] = fill.value;
        journal.push(
          change(
            options.at,
            user,
            fill.source,
            contactsTab.name,
            id,
            field(contactsTab.fields, fill.field),
            '',
            fill.value,
          ),
        );
      }
      const email = String(values.email ?? fresh.email ?? '').trim();
      let emailStatus: EmailStatus | null = null;
      const verdict = answer.verdict;
      if (verdict && email !== '' && sameValue('email', verdict.email, email)) {
        emailStatus = verdict.status;
        values.statutEmail = verdict.status;
        values.emailVerifieLe = options.at;
        if (String(fresh.statutEmail ?? '') !== verdict.status)
          journal.push(
            change(
              options.at,
              user,
              verdict.source,
              contactsTab.name,
              id,
              field(contactsTab.fields, 'statutEmail'),
              String(fresh.statutEmail ?? ''),
              verdict.status,
              verdict.score === null ? `${email}` : `${email} — score Hunter ${verdict.score}/100`,
            ),
          );
      } else if ('email' in values && !isBlank(fresh.statutEmail)) {
        // A status belongs to an address: a newly filled one has none yet.
        values.statutEmail = '';
        values.emailVerifieLe = '';
      }
      if (options.journalProposals)
        for (const p of plan.proposals)
          journal.push({
            at: options.at,
            user,
            action: `Proposition ${p.source}`,
            tab: contactsTab.name,
            recordId: id,
            field: field(contactsTab.fields, p.field).header,
            oldValue: p.current,
            newValue: p.proposed,
            detail: 'Non appliquée : la valeur de la fiche est conservée.',
          });
      contactChanges.push({ id, values });
      const orgId = answer.organisationId;
      if (orgId && answer.organisationOffers.length > 0)
        orgOffers.set(orgId, [...(orgOffers.get(orgId) ?? []), ...answer.organisationOffers]);
      written.push({
        id,
        filled: plan.fills.map((f) => ({ field: f.field, value: f.value, source: f.source })),
        proposals: plan.proposals,
        organisationFilled: [],
        emailStatus,
        skipped: false,
      });
    }
    if (contactChanges.length > 0) writeChanges(contacts, contactChanges);
    const orgFilled = writeOrganisationFills(spreadsheet, orgOffers, options, user, journal);
    appendJournal(spreadsheet, journal);
    return written.map((w) => {
      const answer = answers.find((a) => a.id === w.id)?.answer;
      const orgId = answer?.organisationId;
      return orgId && orgFilled.has(orgId)
        ? { ...w, organisationFilled: orgFilled.get(orgId) ?? [] }
        : w;
    });
  });
}

/**
 * Empty fields of the contacts' organisations, from what Apollo knows of the same company. Only
 * fills: a different value here is not worth a proposal nobody asked for (« Enrichir
 * l’organisation » gives them).
 */
function writeOrganisationFills(
  spreadsheet: Spreadsheet,
  offersByOrg: ReadonlyMap<string, FieldOffer[]>,
  options: WriteOptions,
  user: string,
  journal: JournalEntry[],
): Map<string, string[]> {
  const filled = new Map<string, string[]>();
  if (offersByOrg.size === 0) return filled;
  const tab = getTab('organisations');
  const orgs = readKeyed(spreadsheet, tab, ['id']);
  const indexes = [...offersByOrg.keys()]
    .map((id) => orgs.rowIndexById.get(id))
    .filter((i): i is number => i !== undefined);
  loadRows(spreadsheet, orgs, indexes);
  const changes: RecordChange[] = [];
  for (const [id, offers] of offersByOrg) {
    const index = orgs.rowIndexById.get(id);
    if (index === undefined) continue;
    const fresh = rowToRecord(orgs, orgs.rows[index] ?? []);
    if (fresh.etat === 'Archivé') continue;
    const plan = planMerge(tab, fresh, offers);
    if (plan.fills.length === 0) continue;
    const values: Record<string, CellValue> = { updatedAt: options.at };
    for (const fill of plan.fills) {
      values[fill.field] = fill.value;
      journal.push(
        change(
          options.at,
          user,
          fill.source,
          tab.name,
          id,
          field(tab.fields, fill.field),
          '',
          fill.value,
          'Depuis l’employeur d’un contact enrichi',
        ),
      );
    }
    changes.push({ id, values });
    filled.set(
      id,
      plan.fills.map((f) => f.field),
    );
  }
  if (changes.length > 0) writeChanges(orgs, changes);
  return filled;
}

function emptyWrite(id: string, skipped: boolean): WrittenContact {
  return { id, filled: [], proposals: [], organisationFilled: [], emailStatus: null, skipped };
}

function change(
  at: Date,
  user: string,
  action: string,
  tab: string,
  recordId: string,
  def: FieldDef,
  oldValue: unknown,
  newValue: unknown,
  detail?: string,
): JournalEntry {
  return {
    at,
    user,
    action,
    tab,
    recordId,
    field: def.header,
    oldValue: cellToJournalText(def, oldValue),
    newValue: cellToJournalText(def, newValue),
    ...(detail ? { detail } : {}),
  };
}

function field(fields: readonly FieldDef[], key: string): FieldDef {
  return fields.find((f) => f.key === key) ?? { key, header: key, type: 'text' };
}

function identity(record: Row) {
  return { prenom: record.prenom, nom: record.nom, email: record.email, linkedin: record.linkedin };
}

function organisationIdentity(org: Row | null) {
  return org ? { nom: org.nom, domaine: org.domaine, siteWeb: org.siteWeb } : null;
}

/** Name and domain for Hunter's finder, from the sheet or what Apollo said. */
function finderQuery(c: ContactToEnrich, person: ApolloPerson | null): FinderQuery | null {
  const first = text(c.record.prenom) ?? person?.firstName ?? null;
  const last = text(c.record.nom) ?? person?.lastName ?? null;
  const domain = organisationDomain(organisationIdentity(c.organisation));
  return first && last && domain ? { domain, firstName: first, lastName: last } : null;
}

/** The address the row will hold after the merge: the sheet's, else the first one offered. */
function finalEmail(
  record: Row,
  person: ApolloPerson | null,
  hunterEmail: string | null,
): string | null {
  const current = text(record.email);
  if (current) return current.toLowerCase();
  return person?.email?.toLowerCase() ?? hunterEmail;
}

function recentlyVerified(record: Row, email: string, options: FetchOptions): boolean {
  const at = record.emailVerifieLe;
  if (isBlank(record.statutEmail) || !isDate(at)) return false;
  if (!sameValue('email', record.email, email)) return false;
  return options.nowMs - at.getTime() < options.reverifyAfterMs;
}

function budgetStop(service: 'apollo' | 'hunter', ledger: CreditLedger): ServiceFailure {
  return {
    code: 'QUOTA',
    // A budget of 0 means the service is off, which the refusal says; else the budget ran out.
    message:
      (ledger.budget(service) <= 0 ? creditRefusal(service, ledger.usage(service), 0, 1) : null) ??
      budgetStopMessage(service, ledger.usage(service), ledger.budget(service)),
    fatal: true,
    retryLater: false,
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t === '' ? null : t;
}
