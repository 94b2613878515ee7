/**
 * Row-by-row versions of the two bulk operations, for the bench's ratios: the same reads, rules
 * and writes as rescoreIcp and importCollectivites, one getValue per cell read, one setValue per
 * cell written, one appendRow per new row (naive-sheet.ts). Like the other naive operations they
 * skip the document lock, which only makes them cheaper.
 */
import {
  BUNDLED_TERRITORIES,
  bundledUniverse,
  collectiviteFields,
  parseCollectivitesFilters,
  planCollectivitesImport,
} from '../../core/collectivites';
import { isClosed, isStage, stageRank } from '../../core/pipeline';
import { getTab } from '../../core/schema/tabs';
import type { TabKey } from '../../core/schema/types';
import {
  describeScore,
  scoreContact,
  scoreOrganisation,
  weightsFromSettings,
  type ContactFacts,
  type InteractionFacts,
  type OrganisationFacts,
  NO_ORGANISATION_FACTS,
} from '../../core/scoring';
import { segmentLabel, sizeBand, temperatureOf } from '../../core/segments';
import { isDate } from '../../core/text/sheet-safe';
import {
  appendRecord,
  cell,
  maxIdNumber,
  openTable,
  setCell,
  type NaiveTable,
} from './naive-sheet';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Row = Record<string, unknown>;

/** The case: every commune over 5,000 inhabitants and every EPCI that size, all France. */
export const IMPORT_FILTERS = {
  minPopulation: 5000,
  regions: [],
  departements: [],
  types: ['Commune', 'EPCI'],
};

const USER = 'demo@utpla.fr';
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

const header = (tab: TabKey, key: string): string => {
  const field = getTab(tab).fields.find((f) => f.key === key);
  if (!field) throw new Error(`naive: no field ${tab}.${key}`);
  return field.header;
};

/** The given fields of every row with an ID, one getValue per cell. */
function readAll(
  t: NaiveTable,
  tab: TabKey,
  keys: readonly string[],
): Array<Row & { row: number }> {
  const rows: Array<Row & { row: number }> = [];
  const last = t.sheet.getLastRow();
  for (let r = 2; r <= last; r++) {
    const id = cell(t, r, header(tab, 'id'));
    if (id === '') continue;
    const record: Row & { row: number } = { row: r, id };
    for (const key of keys) record[key] = cell(t, r, header(tab, key));
    rows.push(record);
  }
  return rows;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const active = (r: Row) => r.etat !== 'Archivé';

function readSettings(spreadsheet: Spreadsheet): Map<string, string> {
  const t = openTable(spreadsheet, getTab('parametres').name);
  const values = new Map<string, string>();
  const last = t.sheet.getLastRow();
  for (let r = 2; r <= last; r++) {
    values.set(
      text(cell(t, r, header('parametres', 'cle'))),
      text(cell(t, r, header('parametres', 'valeur'))),
    );
  }
  return values;
}

function journalLine(spreadsheet: Spreadsheet, now: Date, action: string, detail: string): void {
  const t = openTable(spreadsheet, getTab('journal').name);
  appendRecord(
    t,
    new Map<string, unknown>([
      [header('journal', 'horodatage'), now],
      [header('journal', 'utilisateur'), USER],
      [header('journal', 'action'), action],
      [header('journal', 'detail'), detail],
    ]),
  );
}

const ORG_KEYS = [
  'etat',
  'type',
  'population',
  'effectif',
  'epci',
  'certificationRse',
  'bcorp',
  'iso26000',
  'labelLucie',
  'csrd',
  'csrdPremierExercice',
  'engagementsRse',
  'engagementsBiodiversite',
  'budgetBiodiversite',
  'budgetConfirme',
  'aoEnCours',
];
const CONTACT_KEYS = [
  'etat',
  'organisationId',
  'prenom',
  'nom',
  'poste',
  'email',
  'statutEmail',
  'telephone',
  'linkedin',
  'optOut',
];

/** Every active organisation and contact rescored, each value written with its own setValue. */
export function naiveRescoreIcp(spreadsheet: Spreadsheet, now: Date): number {
  const settings = readSettings(spreadsheet);
  const weights = weightsFromSettings(settings);
  const rules = { inactiveAfterDays: Number(settings.get('segments.jours_inactivite')) || 30 };
  const today = { day: PARIS_DAY.format(now) };
  const orgTable = openTable(spreadsheet, getTab('organisations').name);
  const contactTable = openTable(spreadsheet, getTab('contacts').name);
  const orgs = readAll(orgTable, 'organisations', ORG_KEYS).filter(active);
  const contacts = readAll(contactTable, 'contacts', CONTACT_KEYS).filter(active);
  const interactions = readAll(
    openTable(spreadsheet, getTab('interactions').name),
    'interactions',
    ['contactId', 'opportuniteId', 'date', 'type', 'direction'],
  );
  const deals = readAll(openTable(spreadsheet, getTab('opportunites').name), 'opportunites', [
    'etat',
    'organisationId',
    'etape',
  ]).filter(active);
  const tenders = readAll(openTable(spreadsheet, getTab('appelsOffres').name), 'appelsOffres', [
    'etat',
    'organisationId',
    'decision',
    'dateLimite',
  ]).filter(active);

  const contactFacts = (c: Row): ContactFacts => ({
    id: text(c.id),
    name: `${text(c.prenom)} ${text(c.nom)}`.trim(),
    poste: text(c.poste),
    email: text(c.email),
    emailStatus: text(c.statutEmail),
    phone: text(c.telephone),
    linkedin: text(c.linkedin),
    optOut: c.optOut === true,
  });
  const orgOfContact = new Map(contacts.map((c) => [text(c.id), text(c.organisationId)]));
  const orgOfDeal = new Map(deals.map((d) => [text(d.id), text(d.organisationId)]));
  const interactionsOf = new Map<string, InteractionFacts[]>();
  for (const i of interactions) {
    const org = orgOfContact.get(text(i.contactId)) || orgOfDeal.get(text(i.opportuniteId)) || '';
    const list = interactionsOf.get(org) ?? [];
    list.push({
      contactId: text(i.contactId),
      day: isDate(i.date) ? PARIS_DAY.format(i.date) : '',
      type: text(i.type),
      direction: text(i.direction),
    });
    interactionsOf.set(org, list);
  }
  const byOrg = <T extends Row>(rows: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const r of rows) {
      const list = groups.get(text(r.organisationId)) ?? [];
      list.push(r);
      groups.set(text(r.organisationId), list);
    }
    return (id: string) => groups.get(id) ?? [];
  };
  const dealsOf = byOrg(deals);
  const tendersOf = byOrg(tenders);
  const contactsOf = byOrg(contacts);
  const facts = new Map<string, OrganisationFacts>();
  for (const org of orgs) {
    const id = text(org.id);
    const stages = dealsOf(id)
      .map((d) => text(d.etape))
      .filter(isStage);
    facts.set(id, {
      type: text(org.type),
      population: num(org.population),
      effectif: num(org.effectif),
      epci: text(org.epci),
      certificationRse: text(org.certificationRse),
      bcorp: text(org.bcorp),
      iso26000: text(org.iso26000),
      labelLucie: text(org.labelLucie),
      csrd: text(org.csrd),
      csrdFirstYear: num(org.csrdPremierExercice),
      engagementsRse: text(org.engagementsRse),
      engagementsBiodiversite: text(org.engagementsBiodiversite),
      budgetBiodiversite: num(org.budgetBiodiversite),
      budgetConfirme: org.budgetConfirme === true,
      openTenders: tendersOf(id).filter(
        (t) =>
          text(t.decision) !== 'No go' &&
          (!isDate(t.dateLimite) || t.dateLimite.getTime() >= now.getTime()),
      ).length,
      tendersNote: text(org.aoEnCours),
      advancedOpportunities: stages.filter((s) => !isClosed(s) && stageRank(s) >= 1).length,
      wonOpportunities: stages.filter((s) => s === 'Gagné').length,
      contacts: contactsOf(id).map(contactFacts),
      interactions: interactionsOf.get(id) ?? [],
    });
  }
  let written = 0;
  const put = (t: NaiveTable, tab: TabKey, row: number, key: string, value: unknown) => {
    setCell(t, row, header(tab, key), value);
    written++;
  };
  for (const org of orgs) {
    const f = facts.get(text(org.id));
    if (!f) continue;
    const score = scoreOrganisation(f, weights, today);
    put(orgTable, 'organisations', org.row, 'scoreIcp', score.score);
    put(orgTable, 'organisations', org.row, 'detailIcp', describeScore(score));
    const temperature = temperatureOf(
      f.interactions,
      today.day,
      rules,
      f.advancedOpportunities > 0,
    );
    put(orgTable, 'organisations', org.row, 'temperature', temperature);
    const segment = segmentLabel(f.type, sizeBand(f.type, f.population, f.effectif));
    put(orgTable, 'organisations', org.row, 'segment', segment);
  }
  for (const contact of contacts) {
    const f = facts.get(text(contact.organisationId));
    if (!f) continue;
    const own = contactFacts(contact);
    put(
      contactTable,
      'contacts',
      contact.row,
      'scoreIcp',
      scoreContact(f, own, weights, today).score,
    );
    const mine = f.interactions.filter((i) => i.contactId === own.id);
    const temperature = temperatureOf(mine, today.day, rules, f.advancedOpportunities > 0);
    put(contactTable, 'contacts', contact.row, 'temperature', temperature);
    const segment = segmentLabel(f.type, sizeBand(f.type, f.population, f.effectif));
    put(contactTable, 'contacts', contact.row, 'segment', segment);
  }
  journalLine(spreadsheet, now, 'Automatique', `Recalcul des scores ICP : ${written} valeurs.`);
  return written;
}

/** The import: every SIREN read one cell at a time, then one appendRow per new organisation. */
export function naiveImportCollectivites(
  spreadsheet: Spreadsheet,
  rawFilters: unknown,
  now: Date,
): number {
  const filters = parseCollectivitesFilters(rawFilters, BUNDLED_TERRITORIES);
  const weights = weightsFromSettings(readSettings(spreadsheet));
  const today = { day: PARIS_DAY.format(now) };
  const t = openTable(spreadsheet, getTab('organisations').name);
  const existing = readAll(t, 'organisations', ['siren', 'etat']).map((r) => ({
    siren: r.siren,
    archived: r.etat === 'Archivé',
  }));
  let lastId = maxIdNumber(t);
  const plan = planCollectivitesImport(bundledUniverse(), filters, existing);
  for (const c of plan.toAdd) {
    const fields = collectiviteFields(c, BUNDLED_TERRITORIES, 'Import Etalab');
    const score = scoreOrganisation(
      {
        ...NO_ORGANISATION_FACTS,
        type: c.kind,
        population: c.population,
        epci: String(fields.epci),
      },
      weights,
      today,
    );
    const values: Record<string, unknown> = {
      ...fields,
      id: `ORG-${String(++lastId).padStart(6, '0')}`,
      scoreIcp: score.score,
      detailIcp: describeScore(score),
      temperature: 'Froid',
      segment: segmentLabel(c.kind, sizeBand(c.kind, c.population, null)),
      owner: USER,
      etat: 'Actif',
      createdAt: now,
      updatedAt: now,
    };
    appendRecord(
      t,
      new Map(Object.entries(values).map(([key, value]) => [header('organisations', key), value])),
    );
  }
  journalLine(spreadsheet, now, 'Import', `Import des collectivités : ${plan.toAdd.length}.`);
  return plan.toAdd.length;
}

/**
 * Takes the imported rows out again (host work, not measured), so that the naive import finds
 * the same sheet the CRM's did and the next operations the sheet they expect. The bench's own
 * organisations have no SIREN; the import appends every row that has one, at the bottom.
 */
export function removeImportedRows(spreadsheet: Spreadsheet): void {
  const t = openTable(spreadsheet, getTab('organisations').name);
  const last = t.sheet.getLastRow();
  if (last < 2) return;
  const column = t.columns.get(header('organisations', 'siren'));
  if (column === undefined) return;
  const sirens = t.sheet.getRange(2, column, last - 1, 1).getValues();
  const first = sirens.findIndex((row) => row[0] !== '');
  if (first >= 0) t.sheet.deleteRows(first + 2, last - first - 1);
}
