/**
 * The events the CRM sends to Make.com (issue 6), as versioned JSON. Every event shares one
 * envelope, version 1:
 *
 *   { version, event, event_id, at, source, test, data }
 *
 * `event_id` is the idempotency key (shared/apis/make.md §3): it stays the same across retries,
 * and it is derived from what happened (the record and the day or instant) rather than drawn at
 * random, so that two code paths announcing the same fact send the same id and a scenario that
 * keeps the ids it has seen processes it once. A change that removes or renames a field of
 * `data` bumps `version`; adding a field does not.
 */

export const PAYLOAD_VERSION = 1;
export const EVENT_SOURCE = 'crm-utpla';

export const EVENT_TYPES = [
  'contact.qualifie',
  'ao.pertinent',
  'opportunite.gagnee',
  'opportunite.perdue',
  'tache.en_retard',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** French names, as the settings dialog and the Journal show them. */
export const EVENT_LABELS: Readonly<Record<EventType, string>> = {
  'contact.qualifie': 'Contact qualifié',
  'ao.pertinent': 'Nouvel appel d’offres pertinent',
  'opportunite.gagnee': 'Opportunité gagnée',
  'opportunite.perdue': 'Opportunité perdue',
  'tache.en_retard': 'Tâche en retard',
};

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export type JsonValue = string | number | boolean | null;
export type JsonRecord = Readonly<Record<string, JsonValue>>;

export interface CrmEvent {
  readonly version: number;
  readonly event: EventType | 'test';
  readonly event_id: string;
  /** When it happened, ISO instant. */
  readonly at: string;
  readonly source: string;
  /** True only for the settings dialog's « Tester »: a scenario should ignore it. */
  readonly test: boolean;
  readonly data: Readonly<Record<string, unknown>>;
}

export function makeEvent(
  event: EventType,
  eventId: string,
  atIso: string,
  data: Readonly<Record<string, unknown>>,
): CrmEvent {
  return {
    version: PAYLOAD_VERSION,
    event,
    event_id: eventId,
    at: atIso,
    source: EVENT_SOURCE,
    test: false,
    data,
  };
}

/** The settings dialog's test: the same envelope, marked as a test twice (event and flag). */
export function testEvent(atIso: string, nonce: string): CrmEvent {
  return {
    version: PAYLOAD_VERSION,
    event: 'test',
    event_id: `test:${nonce}`,
    at: atIso,
    source: EVENT_SOURCE,
    test: true,
    data: {
      message:
        'Message de test du CRM UTPLA (Paramètres et clés › Tester) : il ne correspond à aucun événement, ignorez-le.',
    },
  };
}

// --- event ids ----------------------------------------------------------------------------------

/** `2026-11-29T10:15:03.120Z` → `20261129T101503Z`: short, sortable, safe in a property key. */
export function compactInstant(iso: string): string {
  return iso.replace(/\.\d+/, '').replace(/[-:]/g, '');
}

export function opportunityEventId(type: EventType, opportunityId: string, atIso: string): string {
  return `${type}:${opportunityId}:${compactInstant(atIso)}`;
}

/** One crossing of the threshold a day: a second announcement of the same day is the same fact. */
export function qualifiedEventId(organisationId: string, day: string): string {
  return `contact.qualifie:${organisationId}:${day}`;
}

/** A task is late once per due date: moved to a later date and late again, it is a new fact. */
export function lateTaskEventId(taskId: string, dueDay: string): string {
  return `tache.en_retard:${taskId}:${dueDay}`;
}

/** Tender alerts go out at most once a notice a day (tender-alerts.ts). */
export function tenderEventId(idweb: string, day: string): string {
  return `ao.pertinent:${idweb}:${day}`;
}

// --- data of each event ---------------------------------------------------------------------------

const pick = (record: JsonRecord | null | undefined, keys: readonly string[]) => {
  const out: Record<string, JsonValue> = {};
  for (const key of keys) out[key] = record?.[key] ?? null;
  return out;
};

export const OPPORTUNITY_FIELDS = [
  'id',
  'titre',
  'etape',
  'montant',
  'probabilite',
  'offre',
  'source',
  'raisonPerte',
  'dateCloturePrevue',
  'organisationId',
  'contactId',
  'appelOffreId',
  'owner',
] as const;

export const ORGANISATION_FIELDS = [
  'id',
  'nom',
  'type',
  'siren',
  'ville',
  'departement',
  'region',
  'siteWeb',
  'scoreIcp',
  'temperature',
  'segment',
  'owner',
] as const;

export const CONTACT_FIELDS = [
  'id',
  'prenom',
  'nom',
  'email',
  'telephone',
  'poste',
  'linkedin',
  'statutEmail',
  'optOut',
] as const;

export const TASK_FIELDS = [
  'id',
  'titre',
  'echeance',
  'statut',
  'priorite',
  'contactId',
  'opportuniteId',
  'appelOffreId',
  'owner',
] as const;

/** `opportunite.gagnee` / `opportunite.perdue`: the deal as it is after the move. */
export function opportunityClosedEvent(input: {
  readonly opportunity: JsonRecord;
  readonly organisation: JsonRecord | null;
  readonly from: string;
  readonly atIso: string;
}): CrmEvent {
  const won = input.opportunity.etape === 'Gagné';
  const type: EventType = won ? 'opportunite.gagnee' : 'opportunite.perdue';
  const id = String(input.opportunity.id ?? '');
  return makeEvent(type, opportunityEventId(type, id, input.atIso), input.atIso, {
    opportunite: pick(input.opportunity, OPPORTUNITY_FIELDS),
    organisation: input.organisation ? pick(input.organisation, ['id', 'nom', 'type']) : null,
    etapePrecedente: input.from,
  });
}

export interface QualifiedFacts {
  readonly organisation: JsonRecord;
  readonly before: number | null;
  readonly after: number;
  readonly threshold: number;
  /** What moved the score: « Score ICP », « Apollo », « Make.com »… */
  readonly cause: string;
  readonly contacts: readonly JsonRecord[];
  readonly atIso: string;
  /** The CRM's day (`yyyy-MM-dd`), for the event id. */
  readonly day: string;
}

/** Contacts sent with a qualified organisation: enough for a sequence, not the whole tab. */
export const MAX_QUALIFIED_CONTACTS = 10;

/**
 * `contact.qualifie`: an organisation's ICP score crossed `icp.seuil_qualifie` upward; its
 * contacts are who to reach. Opted-out contacts are left out: no automation may act on them
 * (DESIGN.md §7, RGPD).
 */
export function contactQualifiedEvent(facts: QualifiedFacts): CrmEvent {
  const id = String(facts.organisation.id ?? '');
  const contacts = facts.contacts
    .filter((c) => c.optOut !== true)
    .slice(0, MAX_QUALIFIED_CONTACTS)
    .map((c) =>
      pick(
        c,
        CONTACT_FIELDS.filter((k) => k !== 'optOut'),
      ),
    );
  return makeEvent('contact.qualifie', qualifiedEventId(id, facts.day), facts.atIso, {
    organisation: pick(facts.organisation, ORGANISATION_FIELDS),
    score: { avant: facts.before, apres: facts.after, seuil: facts.threshold },
    cause: facts.cause,
    contacts,
  });
}

export interface LateTaskFacts {
  readonly task: JsonRecord;
  readonly contact: JsonRecord | null;
  /** Whole days past the due date (1 the day after). */
  readonly daysLate: number;
  readonly atIso: string;
}

/** `tache.en_retard`: a task not done the day after its due date. */
export function lateTaskEvent(facts: LateTaskFacts): CrmEvent {
  const id = String(facts.task.id ?? '');
  const due = String(facts.task.echeance ?? '');
  return makeEvent('tache.en_retard', lateTaskEventId(id, due), facts.atIso, {
    tache: pick(facts.task, TASK_FIELDS),
    joursDeRetard: facts.daysLate,
    contact: facts.contact ? pick(facts.contact, ['id', 'prenom', 'nom', 'email']) : null,
  });
}
