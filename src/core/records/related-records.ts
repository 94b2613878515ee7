/**
 * Which records belong on the 360° card of an organisation or a contact, and the day's tasks.
 * Plain records in, plain records out; the server reads each tab once and converts the result.
 */
export type PlainRecord = Record<string, unknown>;

export interface CrmTables {
  readonly organisations: readonly PlainRecord[];
  readonly contacts: readonly PlainRecord[];
  readonly opportunites: readonly PlainRecord[];
  readonly interactions: readonly PlainRecord[];
  readonly taches: readonly PlainRecord[];
}

export interface RelatedRecords {
  readonly record: PlainRecord;
  readonly organisation: PlainRecord | null;
  readonly contacts: PlainRecord[];
  readonly opportunities: PlainRecord[];
  readonly interactions: PlainRecord[];
  readonly tasks: PlainRecord[];
}

const CLOSED_STAGES = new Set(['Gagné', 'Perdu']);
const CLOSED_TASKS = new Set(['Fait', 'Annulée']);

const id = (r: PlainRecord) => String(r.id ?? '');
const ref = (r: PlainRecord, key: string) => String(r[key] ?? '');

/** Sort key of a cell value that may be a Date, an ISO string or empty (empty sorts last). */
function timeOf(value: unknown): number {
  if (Object.prototype.toString.call(value) === '[object Date]') return (value as Date).getTime();
  const parsed = typeof value === 'string' && value !== '' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
}

export function isOpenTask(task: PlainRecord): boolean {
  return !CLOSED_TASKS.has(String(task.statut ?? ''));
}

export function relatedRecords(
  tables: CrmTables,
  kind: 'organisations' | 'contacts',
  recordId: string,
): RelatedRecords | null {
  const record = tables[kind].find((r) => id(r) === recordId);
  if (!record) return null;
  const organisationId = kind === 'organisations' ? recordId : ref(record, 'organisationId');
  const organisation =
    kind === 'contacts'
      ? (tables.organisations.find((o) => id(o) === organisationId) ?? null)
      : null;
  const contacts = tables.contacts.filter(
    (c) =>
      organisationId !== '' && ref(c, 'organisationId') === organisationId && id(c) !== recordId,
  );
  const contactIds = new Set(kind === 'contacts' ? [recordId] : contacts.map(id));
  const opportunities = tables.opportunites
    .filter((o) =>
      kind === 'organisations'
        ? ref(o, 'organisationId') === recordId
        : contactIds.has(ref(o, 'contactId')),
    )
    .sort(
      (a, b) =>
        Number(CLOSED_STAGES.has(String(a.etape))) - Number(CLOSED_STAGES.has(String(b.etape))),
    );
  const opportunityIds = new Set(opportunities.map(id));
  const interactions = sortTimeline(
    tables.interactions.filter(
      (i) => contactIds.has(ref(i, 'contactId')) || opportunityIds.has(ref(i, 'opportuniteId')),
    ),
  );
  const tasks = openTasksByDueDate(
    tables.taches.filter(
      (t) => contactIds.has(ref(t, 'contactId')) || opportunityIds.has(ref(t, 'opportuniteId')),
    ),
  );
  return { record, organisation, contacts, opportunities, interactions, tasks };
}

/** Open tasks, earliest due first. */
export function openTasksByDueDate(tasks: readonly PlainRecord[]): PlainRecord[] {
  return tasks.filter(isOpenTask).sort((a, b) => timeOf(a.echeance) - timeOf(b.echeance));
}

/** Interactions most recent first. */
export function sortTimeline(interactions: readonly PlainRecord[]): PlainRecord[] {
  return [...interactions].sort((a, b) => timeOf(b.date) - timeOf(a.date));
}

/** Open tasks due on or before the end of `endOfToday`, earliest first. */
export function tasksDueBy(tasks: readonly PlainRecord[], endOfToday: number): PlainRecord[] {
  return tasks
    .filter(isOpenTask)
    .filter((t) => timeOf(t.echeance) <= endOfToday)
    .sort((a, b) => timeOf(a.echeance) - timeOf(b.echeance));
}
