/**
 * The demo data set of `npm start` (sheets-template/demo-data.json, written by
 * tools/make-demo-data.ts): every record valid as the CRM stores it, references that resolve,
 * real communes exactly as Etalab has them, invented people that cannot be mistaken for real
 * ones, a pipeline whose histories obey its own rules, and dates moved to the day of seeding.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHistory } from '../../src/core/pipeline/history';
import { DEFAULT_PROBABILITIES } from '../../src/core/pipeline/stages';
import { PIPELINE_STAGES } from '../../src/core/schema/enums';
import { getTab, TABS } from '../../src/core/schema/tabs';
import { validateRecord } from '../../src/core/validation';
import {
  dayIn,
  demoRecords,
  demoShiftDays,
  readDemoData,
  seedDemoData,
  shiftDemoData,
  type DemoRecord,
} from '../../src/local/demo/seed-demo';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';

const data = readDemoData();
const anchor = String(data._anchor);
const records = (tabKey: string): DemoRecord[] => demoRecords(data, tabKey);
const byId = (tabKey: string) => new Map(records(tabKey).map((r) => [String(r.id), r]));

const ETALAB = path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const etalab = <T>(file: string): T =>
  JSON.parse(fs.readFileSync(path.join(ETALAB, 'data', file), 'utf8')) as T;

/** Stage entries as `2026-09-14T10:05:00`, comparable with interaction dates as text. */
const entryStamp = (day: string, time: string | null) => `${day}T${time ?? '00:00'}:00`;
const isDateValue = (v: unknown): v is Date =>
  Object.prototype.toString.call(v) === '[object Date]';

describe('demo data: records', () => {
  it('has an anchor day and a realistic number of records per tab', () => {
    expect(anchor).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const count = (key: string) => records(key).length;
    expect(count('organisations')).toBeGreaterThanOrEqual(40);
    expect(count('contacts')).toBeGreaterThanOrEqual(40);
    expect(count('opportunites')).toBeGreaterThanOrEqual(18);
    expect(count('interactions')).toBeGreaterThanOrEqual(50);
    expect(count('taches')).toBeGreaterThanOrEqual(18);
    expect(count('appelsOffres')).toBeGreaterThanOrEqual(4);
    expect(count('journal')).toBeGreaterThan(0);
  });

  it('passes the core validator, every record, already in its stored form', () => {
    const failures: string[] = [];
    for (const tab of TABS) {
      for (const record of records(tab.key)) {
        const label = `${tab.name} ${String(record.id ?? record.horodatage)}`;
        const result = validateRecord(tab, record, { partial: false, allowComputed: true });
        if (!result.ok) {
          failures.push(...result.errors.map((e) => `${label}: ${e.message}`));
          continue;
        }
        // The seeder writes the values as they are: they must be what validation stores.
        for (const [key, value] of Object.entries(record)) {
          if (result.record[key] !== value)
            failures.push(`${label}: ${key} ${JSON.stringify(value)} ≠ stored form`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('numbers records with unique IDs of their tab', () => {
    for (const tab of TABS.filter((t) => t.idPrefix)) {
      const ids = records(tab.key).map((r) => String(r.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(new RegExp(`^${tab.idPrefix ?? ''}-\\d{6}$`));
    }
  });

  it('refers only to records that exist', () => {
    const missing: string[] = [];
    for (const tab of TABS) {
      for (const field of tab.fields.filter((f) => f.type === 'ref' && f.ref)) {
        const targets = byId(getTab(field.ref ?? 'organisations').key);
        for (const record of records(tab.key)) {
          const value = record[field.key];
          if (value !== undefined && !targets.has(String(value)))
            missing.push(`${String(record.id)}.${field.key} → ${String(value)}`);
        }
      }
    }
    const opportunities = byId('opportunites');
    for (const j of records('journal').filter((r) => r.onglet === 'Opportunites'))
      if (!opportunities.has(String(j.recordId))) missing.push(`Journal → ${String(j.recordId)}`);
    expect(missing).toEqual([]);
  });
});

describe('demo data: real public bodies, fictitious people', () => {
  interface Commune {
    code: string;
    nom: string;
    type: string;
    siren?: string;
    population?: number;
    departement: string;
    region: string;
  }
  interface Epci {
    code: string;
    nom: string;
    populationMunicipale: number;
    membres: Array<{ code: string }>;
  }
  const communes = etalab<Commune[]>('communes.json').filter((c) => c.type === 'commune-actuelle');
  const epcis = etalab<Epci[]>('epci.json');
  const regions = new Map(
    etalab<Array<{ code: string; nom: string }>>('regions.json').map((r) => [r.code, r.nom]),
  );
  const organisations = records('organisations');

  it('gives communes the SIREN, population, département, région and EPCI of Etalab', () => {
    const towns = organisations.filter((o) => o.type === 'Commune');
    expect(towns.length).toBeGreaterThanOrEqual(25);
    for (const town of towns) {
      const commune = communes.find((c) => c.siren === town.siren);
      expect({ id: town.id, found: commune !== undefined }).toEqual({ id: town.id, found: true });
      if (!commune) continue;
      expect(town).toMatchObject({
        ville: commune.nom,
        population: commune.population,
        departement: commune.departement,
        region: regions.get(commune.region),
      });
      expect(commune.population).toBeGreaterThan(5000);
      const epci = epcis.find((e) => e.membres.some((m) => m.code === commune.code));
      expect(town.epci).toBe(epci?.nom);
      expect(String(town.nom)).toMatch(/^(Ville|Commune) (de |d’|du |des )/);
    }
    // Geographically varied: several regions and no département twice within a region.
    expect(new Set(towns.map((t) => t.region)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(towns.map((t) => t.departement)).size).toBe(towns.length);
  });

  it('gives EPCI their Etalab SIREN, name and population', () => {
    const groupings = organisations.filter((o) => o.type === 'EPCI');
    expect(groupings.length).toBeGreaterThanOrEqual(2);
    for (const grouping of groupings) {
      const epci = epcis.find((e) => e.code === grouping.siren);
      expect(epci?.nom).toBe(grouping.nom);
      expect(grouping.population).toBe(epci?.populationMunicipale);
    }
  });

  it('marks every company as fictitious, with no SIREN and links under example.*', () => {
    const companies = organisations.filter((o) => !['Commune', 'EPCI'].includes(String(o.type)));
    expect(companies.length).toBeGreaterThanOrEqual(8);
    for (const company of companies) {
      expect(String(company.nom)).toMatch(/ \(fictif\)$/);
      expect(company.siren).toBeUndefined();
      expect(company.siret).toBeUndefined();
    }
    const exampleHost = /^https:\/\/([a-z0-9-]+\.)*example\.(com|org|net)\//;
    for (const tab of TABS) {
      for (const field of tab.fields.filter((f) => f.type === 'url')) {
        for (const record of records(tab.key)) {
          const url = record[field.key];
          if (url !== undefined) expect(`${String(url)}/`).toMatch(exampleHost);
        }
      }
    }
    expect(companies.some((c) => c.bcorp === 'Oui')).toBe(true);
    expect(companies.some((c) => c.csrd === 'Oui' && c.csrdPremierExercice)).toBe(true);
    expect(companies.some((c) => String(c.engagementsBiodiversite ?? '').includes('ESRS E4'))).toBe(
      true,
    );
  });

  it('gives people reserved email domains and ARCEP phone numbers for fiction', () => {
    for (const contact of records('contacts')) {
      expect(String(contact.email)).toMatch(/@([a-z0-9-]+\.)*example\.(com|org|net)$/);
      if (contact.telephone !== undefined)
        expect(String(contact.telephone)).toMatch(
          /^\+33(19900|26191|35301|46571|53649|63998)\d{4}$/,
        );
    }
    const emails = records('contacts').map((c) => c.email);
    expect(new Set(emails).size).toBe(emails.length);
  });
});

describe('demo data: pipeline', () => {
  const organisations = byId('organisations');
  const opportunities = records('opportunites');
  const interactions = records('interactions');

  it('covers every stage', () => {
    const stages = new Set(opportunities.map((o) => o.etape));
    for (const stage of PIPELINE_STAGES) expect(stages).toContain(stage);
  });

  it('keeps stage histories in the CRM’s format, ending at the current stage', () => {
    const line = new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} (${PIPELINE_STAGES.join('|')})$`);
    for (const o of opportunities) {
      const text = String(o.historiqueEtapes);
      const lines = text.split('\n');
      for (const l of lines) expect(l).toMatch(line);
      const entries = parseHistory(text);
      expect(entries.map((e) => `${e.day} ${e.time ?? ''} ${e.stage}`)).toEqual(lines);
      const last = entries[entries.length - 1];
      expect(last?.stage).toBe(o.etape);
      expect(o.etapeDepuis).toBe(last?.day);
      expect(entries[0]?.stage).toBe('Lead');
      expect(o.probabilite).toBe(
        DEFAULT_PROBABILITIES[o.etape as keyof typeof DEFAULT_PROBABILITIES],
      );
    }
  });

  it('obeys the transition rules at every stage entered', () => {
    for (const o of opportunities) {
      const entries = parseHistory(o.historiqueEtapes);
      const org = organisations.get(String(o.organisationId));
      const stages = entries.map((e) => e.stage);
      if (stages.includes('Qualifié')) {
        expect(Number(org?.scoreIcp)).toBeGreaterThanOrEqual(70);
        expect(org?.budgetConfirme).toBe(true);
      }
      for (const e of entries.filter((x) => x.stage === 'Contacté')) {
        const at = entryStamp(e.day, e.time);
        const outbound = interactions.filter(
          (i) => i.opportuniteId === o.id && i.direction === 'Sortant' && String(i.date) < at,
        );
        expect({ opp: o.id, outbound: outbound.length > 0 }).toEqual({ opp: o.id, outbound: true });
      }
      if (stages.includes('Proposition envoyée')) expect(Number(o.montant)).toBeGreaterThan(0);
      if (o.etape === 'Perdu') expect(String(o.raisonPerte ?? '').trim()).not.toBe('');
    }
    expect(records('organisations').some((o) => Number(o.scoreIcp) >= 70)).toBe(true);
  });

  it('dates everything before the anchor day, and tasks and tender deadlines around it', () => {
    // A tender's deadlines are ahead of it while it is open, as a task's due day may be.
    const ahead = new Set(['appelsOffres.dateLimite', 'appelsOffres.dateLimiteQuestions']);
    for (const tab of TABS) {
      for (const field of tab.fields.filter((f) => f.type === 'datetime')) {
        if (ahead.has(`${tab.key}.${field.key}`)) continue;
        for (const r of records(tab.key))
          if (r[field.key] !== undefined) expect(String(r[field.key]) < anchor).toBe(true);
      }
    }
    const open = records('taches').filter((t) => t.statut === 'À faire');
    expect(open.filter((t) => t.echeance === anchor).length).toBeGreaterThanOrEqual(2);
    expect(open.filter((t) => String(t.echeance) < anchor).length).toBeGreaterThanOrEqual(2);
    expect(open.filter((t) => String(t.echeance) > anchor).length).toBeGreaterThanOrEqual(2);
    expect(records('taches').some((t) => t.statut === 'Fait' && t.faiteLe)).toBe(true);
  });
});

describe('demo data: tenders', () => {
  const tenders = records('appelsOffres');
  const organisations = byId('organisations');

  it('are invented notices of real buyers, numbered so as never to pass for BOAMP ones', () => {
    expect(tenders.length).toBeGreaterThanOrEqual(4);
    for (const t of tenders) {
      // Real idwebs are `YY-NNNNN` with the year of publication; 99- with six digits is neither.
      expect(String(t.idweb)).toMatch(/^99-\d{6}$/);
      const buyer = organisations.get(String(t.organisationId));
      expect(buyer).toBeDefined();
      expect(t).toMatchObject({ acheteur: buyer?.nom, acheteurSiren: buyer?.siren });
      expect(String(t.datePublication) < anchor).toBe(true);
      expect(t.analyseIa).toBeUndefined();
    }
  });

  it('has open Cœur and Adjacent notices, with deadlines after the anchor day, and a closed one', () => {
    const open = tenders.filter((t) => String(t.dateLimite) > anchor);
    expect(new Set(open.map((t) => t.niveau))).toEqual(new Set(['Cœur', 'Adjacent']));
    for (const t of open) {
      if (t.dateLimiteQuestions !== undefined)
        expect(String(t.dateLimiteQuestions) < String(t.dateLimite)).toBe(true);
    }
    expect(tenders.some((t) => String(t.dateLimite) < anchor && t.decision === 'No go')).toBe(true);
  });
});

describe('demo data: seeding', () => {
  it('shifts dates, date-times and history lines by whole days', () => {
    const shifted = shiftDemoData(
      {
        _anchor: '2026-11-28',
        opportunites: [
          {
            etapeDepuis: '2026-10-30',
            historiqueEtapes: '2026-10-20 09:05 Lead\n2026-10-30 16:20 Qualifié',
            createdAt: '2026-10-20T09:05:00',
            updatedAt: '2026-10-30T16:20:00+01:00',
          },
        ],
      },
      35,
    );
    expect(shifted._anchor).toBe('2027-01-02');
    expect(demoRecords(shifted, 'opportunites')[0]).toEqual({
      etapeDepuis: '2026-12-04',
      historiqueEtapes: '2026-11-24 09:05 Lead\n2026-12-04 16:20 Qualifié',
      // Wall times keep their hour across the end of summer time.
      createdAt: '2026-11-24T09:05:00',
      updatedAt: '2026-12-04T16:20:00',
    });
  });

  it('seeds every record, with the anchor day become the runtime’s today', () => {
    // A summer day, while the file's anchor is in winter: the wall hours must not move.
    const now = new Date('2027-07-14T08:30:00Z');
    const runtime = freshRuntime({ inMemory: true, now });
    callApi(runtime, 'setupStructure');
    const today = dayIn(runtime.now(), runtime.timeZone);
    expect(today).toBe('2027-07-14');
    const journalBefore = readSheetValues(runtime, 'Journal', false).length;
    const written = seedDemoData(runtime);
    const total = TABS.reduce((sum, tab) => sum + records(tab.key).length, 0);
    expect(written).toBe(total);
    const shift = demoShiftDays(data, runtime);

    const table = (name: string) => {
      const [header = [], ...rows] = readSheetValues(runtime, name, false);
      const col = (h: string) => header.indexOf(h);
      return { rows, col };
    };
    const inParis = (v: unknown) => {
      if (!isDateValue(v)) throw new Error(`pas une date : ${String(v)}`);
      return new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Europe/Paris',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(v.getTime()));
    };

    const tasks = table('Taches');
    const dueToday = records('taches').filter((t) => t.echeance === anchor);
    expect(dueToday.length).toBeGreaterThan(0);
    for (const task of dueToday) {
      const row = tasks.rows.find((r) => r[tasks.col('ID')] === task.id);
      expect(inParis(row?.[tasks.col('Échéance')])).toBe(`${today} 00:00`);
    }

    const opps = table('Opportunites');
    for (const o of records('opportunites')) {
      const row = opps.rows.find((r) => r[opps.col('ID')] === o.id) ?? [];
      const history = parseHistory(row[opps.col('Historique des étapes')]);
      const last = history[history.length - 1];
      expect(inParis(row[opps.col('Dans l’étape depuis')])).toBe(`${last?.day ?? ''} 00:00`);
      const first = parseHistory(o.historiqueEtapes)[0];
      const shiftedFirst = new Date(Date.parse(`${first?.day ?? ''}T00:00:00Z`) + shift * 864e5);
      expect(history[0]?.day).toBe(shiftedFirst.toISOString().slice(0, 10));
    }

    const logged = table('Interactions');
    for (const i of records('interactions')) {
      const row = logged.rows.find((r) => r[logged.col('ID')] === i.id) ?? [];
      const date = row[logged.col('Date')];
      // Same Paris wall time as in the file, `shift` days later, and in the past.
      expect(inParis(date).slice(11)).toBe(String(i.date).slice(11, 16));
      expect(isDateValue(date) && date.getTime() < now.getTime()).toBe(true);
    }

    expect(readSheetValues(runtime, 'Journal', false).length - journalBefore).toBe(
      records('journal').length,
    );
  });
});
