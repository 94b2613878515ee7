/**
 * The enrichment endpoints of the sidebar (issue 6): enrich one contact or organisation, apply
 * the proposals the user clicked, verify an address, find decision makers and add one. Each
 * reads what it needs, asks the API with no lock held, then writes under the document lock on
 * the rows as they are at that moment. After any change the organisation is rescored, and one
 * that crosses the qualification threshold is announced.
 */
import { CrmError } from '../../core/errors';
import {
  CREDIT_COST,
  ENRICHMENT_SOURCES,
  canDraftTo,
  checkProposals,
  decisionMakerTitles,
  delayDaysFromSettings,
  describeSkip,
  emailStatusOf,
  isApolloVerified,
  isEnrichableField,
  isOptedOut,
  organisationDomain,
  organisationOffers,
  planMerge,
  readCandidate,
  skipReason,
  type EnrichableTab,
  type EnrichmentSource,
  type Proposal,
} from '../../core/enrichment';
import { getTab } from '../../core/schema/tabs';
import type { TabDef } from '../../core/schema/types';
import { foldText } from '../../core/text/fold';
import { isDate, type CellValue } from '../../core/text/sheet-safe';
import type { RecordDto } from '../api/contract';
import type {
  AddedDecisionMaker,
  ApplyEnrichmentResult,
  DecisionMakerList,
  EmailVerificationResult,
  EnrichmentFill,
  EnrichmentProposal,
  EnrichmentResult,
} from '../api/enrichment-contract';
import { appendJournal } from '../journal/journal-writer';
import { now } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import { readActiveWhere, text } from '../records/crm-snapshot';
import { loadRows, readKeyed } from '../records/keyed-table';
import { cellToJournalText, recordToDto } from '../records/record-dto';
import { RecordSession, inSession } from '../records/record-session';
import { writeChanges } from '../records/record-writer';
import { rowToRecord } from '../records/table-snapshot';
import { rescoreOrganisation } from '../scoring/icp-rescorer';
import { readSettings, type Settings } from '../settings/settings-reader';
import { fetchEnrichment, writeEnrichment, type WrittenContact } from './contact-enricher';
import { createCreditLedger } from './credit-ledger';
import { openEnrichmentServices, requireApollo, requireHunter } from './enrichment-clients';
import { announceCrossings } from './qualification-alert';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;

export function enrichContact(spreadsheet: Spreadsheet, contactId: string): EnrichmentResult {
  const settings = readSettings(spreadsheet);
  const id = recordId(contactId);
  const reader = new RecordSession(spreadsheet);
  const record = reader.record('contacts', id);
  const orgId = text(record.organisationId);
  const organisation = orgId === '' ? null : tryRecord(reader, 'organisations', orgId);
  if (isOptedOut(record.optOut))
    throw new CrmError(
      'RULE',
      `${who(record)} s’est opposé au démarchage (opt-out) : ses données ne sont jamais envoyées à Apollo ni à Hunter.`,
    );
  const skipped = skipped_(record, settings);
  if (skipped !== null) return emptyResult('contacts', id, skipped, settings);
  const services = openEnrichmentServices(settings);
  const at = now();
  const report = fetchEnrichment([{ id, record, organisation }], services, {
    nowMs: at.getTime(),
    reverifyAfterMs: delayDaysFromSettings(settings) * DAY_MS,
  });
  const result = report.results[0];
  if (!result || result.kind === 'pending') {
    const stop = report.stopped;
    throw new CrmError(stop?.code ?? 'INTERNAL', stop?.message ?? 'Enrichissement interrompu.');
  }
  if (result.kind === 'unidentifiable')
    throw new CrmError(
      'VALIDATION',
      `Pas assez d’éléments pour retrouver ${who(record)} : renseignez son email, son profil LinkedIn, ou son prénom et son nom avec une organisation (nom, domaine email ou site web).`,
    );
  if (result.kind === 'refused') throw new CrmError('HTTP_4XX', result.message);
  const [written] = writeEnrichment(spreadsheet, [{ id, answer: result.answer }], {
    at,
    journalProposals: false,
  });
  const qualified = afterChange(spreadsheet, settings, organisation);
  const found = result.answer.offers.length > 0 || result.answer.verdict !== null;
  return {
    tab: 'contacts',
    id,
    filled: fills(getTab('contacts'), written),
    proposals: proposals(getTab('contacts'), written?.proposals ?? []),
    organisationFilled: written?.organisationFilled ?? [],
    emailStatus: written?.emailStatus ?? null,
    found,
    skipped: null,
    warning: report.stopped ? report.stopped.message : null,
    credits: services.ledger.status(),
    qualified,
  };
}

export function enrichOrganisation(
  spreadsheet: Spreadsheet,
  organisationId: string,
): EnrichmentResult {
  const settings = readSettings(spreadsheet);
  const id = recordId(organisationId);
  const organisation = new RecordSession(spreadsheet).record('organisations', id);
  const skipped = skipped_(organisation, settings);
  if (skipped !== null) return emptyResult('organisations', id, skipped, settings);
  const domain = organisationDomain({
    nom: organisation.nom,
    domaine: organisation.domaine,
    siteWeb: organisation.siteWeb,
  });
  if (!domain)
    throw new CrmError(
      'VALIDATION',
      `Apollo retrouve une organisation par son domaine : renseignez « Domaine email » ou « Site web » de ${text(organisation.nom) || id}.`,
      'domaine',
    );
  const apollo = requireApollo();
  const ledger = createCreditLedger(settings);
  ledger.ensure('apollo', CREDIT_COST.apolloMatch);
  const found = apollo.enrichOrganisation(domain);
  ledger.record('apollo', found ? CREDIT_COST.apolloMatch : 0, 1);
  const at = now();
  const tab = getTab('organisations');
  const outcome = withDocumentLock(() => {
    const table = readKeyed(spreadsheet, tab, ['id']);
    const index = table.rowIndexById.get(id);
    if (index === undefined)
      throw new CrmError('NOT_FOUND', `Fiche ${id} introuvable dans l'onglet ${tab.name}.`);
    loadRows(spreadsheet, table, [index]);
    const fresh = rowToRecord(table, table.rows[index] ?? []);
    const plan = planMerge(tab, fresh, found ? organisationOffers(found) : []);
    const values: Record<string, CellValue> = { enrichiLe: at, updatedAt: at };
    for (const fill of plan.fills) values[fill.field] = fill.value;
    writeChanges(table, [{ id, values }]);
    const user = currentUserEmail();
    appendJournal(
      spreadsheet,
      plan.fills.map((fill) => {
        const def = tab.fields.find((f) => f.key === fill.field);
        return {
          at,
          user,
          action: fill.source,
          tab: tab.name,
          recordId: id,
          field: def?.header ?? fill.field,
          oldValue: '',
          newValue: def ? cellToJournalText(def, fill.value) : String(fill.value),
        };
      }),
    );
    return plan;
  });
  const qualified = afterChange(spreadsheet, settings, organisation);
  return {
    tab: 'organisations',
    id,
    filled: outcome.fills.map((f) => ({
      field: f.field,
      header: header(tab, f.field),
      value: f.value,
      source: f.source,
    })),
    proposals: proposals(tab, outcome.proposals),
    organisationFilled: [],
    emailStatus: null,
    found: found !== null,
    skipped: null,
    warning: null,
    credits: ledger.status(),
    qualified,
  };
}

/**
 * The user's click on proposals. Each is applied only if the field still holds what it held
 * when proposed; applied ones are journaled field by field with their source as the action.
 */
export function applyEnrichment(
  spreadsheet: Spreadsheet,
  tabKey: unknown,
  id: string,
  raw: unknown,
): ApplyEnrichmentResult {
  const settings = readSettings(spreadsheet);
  if (tabKey !== 'contacts' && tabKey !== 'organisations')
    throw new CrmError('VALIDATION', `Onglet inconnu : « ${String(tabKey)} ».`);
  const tab = getTab(tabKey);
  const wanted = readProposals(tabKey, raw);
  const recordKey = recordId(id);
  const { record, check, before } = inSession(spreadsheet, (session) => {
    const fresh = session.record(tabKey, recordKey);
    const result = checkProposals(tab, fresh, wanted);
    let dto = recordToDto(tab, fresh);
    for (const source of ENRICHMENT_SOURCES) {
      const mine = result.apply.filter((p) => p.source === source);
      if (mine.length === 0) continue;
      const changes: RecordDto = Object.fromEntries(mine.map((p) => [p.field, p.proposed]));
      // A verification belongs to the address it checked: another address starts unverified.
      const system: Record<string, CellValue> =
        tabKey === 'contacts' && 'email' in changes ? { statutEmail: '', emailVerifieLe: '' } : {};
      dto = session.update(tabKey, recordKey, changes, system, source);
    }
    return { record: dto, check: result, before: fresh };
  });
  const organisation =
    tabKey === 'organisations'
      ? before
      : text(before.organisationId) === ''
        ? null
        : tryRecord(new RecordSession(spreadsheet), 'organisations', text(before.organisationId));
  const qualified = check.apply.length > 0 ? afterChange(spreadsheet, settings, organisation) : [];
  return {
    record,
    applied: proposals(tab, check.apply),
    stale: proposals(tab, check.stale),
    qualified,
  };
}

/** Hunter's verdict on the contact's address, whatever the enrichment delay: the user asked. */
export function verifyEmail(spreadsheet: Spreadsheet, contactId: string): EmailVerificationResult {
  const settings = readSettings(spreadsheet);
  const id = recordId(contactId);
  const reader = new RecordSession(spreadsheet);
  const record = reader.record('contacts', id);
  if (isOptedOut(record.optOut))
    throw new CrmError(
      'RULE',
      `${who(record)} s’est opposé au démarchage (opt-out) : son adresse n’est pas envoyée à Hunter.`,
    );
  const email = text(record.email).toLowerCase();
  if (email === '')
    throw new CrmError('VALIDATION', `${who(record)} n’a pas d’adresse email à vérifier.`, 'email');
  const hunter = requireHunter();
  const ledger = createCreditLedger(settings);
  ledger.ensure('hunter', CREDIT_COST.hunterVerification);
  const result = hunter.verifyEmail(email);
  if (result.kind === 'refused') throw new CrmError('HTTP_4XX', result.message);
  if (result.kind !== 'verified') {
    ledger.record('hunter', 0, 1);
    return {
      contactId: id,
      email,
      status: null,
      score: null,
      verifiedAtIso: null,
      pending: true,
      message:
        'Hunter n’a pas encore de réponse du serveur de messagerie : réessayez dans quelques minutes.',
      canDraft: canDraftTo(draftTarget(record)).ok,
      credits: ledger.status(),
    };
  }
  ledger.record('hunter', CREDIT_COST.hunterVerification, 1);
  const status = emailStatusOf(result.verification.status);
  const at = now();
  const stored = inSession(spreadsheet, (session) => {
    const fresh = session.record('contacts', id);
    // The address may have been corrected while Hunter answered: its verdict is not this one's.
    if (text(fresh.email).toLowerCase() !== email) return null;
    return session.update(
      'contacts',
      id,
      {},
      { statutEmail: status, emailVerifieLe: at },
      'Hunter',
    );
  });
  if (!stored)
    throw new CrmError(
      'CONFLICT',
      `L’adresse de ${who(record)} a changé pendant la vérification : relancez la vérification.`,
      'email',
    );
  const organisation =
    text(record.organisationId) === ''
      ? null
      : tryRecord(reader, 'organisations', text(record.organisationId));
  afterChange(spreadsheet, settings, organisation);
  const verdict = canDraftTo({ ...draftTarget(record), statutEmail: status });
  return {
    contactId: id,
    email,
    status,
    score: result.verification.score,
    verifiedAtIso: at.toISOString(),
    pending: false,
    message: verdict.ok
      ? `Adresse ${email} : « ${status} »${result.verification.score === null ? '' : ` (score ${result.verification.score}/100)`}.`
      : verdict.reason,
    canDraft: verdict.ok,
    credits: ledger.status(),
  };
}

/** People Apollo knows at the organisation's domain with a decision maker's title. Nothing is added. */
export function findDecisionMakers(
  spreadsheet: Spreadsheet,
  organisationId: string,
): DecisionMakerList {
  const settings = readSettings(spreadsheet);
  const id = recordId(organisationId);
  const organisation = new RecordSession(spreadsheet).record('organisations', id);
  const domain = organisationDomain({
    nom: organisation.nom,
    domaine: organisation.domaine,
    siteWeb: organisation.siteWeb,
  });
  if (!domain)
    throw new CrmError(
      'VALIDATION',
      `Renseignez « Domaine email » ou « Site web » de ${text(organisation.nom) || id} : Apollo cherche les personnes par domaine.`,
      'domaine',
    );
  const titles = decisionMakerTitles(settings);
  const found = requireApollo().searchPeople(domain, titles);
  const known = readActiveWhere(
    spreadsheet,
    'contacts',
    ['organisationId'],
    (c) => text(c.organisationId) === id,
  );
  return {
    organisationId: id,
    domain,
    titles,
    total: found.total,
    candidates: found.people.map((candidate) => ({
      ...candidate,
      alreadyInCrm:
        known
          .find(
            (c) =>
              foldText(text(c.prenom)) === foldText(candidate.firstName) &&
              hintMatches(candidate.lastNameHint, text(c.nom)),
          )
          ?.id?.toString() ?? null,
    })),
  };
}

/** The user picked a candidate: Apollo reveals the person (one credit), then the contact is created. */
export function addDecisionMaker(
  spreadsheet: Spreadsheet,
  organisationId: string,
  rawCandidate: unknown,
): AddedDecisionMaker {
  const settings = readSettings(spreadsheet);
  const id = recordId(organisationId);
  const candidate = readCandidate(rawCandidate);
  if (!candidate) throw new CrmError('VALIDATION', 'Candidat illisible : relancez la recherche.');
  const organisation = new RecordSession(spreadsheet).record('organisations', id);
  if (organisation.etat === 'Archivé')
    throw new CrmError('VALIDATION', `${text(organisation.nom) || id} est archivée.`);
  const apollo = requireApollo();
  const ledger = createCreditLedger(settings);
  ledger.ensure('apollo', CREDIT_COST.apolloMatch);
  const person = apollo.matchPerson({ id: candidate.apolloId });
  ledger.record('apollo', person ? CREDIT_COST.apolloMatch : 0, 1);
  if (!person || !person.lastName)
    throw new CrmError(
      'NOT_FOUND',
      `Apollo ne retrouve plus ${candidate.firstName} ${candidate.lastNameHint} : relancez la recherche.`,
    );
  const at = now();
  const verified = isApolloVerified(person);
  const contact = inSession(spreadsheet, (session) => {
    const created = session.create(
      'contacts',
      {
        nom: person.lastName,
        prenom: person.firstName ?? candidate.firstName,
        ...(person.email ? { email: person.email } : {}),
        ...(person.title ? { poste: person.title } : {}),
        ...(person.linkedinUrl ? { linkedin: person.linkedinUrl } : {}),
        organisationId: id,
        source: 'Apollo',
        statut: 'Nouveau',
      },
      {
        enrichiLe: at,
        ...(verified ? { statutEmail: emailStatusOf('valid'), emailVerifieLe: at } : {}),
      },
    );
    session.log({
      action: 'Apollo',
      tab: getTab('contacts').name,
      recordId: String(created.id ?? ''),
      detail: `Décideur ajouté depuis Apollo (recherche sur ${text(organisation.nom) || id}).`,
    });
    return created;
  });
  afterChange(spreadsheet, settings, organisation);
  return { contact, credits: ledger.status() };
}

/** The rescoring every change ends with, and the announcement of a crossed threshold. */
function afterChange(
  spreadsheet: Spreadsheet,
  settings: Settings,
  organisation: Row | null,
): EnrichmentResult['qualified'] {
  const orgId = text(organisation?.id);
  if (!organisation || orgId === '' || organisation.etat === 'Archivé') return [];
  const before = typeof organisation.scoreIcp === 'number' ? organisation.scoreIcp : null;
  rescoreOrganisation(spreadsheet, orgId);
  return announceCrossings(spreadsheet, settings, new Map([[orgId, before]])).qualified;
}

function skipped_(record: Row, settings: Settings): string | null {
  const delayDays = delayDaysFromSettings(settings);
  const reason = skipReason(
    {
      archived: record.etat === 'Archivé',
      optOut: false,
      enrichedAtMs: isDate(record.enrichiLe) ? record.enrichiLe.getTime() : null,
    },
    { nowMs: now().getTime(), delayDays },
  );
  if (reason === null) return null;
  if (reason === 'archive') throw new CrmError('VALIDATION', 'Fiche archivée : rien à enrichir.');
  const on = isDate(record.enrichiLe)
    ? Utilities.formatDate(record.enrichiLe, 'Europe/Paris', 'dd/MM/yyyy')
    : '';
  return `Enrichie le ${on} : ${describeSkip(reason, delayDays)} ; les valeurs différentes non appliquées sont dans le Journal.`;
}

function emptyResult(
  tab: 'contacts' | 'organisations',
  id: string,
  skipped: string,
  settings: Settings,
): EnrichmentResult {
  return {
    tab,
    id,
    filled: [],
    proposals: [],
    organisationFilled: [],
    emailStatus: null,
    found: false,
    skipped,
    warning: null,
    credits: createCreditLedger(settings).status(),
    qualified: [],
  };
}

function fills(tab: TabDef, written: WrittenContact | undefined): EnrichmentFill[] {
  return (written?.filled ?? []).map((f) => ({
    field: f.field,
    header: header(tab, f.field),
    value: f.value,
    source: f.source,
  }));
}

function proposals(tab: TabDef, list: readonly Proposal[]): EnrichmentProposal[] {
  return list.map((p) => ({
    field: p.field,
    header: header(tab, p.field),
    current: p.current,
    proposed: p.proposed,
    source: p.source,
  }));
}

/** Proposals as the browser sent them back: checked, never trusted. */
function readProposals(tab: EnrichableTab, raw: unknown): Proposal[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new CrmError('VALIDATION', 'Aucune proposition à appliquer.');
  if (raw.length > 50) throw new CrmError('VALIDATION', 'Trop de propositions à la fois.');
  return raw.map((item: unknown) => {
    const p = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const field = typeof p.field === 'string' ? p.field : '';
    const source = p.source as EnrichmentSource;
    const value = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? v : null);
    const current = value(p.current);
    const proposed = value(p.proposed);
    if (
      !isEnrichableField(tab, field) ||
      !ENRICHMENT_SOURCES.includes(source) ||
      current === null ||
      proposed === null
    )
      throw new CrmError(
        'VALIDATION',
        `Proposition illisible (« ${field || '?'} ») : relancez l’enrichissement.`,
      );
    return { field, current, proposed, source };
  });
}

function header(tab: TabDef, key: string): string {
  return tab.fields.find((f) => f.key === key)?.header ?? key;
}

/** `Ma***n` against a surname: the visible letters in place, any letters for the stars. */
function hintMatches(hint: string, surname: string): boolean {
  if (hint === '' || surname === '') return false;
  const parts = foldText(hint)
    .split(/\*+/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`).test(foldText(surname));
}

function tryRecord(reader: RecordSession, tab: 'organisations', id: string): Row | null {
  try {
    return reader.record(tab, id);
  } catch {
    return null;
  }
}

function recordId(raw: unknown): string {
  const id = String(raw ?? '')
    .trim()
    .toUpperCase();
  if (id === '') throw new CrmError('VALIDATION', 'Identifiant de fiche manquant.');
  return id;
}

function draftTarget(record: Row) {
  return {
    email: record.email,
    statutEmail: record.statutEmail,
    optOut: record.optOut,
    etat: record.etat,
  };
}

function who(record: Row): string {
  const name = `${text(record.prenom)} ${text(record.nom)}`.trim();
  return name === '' ? text(record.id) : name;
}
