/**
 * `npm run demo-data`: writes sheets-template/demo-data.json, the records `npm start` seeds a new
 * workbook with (src/local/demo/seed-demo.ts) and `npm run template` puts in the demo workbook.
 *
 * Public bodies are real: 30 communes over 5,000 inhabitants and 3 of their EPCI, with name,
 * SIREN, population, département, région and EPCI as the Etalab package
 * `@etalab/decoupage-administratif` gives them. Everything else is invented and looks it:
 * companies end with " (fictif)", every address and link is under example.com / example.org /
 * example.net (reserved by RFC 2606), phone numbers are in ARCEP's ranges reserved for fiction.
 * The tenders are invented notices from real buyers of the demo, numbered `99-NNNNNN` — a
 * pattern no real BOAMP idweb has — and never to be taken for real ones.
 *
 * The output is the same on every run (a seeded PRNG, no clock): it is committed, and a diff of
 * it shows what changed in the generator. Dates are written relative to ANCHOR; the seeder moves
 * them so that ANCHOR becomes the day the workbook is created.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { formatHistory, type StageEntry } from '../src/core/pipeline/history';
import { DEFAULT_PROBABILITIES, type Stage } from '../src/core/pipeline/stages';
import { matchedText, scoreNotice } from '../src/core/boamp/relevance';
import type { OFFERS, SOURCES } from '../src/core/schema/enums';

const OUTPUT = path.resolve(__dirname, '../sheets-template/demo-data.json');
const ETALAB = path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));

/** "Today" in the data; see the file comment. A Saturday: nothing is dated on it but tasks. */
const ANCHOR = '2026-11-28';
const SEED = 0x5eed_a61e;

const DEMO_USER = 'demo@utpla.fr';
const COLLEAGUE = 'camille.lefort@example.com';

type Offer = (typeof OFFERS)[number];
type Source = (typeof SOURCES)[number];
type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and calendar arithmetic

/** mulberry32: tiny, fast, and good enough to vary demo data; never Math.random. */
function createRng(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, int, pick, chance: (p: number): boolean => next() < p };
}

const rng = createRng(SEED);

const ANCHOR_MS = Date.parse(`${ANCHOR}T00:00:00Z`);
const DAY_MS = 86_400_000;

/** A calendar day as its distance from ANCHOR (negative: before). */
type Day = number;

/** A moment: a day and a minute of that day, Paris wall time. */
interface Stamp {
  readonly day: Day;
  readonly minute: number;
}

function isoDay(day: Day): string {
  return new Date(ANCHOR_MS + day * DAY_MS).toISOString().slice(0, 10);
}

function weekday(day: Day): number {
  return ((new Date(ANCHOR_MS + day * DAY_MS).getUTCDay() + 6) % 7) + 1;
}

/** Sales work happens on weekdays: a weekend day becomes the Friday before. */
function workdayBefore(day: Day): Day {
  const w = weekday(day);
  return w === 6 ? day - 1 : w === 7 ? day - 2 : day;
}

function workdayAfter(day: Day): Day {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 7 ? day + 1 : day;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The schema's datetime form without offset: Paris wall time, as the seeder reads it. */
function dateTime(s: Stamp): string {
  return `${isoDay(s.day)}T${hhmm(s.minute)}:00`;
}

function officeMinute(from = 8 * 60 + 45, to = 17 * 60 + 45): number {
  return rng.int(from / 5, to / 5) * 5;
}

function compareStamps(a: Stamp, b: Stamp): number {
  return a.day - b.day || a.minute - b.minute;
}

function later(s: Stamp, minutes: number): Stamp {
  const total = s.minute + minutes;
  return { day: s.day + Math.floor(total / 1440), minute: ((total % 1440) + 1440) % 1440 };
}

function maxStamp(stamps: readonly Stamp[]): Stamp {
  return stamps.reduce((a, b) => (compareStamps(a, b) >= 0 ? a : b));
}

function minStamp(stamps: readonly Stamp[]): Stamp {
  return stamps.reduce((a, b) => (compareStamps(a, b) <= 0 ? a : b));
}

// ---------------------------------------------------------------------------------------------
// Text helpers

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(fictif\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function asciiName(text: string): string {
  return slug(text).replace(/-/g, '');
}

/** "24 000 €": French thousands with a narrow no-break space. */
function euros(amount: number): string {
  return `${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')}\u00a0€`;
}

/** "de Brest", "d’Alençon", "du Havre", "des Sables-d'Olonne", "de La Rochelle". */
function ofPlace(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔH]/i.test(name) && !/^(La |L')/.test(name)) return `d’${name}`;
  return `de ${name}`;
}

// ---------------------------------------------------------------------------------------------
// Etalab: the real public bodies

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  zone: string;
  departement: string;
  region: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}

interface EtalabEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale: number;
  membres: Array<{ code: string; siren: string; nom: string }>;
}

interface EtalabRegion {
  code: string;
  nom: string;
}

function readEtalab<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(ETALAB, 'data', file), 'utf8')) as T;
}

const communes = readEtalab<EtalabCommune[]>('communes.json').filter(
  (c) => c.type === 'commune-actuelle',
);
const epcis = readEtalab<EtalabEpci[]>('epci.json');
const regionName = new Map(readEtalab<EtalabRegion[]>('regions.json').map((r) => [r.code, r.nom]));
const epciOfCommune = new Map<string, EtalabEpci>();
for (const epci of epcis) for (const m of epci.membres) epciOfCommune.set(m.code, epci);

function communeByCode(code: string): EtalabCommune {
  const commune = communes.find((c) => c.code === code);
  if (!commune) throw new Error(`Commune ${code} absente du paquet Etalab`);
  return commune;
}

/**
 * The selection rule. Metropolitan regions only (the CRM's clock and phone plan are
 * metropolitan; Corse has too few communes over 5,000 to vary sizes). In each region, the
 * communes over 5,000 inhabitants with a SIREN are ranked by population (largest first, then
 * INSEE code), and picked at fixed quantiles of that ranking, so each region brings a large town,
 * a mid-sized one and a small one rather than only its capital. A pick whose département is
 * already represented in the region moves down the ranking to the next département.
 */
const SELECTION: ReadonlyArray<readonly [regionCode: string, quantiles: readonly number[]]> = [
  ['53', [0.05, 0.35, 0.75]], // Bretagne
  ['52', [0.05, 0.35, 0.75]], // Pays de la Loire
  ['11', [0.05, 0.35, 0.75]], // Île-de-France
  ['84', [0.05, 0.35, 0.75]], // Auvergne-Rhône-Alpes
  ['76', [0.05, 0.35, 0.75]], // Occitanie
  ['75', [0.05, 0.35, 0.75]], // Nouvelle-Aquitaine
  ['32', [0.1, 0.6]], // Hauts-de-France
  ['44', [0.1, 0.6]], // Grand Est
  ['28', [0.1, 0.6]], // Normandie
  ['93', [0.1, 0.6]], // Provence-Alpes-Côte d'Azur
  ['24', [0.1, 0.6]], // Centre-Val de Loire
  ['27', [0.1, 0.6]], // Bourgogne-Franche-Comté
];

/** The EPCI of the largest selected commune of these regions join as organisations. */
const EPCI_REGIONS = ['53', '52', '76'];

function selectCommunes(): EtalabCommune[] {
  const selected: EtalabCommune[] = [];
  for (const [region, quantiles] of SELECTION) {
    const ranked = communes
      .filter(
        (c) => c.region === region && c.zone === 'metro' && c.siren && (c.population ?? 0) > 5000,
      )
      .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code));
    const departments = new Set<string>();
    for (const q of quantiles) {
      let index = Math.floor(q * (ranked.length - 1));
      while (ranked[index] && departments.has(ranked[index]?.departement ?? '')) index++;
      const commune = ranked[index];
      if (!commune) throw new Error(`Pas assez de communes dans la région ${region}`);
      departments.add(commune.departement);
      selected.push(commune);
    }
  }
  return selected;
}

// ---------------------------------------------------------------------------------------------
// The organisations, contacts and deals, built as objects that point to each other; IDs are
// given at the end, in creation order, as the CRM would have numbered them.

type OrgKind = 'commune' | 'epci' | 'company';

interface Org {
  kind: OrgKind;
  /** Short name for titles and texts: "Sète", "Biscuiterie des Abers". */
  short: string;
  fields: Json;
  owner: string;
  /** Email domain of its (invented) people. */
  mailDomain: string;
  phoneZone: PhoneZone;
  contacts: Contact[];
  createdAt?: Stamp;
  id?: string;
}

interface Contact {
  org: Org;
  prenom: string;
  nom: string;
  female: boolean;
  poste: string;
  elected: boolean;
  fields: Json;
  createdAt?: Stamp;
  id?: string;
}

interface Opportunity {
  org: Org;
  contact: Contact;
  offre: Offer;
  detail: string;
  path: Stage[];
  montant?: number;
  source: Source;
  raisonPerte?: string;
  /** Days before ANCHOR of its last stage entry. */
  lastEntryAgo: [number, number];
  entries: Array<{ stage: Stage; at: Stamp }>;
  id?: string;
}

interface Interaction {
  contact: Contact;
  opp?: Opportunity;
  type: string;
  direction?: 'Sortant' | 'Entrant';
  at: Stamp;
  objet: string;
  resume: string;
  prochaineAction?: string;
  document?: string;
  id?: string;
}

interface Task {
  titre: string;
  echeance: Day;
  statut: 'À faire' | 'Fait';
  priorite: 'Haute' | 'Normale' | 'Basse';
  origine: 'Manuelle' | 'Automatique';
  regle?: string;
  contact?: Contact;
  opp?: Opportunity;
  createdAt: Stamp;
  faiteLe?: Stamp;
  notes?: string;
  id?: string;
}

// ---------------------------------------------------------------------------------------------
// Phones: ARCEP reserves one block per zone for fiction (décision 2019-0286); the 06 39 98 block
// is left out: libphonenumber's metadata gives 0639 to Mayotte and has no valid 06 39 98 number,
// so the CRM's own validator refuses it.

type PhoneZone = 1 | 2 | 3 | 4 | 5;
const FICTION_BLOCK: Record<PhoneZone, string> = {
  1: '19900',
  2: '26191',
  3: '35301',
  4: '46571',
  5: '53649',
};
const ZONE_OF_REGION: Record<string, PhoneZone> = {
  '11': 1,
  '24': 2,
  '28': 2,
  '52': 2,
  '53': 2,
  '27': 3,
  '32': 3,
  '44': 3,
  '84': 4,
  '93': 4,
  '75': 5,
};
/** Occitanie is split: its western départements dial 05, the eastern ones 04. */
const OCCITANIE_WEST = new Set(['09', '12', '31', '32', '46', '65', '81', '82']);

function phoneZone(region: string, departement: string): PhoneZone {
  if (region === '76') return OCCITANIE_WEST.has(departement) ? 5 : 4;
  const zone = ZONE_OF_REGION[region];
  if (!zone) throw new Error(`Zone téléphonique inconnue pour la région ${region}`);
  return zone;
}

let phoneSerial = 11;
function fictionPhone(zone: PhoneZone): string {
  const suffix = String(phoneSerial).padStart(4, '0');
  phoneSerial += rng.int(3, 17);
  return `+33${FICTION_BLOCK[zone]}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// People

const WOMEN =
  'Claire Sophie Camille Nathalie Isabelle Émilie Laure Chloé Hélène Sandrine Julie Céline Aurélie Marion Élodie Fanny Agnès Véronique Pauline Léa Nadia Amandine'.split(
    ' ',
  );
const MEN =
  'Thomas Nicolas Julien Pierre François Olivier Sébastien Mathieu Antoine Guillaume Jérôme Bruno Hervé Philippe Romain Damien Karim Vincent Stéphane Benoît Cédric'.split(
    ' ',
  );
const SURNAMES =
  'Martin, Bernard, Dubois, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, Bertrand, Roux, Fournier, Morel, Girard, Mercier, Dupont, Lambert, Bonnet, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, Henry, Perrin, Morin, Gauthier, Fontaine, Chevalier, Masson, Benali, Nguyen, Haddad, Da Silva'.split(
    ', ',
  );
/** A touch of regional colour: a third of the names come from the region's own stock. */
const REGIONAL_SURNAMES: Record<string, readonly string[]> = {
  '53': ['Le Goff', 'Le Gall', 'Kerhervé', 'Tanguy', 'Le Bihan', 'Guillou', 'Le Floch'],
  '52': ['Bréhier', 'Chauvin', 'Gaudin', 'Raimbault'],
  '44': ['Schmitt', 'Meyer', 'Weber', 'Klein'],
  '76': ['Fabre', 'Vidal', 'Roques', 'Bousquet'],
  '93': ['Arnaud', 'Bonnefoy', 'Giraud', 'Roux'],
  '32': ['Lemaire', 'Dufour', 'Vandamme', 'Delattre'],
  '28': ['Lecoq', 'Lemonnier', 'Hébert', 'Lesueur'],
  '75': ['Lafon', 'Dupuy', 'Labat', 'Castaing'],
};

const usedNames = new Set<string>();
const usedEmails = new Set<string>();

function newPerson(region: string | undefined, female: boolean): { prenom: string; nom: string } {
  for (;;) {
    const regional = region ? REGIONAL_SURNAMES[region] : undefined;
    const nom = regional && rng.chance(0.35) ? rng.pick(regional) : rng.pick(SURNAMES);
    const prenom = rng.pick(female ? WOMEN : MEN);
    const key = `${prenom} ${nom}`;
    if (usedNames.has(key) || usedNames.has(`* ${nom}`)) continue;
    usedNames.add(key);
    usedNames.add(`* ${nom}`);
    return { prenom, nom };
  }
}

function emailFor(prenom: string, nom: string, domain: string): string {
  const first = asciiName(prenom);
  const last = asciiName(nom);
  const forms = [`${first}.${last}`, `${first.charAt(0)}.${last}`, `${first.charAt(0)}${last}`];
  const local = rng.pick(forms);
  const email = `${usedEmails.has(`${local}@${domain}`) ? `${first}.${last}` : local}@${domain}`;
  usedEmails.add(email);
  return email;
}

interface Role {
  readonly f: string;
  readonly m: string;
  readonly elected?: boolean;
}

const TOWN_ELECTED: readonly Role[] = [
  { f: 'Adjointe à l’environnement', m: 'Adjoint à l’environnement', elected: true },
  {
    f: 'Adjointe à la transition écologique',
    m: 'Adjoint à la transition écologique',
    elected: true,
  },
  {
    f: 'Conseillère municipale déléguée à la biodiversité',
    m: 'Conseiller municipal délégué à la biodiversité',
    elected: true,
  },
];
const TOWN_STAFF: readonly Role[] = [
  { f: 'Directrice des espaces verts', m: 'Directeur des espaces verts' },
  { f: 'Responsable du service environnement', m: 'Responsable du service environnement' },
  { f: 'Chargée de mission biodiversité', m: 'Chargé de mission biodiversité' },
  { f: 'Responsable de la commande publique', m: 'Responsable de la commande publique' },
];
const SMALL_TOWN_STAFF: readonly Role[] = [
  { f: 'Directrice des services techniques', m: 'Directeur des services techniques' },
  { f: 'Directrice générale des services', m: 'Directeur général des services' },
];
const EPCI_ROLES: readonly Role[] = [
  {
    f: 'Vice-présidente chargée de l’environnement',
    m: 'Vice-président chargé de l’environnement',
    elected: true,
  },
  {
    f: 'Chargée de mission Plan climat-air-énergie',
    m: 'Chargé de mission Plan climat-air-énergie',
  },
  { f: 'Directrice de la transition écologique', m: 'Directeur de la transition écologique' },
];

function addContact(org: Org, role: Role, region: string | undefined): Contact {
  const female = rng.chance(0.55);
  const { prenom, nom } = newPerson(region, female);
  const contact: Contact = {
    org,
    prenom,
    nom,
    female,
    poste: female ? role.f : role.m,
    elected: role.elected === true,
    fields: {},
  };
  org.contacts.push(contact);
  return contact;
}

// ---------------------------------------------------------------------------------------------
// Organisations

function sizeBand(population: number): string {
  if (population < 10_000) return '5 000 à 10 000 habitants';
  if (population < 20_000) return '10 000 à 20 000 habitants';
  if (population < 50_000) return '20 000 à 50 000 habitants';
  if (population < 100_000) return '50 000 à 100 000 habitants';
  return 'plus de 100 000 habitants';
}

const PUBLIC_NOTE =
  'Collectivité réelle (nom, SIREN, population : Etalab, découpage administratif). ' +
  'Interlocuteurs, budget et échanges sont fictifs : données de démonstration.';

function communeOrg(c: EtalabCommune): Org {
  const population = c.population ?? 0;
  const region = regionName.get(c.region) ?? '';
  const label = population >= 20_000 ? 'Ville' : 'Commune';
  const owner = ['11', '32', '44', '27'].includes(c.region) ? COLLEAGUE : DEMO_USER;
  return {
    kind: 'commune',
    short: c.nom,
    owner,
    mailDomain: `mairie-${slug(c.nom)}.example.org`,
    phoneZone: phoneZone(c.region, c.departement),
    contacts: [],
    fields: {
      nom: `${label} ${ofPlace(c.nom)}`,
      type: 'Commune',
      siren: c.siren,
      taille: sizeBand(population),
      population,
      codePostal: c.codesPostaux?.[0],
      ville: c.nom,
      departement: c.departement,
      region,
      epci: epciOfCommune.get(c.code)?.nom,
      source: rng.pick<Source>(['BOAMP', 'Réseau', 'Site web', 'Événement', 'Recommandation']),
      notes: PUBLIC_NOTE,
      _region: c.region,
    },
  };
}

function epciOrg(epci: EtalabEpci, seat: EtalabCommune): Org {
  const short = epci.nom.replace(/^(CA|CC|CU) (de |d'|du |des )?/, '');
  return {
    kind: 'epci',
    short: epci.nom,
    owner: DEMO_USER,
    mailDomain: `${slug(short)}.example.org`,
    phoneZone: phoneZone(seat.region, seat.departement),
    contacts: [],
    fields: {
      nom: epci.nom,
      type: 'EPCI',
      siren: epci.code,
      taille: sizeBand(epci.populationMunicipale),
      population: epci.populationMunicipale,
      ville: seat.nom,
      codePostal: seat.codesPostaux?.[0],
      departement: seat.departement,
      region: regionName.get(seat.region) ?? '',
      epci: epci.nom,
      source: 'BOAMP',
      notes: PUBLIC_NOTE,
      _region: seat.region,
    },
  };
}

interface CompanySpec {
  key: string;
  nom: string;
  type: 'Entreprise RSE' | 'Entreprise' | 'Prescripteur';
  secteur: string;
  effectif: number;
  /** INSEE code of the (real) town it is placed in. */
  town: string;
  tld: 'com' | 'net';
  certificationRse?: string;
  bcorp: 'Oui' | 'Non' | 'À vérifier';
  iso26000: 'Oui' | 'Non' | 'À vérifier';
  labelLucie: 'Oui' | 'Non' | 'À vérifier';
  csrd: 'Oui' | 'Non' | 'À vérifier';
  csrdPremierExercice?: number;
  engagementsRse?: string;
  engagementsBiodiversite?: string;
  budget?: number;
  source: Source;
  role: Role;
  notes?: string;
}

/**
 * CSRD scope as of the 2026 "Omnibus" directive: only companies over 1,000 staff (and 450 M€
 * turnover) stay in; the "stop-the-clock" moved the second wave to the 2027 financial year.
 */
const COMPANIES: readonly CompanySpec[] = [
  {
    key: 'abers',
    nom: 'Biscuiterie des Abers (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Agroalimentaire',
    effectif: 320,
    town: '29019',
    tld: 'com',
    certificationRse: 'B Corp',
    bcorp: 'Oui',
    iso26000: 'Non',
    labelLucie: 'Non',
    csrd: 'Non',
    engagementsRse:
      'Société à mission ; farine et beurre 100 % bretons ; plan de sobriété énergétique 2030.',
    engagementsBiodiversite:
      'ESRS E4 (démarche volontaire) : 30 % des blés achetés en contrats bas intrants d’ici 2028 ; ' +
      '2 km de haies replantées autour du site.',
    budget: 15_000,
    source: 'Apollo',
    role: { f: 'Responsable RSE', m: 'Responsable RSE' },
  },
  {
    key: 'mutuelle',
    nom: 'Mutuelle Ligérienne (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Assurance et mutuelle',
    effectif: 1450,
    town: '44109',
    tld: 'net',
    certificationRse: 'Label Lucie 26000',
    bcorp: 'Non',
    iso26000: 'À vérifier',
    labelLucie: 'Oui',
    csrd: 'À vérifier',
    engagementsRse:
      'Raison d’être statutaire ; placements 100 % ISR ; mécénat environnemental régional.',
    engagementsBiodiversite:
      'ESRS E4 : politique biodiversité adoptée en 2025 ; zéro pesticide sur les sites ; ' +
      '5 % du mécénat fléché vers les pollinisateurs.',
    budget: 40_000,
    source: 'Apollo',
    role: { f: 'Directrice RSE', m: 'Directeur RSE' },
  },
  {
    key: 'rhodaniens',
    nom: 'Transports Rhodaniens (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Transport et logistique',
    effectif: 2300,
    town: '69259',
    tld: 'com',
    certificationRse: 'Label Lucie 26000',
    bcorp: 'Non',
    iso26000: 'À vérifier',
    labelLucie: 'Oui',
    csrd: 'Oui',
    csrdPremierExercice: 2027,
    engagementsRse: 'Trajectoire SBTi : -40 % d’émissions en 2030 ; flotte GNV et électrique.',
    engagementsBiodiversite:
      'ESRS E4 : cartographie des impacts des 12 plateformes ; 15 ha de délaissés en prairies ' +
      'fleuries d’ici 2027.',
    budget: 25_000,
    source: 'LinkedIn',
    role: { f: 'Responsable RSE', m: 'Responsable RSE' },
  },
  {
    key: 'garrigue',
    nom: 'Cosmétiques Garrigue (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Cosmétique',
    effectif: 180,
    town: '34172',
    tld: 'net',
    certificationRse: 'B Corp',
    bcorp: 'Oui',
    iso26000: 'Non',
    labelLucie: 'Non',
    csrd: 'Non',
    engagementsRse: 'Formules 98 % d’origine naturelle ; flacons rechargeables.',
    engagementsBiodiversite:
      'ESRS E4 (démarche volontaire) : plantes aromatiques de filières bio locales ; ' +
      'partenariat de préservation des garrigues.',
    budget: 12_000,
    source: 'Réseau',
    role: { f: 'Responsable RSE et communication', m: 'Responsable RSE et communication' },
  },
  {
    key: 'banque',
    nom: 'Banque Coopérative du Val (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Banque',
    effectif: 3100,
    town: '37261',
    tld: 'com',
    certificationRse: 'ISO 26000 (évaluation Engagé RSE)',
    bcorp: 'Non',
    iso26000: 'Oui',
    labelLucie: 'Non',
    csrd: 'Oui',
    csrdPremierExercice: 2024,
    engagementsRse: 'Sortie du financement du charbon ; 1 % du résultat en mécénat local.',
    engagementsBiodiversite:
      'ESRS E4 : évaluation des dépendances du portefeuille agricole à la biodiversité ; ' +
      'ruches sur les sites régionaux d’ici 2027.',
    budget: 60_000,
    source: 'Apollo',
    role: { f: 'Responsable mécénat et RSE', m: 'Responsable mécénat et RSE' },
  },
  {
    key: 'imprimerie',
    nom: 'Imprimerie Exemple (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Imprimerie',
    effectif: 45,
    town: '69266',
    tld: 'net',
    certificationRse: 'Engagé RSE (AFNOR)',
    bcorp: 'Non',
    iso26000: 'Oui',
    labelLucie: 'Non',
    csrd: 'Non',
    engagementsRse: 'Imprim’Vert ; encres végétales ; papiers PEFC et FSC.',
    engagementsBiodiversite: 'Fauche tardive et mare pédagogique sur le terrain du site.',
    budget: 3_000,
    source: 'LinkedIn',
    role: { f: 'Directrice générale', m: 'Directeur général' },
  },
  {
    key: 'hotels',
    nom: 'Hôtels Atlantique (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Hôtellerie',
    effectif: 620,
    town: '17300',
    tld: 'com',
    certificationRse: 'Label Lucie 26000',
    bcorp: 'À vérifier',
    iso26000: 'Non',
    labelLucie: 'Oui',
    csrd: 'Non',
    engagementsRse: 'Clef Verte sur les 6 hôtels ; cartes de saison en circuit court.',
    engagementsBiodiversite:
      'ESRS E4 (démarche volontaire) : un jardin mellifère par hôtel ; zéro phytosanitaire.',
    budget: 20_000,
    source: 'Recommandation',
    role: { f: 'Directrice développement durable', m: 'Directeur développement durable' },
  },
  {
    key: 'energies',
    nom: 'Énergies Citoyennes du Nord (fictif)',
    type: 'Entreprise RSE',
    secteur: 'Énergies renouvelables',
    effectif: 95,
    town: '59350',
    tld: 'net',
    certificationRse: 'B Corp (en cours)',
    bcorp: 'À vérifier',
    iso26000: 'Non',
    labelLucie: 'Non',
    csrd: 'Non',
    engagementsRse: 'SCIC ; électricité 100 % renouvelable produite dans la région.',
    engagementsBiodiversite: 'Suivi faune-flore des parcs solaires ; pâturage ovin sous panneaux.',
    budget: 6_000,
    source: 'LinkedIn',
    role: { f: 'Chargée de mission RSE', m: 'Chargé de mission RSE' },
  },
  {
    key: 'seine',
    nom: 'Promotion Immobilière Seine (fictif)',
    type: 'Entreprise',
    secteur: 'Promotion immobilière',
    effectif: 850,
    town: '75056',
    tld: 'com',
    bcorp: 'Non',
    iso26000: 'Non',
    labelLucie: 'Non',
    csrd: 'À vérifier',
    engagementsRse: 'Label biodiversité visé sur deux programmes neufs.',
    source: 'Apollo',
    role: { f: 'Responsable développement durable', m: 'Responsable développement durable' },
  },
  {
    key: 'horizon',
    nom: 'Conseil Horizon RSE (fictif)',
    type: 'Prescripteur',
    secteur: 'Conseil en RSE',
    effectif: 25,
    town: '33063',
    tld: 'net',
    certificationRse: 'B Corp',
    bcorp: 'Oui',
    iso26000: 'Non',
    labelLucie: 'Non',
    csrd: 'Non',
    source: 'Réseau',
    role: { f: 'Associée fondatrice', m: 'Associé fondateur' },
    notes: 'Cabinet prescripteur : recommande UTPLA aux entreprises qu’il accompagne.',
  },
];

function companyOrg(spec: CompanySpec): Org {
  const town = communeByCode(spec.town);
  const host = `${slug(spec.nom)}.example.${spec.tld}`;
  const sources = `https://www.example.org/fictif/${slug(spec.nom)}`;
  const taille = spec.effectif < 250 ? 'PME' : spec.effectif < 5000 ? 'ETI' : 'Grande entreprise';
  return {
    kind: 'company',
    short: spec.nom.replace(/ \(fictif\)$/, ''),
    owner: ['32', '11'].includes(town.region) ? COLLEAGUE : DEMO_USER,
    mailDomain: host,
    phoneZone: phoneZone(town.region, town.departement),
    contacts: [],
    fields: {
      nom: spec.nom,
      type: spec.type,
      secteur: spec.secteur,
      taille,
      effectif: spec.effectif,
      codePostal: town.codesPostaux?.[0],
      ville: town.nom,
      departement: town.departement,
      region: regionName.get(town.region) ?? '',
      siteWeb: `https://www.${host}`,
      domaine: host,
      certificationRse: spec.certificationRse,
      bcorp: spec.bcorp,
      iso26000: spec.iso26000,
      labelLucie: spec.labelLucie,
      sourceCertification: spec.certificationRse ? `${sources}/certification` : undefined,
      csrd: spec.csrd,
      csrdPremierExercice: spec.csrdPremierExercice,
      sourceCsrd: spec.csrd === 'Oui' ? `${sources}/rapport-durabilite-2025` : undefined,
      engagementsRse: spec.engagementsRse,
      engagementsBiodiversite: spec.engagementsBiodiversite,
      sourceEngagements: spec.engagementsBiodiversite
        ? `${sources}/engagements-biodiversite-esrs-e4`
        : undefined,
      budgetBiodiversite: spec.budget,
      source: spec.source,
      notes: [
        'Entreprise fictive : données de démonstration (aucun SIREN, liens sur example.org).',
        spec.notes,
      ]
        .filter(Boolean)
        .join(' '),
      _key: spec.key,
      _region: town.region,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Build

const selected = selectCommunes();
const townOrgs = selected.map(communeOrg);
const epciOrgs = EPCI_REGIONS.map((region) => {
  const seat = selected.find((c) => c.region === region);
  const epci = seat ? epciOfCommune.get(seat.code) : undefined;
  if (!seat || !epci) throw new Error(`Pas d’EPCI pour la région ${region}`);
  return epciOrg(epci, seat);
});
const companyOrgs = COMPANIES.map(companyOrg);
const orgs: Org[] = [...townOrgs, ...epciOrgs, ...companyOrgs];

/**
 * The `rank`-th commune selected in a region (0: the largest). The stories below refer to towns
 * this way rather than by name, so that a new edition of the Etalab data, which may change the
 * selection, gives other towns the same stories instead of breaking the generator.
 */
function town(region: string, rank: number): Org {
  const org = townOrgs.filter((o) => o.fields._region === region)[rank];
  if (!org) throw new Error(`Pas de commune n° ${rank} dans la région ${region}`);
  return org;
}

function epciAt(index: number): Org {
  const org = epciOrgs[index];
  if (!org) throw new Error(`Pas d’EPCI n° ${index}`);
  return org;
}

function company(key: string): Org {
  const org = companyOrgs.find((o) => o.fields._key === key);
  if (!org) throw new Error(`Entreprise ${key} inconnue`);
  return org;
}

// Contacts: one per commune (an elected member in larger towns half the time, otherwise a
// department head), a second in the towns where a deal went far, one per EPCI and company.
for (const org of townOrgs) {
  const population = Number(org.fields.population);
  const region = String(org.fields._region);
  const pool =
    population < 10_000
      ? [...SMALL_TOWN_STAFF, ...TOWN_STAFF.slice(0, 2)]
      : rng.chance(0.45)
        ? TOWN_ELECTED
        : TOWN_STAFF;
  addContact(org, rng.pick(pool), region);
}
for (const org of epciOrgs) addContact(org, rng.pick(EPCI_ROLES), String(org.fields._region));
for (const [index, org] of companyOrgs.entries()) {
  const spec = COMPANIES[index];
  if (spec) addContact(org, spec.role, String(org.fields._region));
}

// The deals. Titles name the real town; offers, amounts and stories are invented.
function opp(
  org: Org,
  offre: Offer,
  detail: string,
  path: Stage[],
  source: Source,
  lastEntryAgo: [number, number],
  extra: { montant?: number; raisonPerte?: string; contact?: Contact } = {},
): Opportunity {
  const contact = extra.contact ?? org.contacts[0];
  if (!contact) throw new Error(`${org.short} n’a pas de contact`);
  return {
    org,
    contact,
    offre,
    detail,
    path,
    source,
    lastEntryAgo,
    entries: [],
    ...(extra.montant !== undefined ? { montant: extra.montant } : {}),
    ...(extra.raisonPerte !== undefined ? { raisonPerte: extra.raisonPerte } : {}),
  };
}

const FULL: Stage[] = [
  'Lead',
  'Qualifié',
  'Contacté',
  'En discussion',
  'Proposition envoyée',
  'Négociation',
  'Gagné',
];
const upTo = (stage: Stage): Stage[] => FULL.slice(0, FULL.indexOf(stage) + 1);

// Second contacts where the story needs two people (an elected member and a technician).
const negotiationTown = town('76', 0);
const tenderTown = town('53', 0);
const negotiationTech = addContact(negotiationTown, TOWN_STAFF[0] ?? { f: '', m: '' }, '76');
const networkElected = addContact(tenderTown, TOWN_ELECTED[0] ?? { f: '', m: '' }, '53');

const opps: Opportunity[] = [
  opp(
    town('52', 1),
    'Ateliers biodiversité',
    'ateliers dans les écoles',
    upTo('Lead'),
    'Site web',
    [2, 6],
  ),
  opp(
    company('seine'),
    'Ruches sur site',
    'ruches sur deux résidences neuves',
    upTo('Lead'),
    'Apollo',
    [8, 15],
  ),
  opp(
    town('93', 0),
    'Programme biodiversité',
    'programme pollinisateurs',
    upTo('Lead'),
    'Événement',
    [3, 6],
  ),
  opp(
    epciAt(2),
    'Programme biodiversité',
    'plan pollinisateurs intercommunal',
    upTo('Lead'),
    'BOAMP',
    [3, 10],
    { montant: 42_000 },
  ),
  opp(
    epciAt(0),
    'Programme biodiversité',
    'atlas de la biodiversité et ruchers pédagogiques',
    upTo('Qualifié'),
    'BOAMP',
    [4, 12],
    { montant: 45_000 },
  ),
  opp(
    company('mutuelle'),
    'Parrainage de ruches',
    'parrainage de 20 ruches',
    upTo('Qualifié'),
    'Apollo',
    [5, 14],
    { montant: 24_000 },
  ),
  opp(
    town('32', 0),
    'Ruches sur site',
    'ruches sur le toit de l’hôtel de ville',
    upTo('Qualifié'),
    'Réseau',
    [10, 20],
    { montant: 9_600 },
  ),
  opp(
    company('rhodaniens'),
    'Ruches sur site',
    'ruches sur trois plateformes logistiques',
    upTo('Contacté'),
    'LinkedIn',
    [9, 13],
    { montant: 18_600 },
  ),
  opp(
    town('84', 0),
    'Ateliers biodiversité',
    'ateliers périscolaires',
    upTo('Contacté'),
    'BOAMP',
    [3, 6],
    { montant: 14_400 },
  ),
  opp(
    town('75', 0),
    'Programme biodiversité',
    'programme biodiversité des parcs',
    upTo('Contacté'),
    'Recommandation',
    [1, 4],
    { montant: 32_000 },
  ),
  opp(
    tenderTown,
    'Ateliers biodiversité',
    'ateliers biodiversité dans les écoles',
    upTo('En discussion'),
    'BOAMP',
    [2, 8],
    { montant: 18_500 },
  ),
  opp(
    company('garrigue'),
    'Miel personnalisé',
    'miel personnalisé pour les cadeaux clients',
    upTo('En discussion'),
    'Réseau',
    [4, 10],
    { montant: 7_800 },
  ),
  opp(
    town('24', 0),
    'Ruches sur site',
    'rucher au parc municipal',
    upTo('En discussion'),
    'Site web',
    [12, 20],
    { montant: 11_200 },
  ),
  opp(
    epciAt(1),
    'Programme biodiversité',
    'programme biodiversité du littoral',
    upTo('Proposition envoyée'),
    'BOAMP',
    [8, 12],
    { montant: 38_000 },
  ),
  opp(
    company('banque'),
    'Parrainage de ruches',
    'parrainage de 30 ruches pour les agences',
    upTo('Proposition envoyée'),
    'Apollo',
    [3, 7],
    { montant: 36_000 },
  ),
  opp(
    negotiationTown,
    'Ruches sur site',
    'ruches et ateliers au jardin botanique',
    upTo('Négociation'),
    'Réseau',
    [3, 9],
    { montant: 21_500, contact: negotiationTech },
  ),
  opp(
    company('hotels'),
    'Ruches sur site',
    'ruches dans les jardins des six hôtels',
    upTo('Négociation'),
    'Recommandation',
    [5, 11],
    { montant: 27_000 },
  ),
  opp(
    company('abers'),
    'Parrainage de ruches',
    'parrainage de 10 ruches',
    FULL,
    'Apollo',
    [40, 60],
    {
      montant: 9_000,
    },
  ),
  opp(
    town('28', 0),
    'Ateliers biodiversité',
    'ateliers biodiversité 2027',
    ['Lead', 'Qualifié', 'Contacté', 'En discussion', 'Proposition envoyée', 'Gagné'],
    'BOAMP',
    [6, 10],
    { montant: 16_800 },
  ),
  opp(
    town('11', 1),
    'Ruches sur site',
    'ruches sur les toits des écoles',
    ['Lead', 'Qualifié', 'Contacté', 'Proposition envoyée', 'Perdu'],
    'BOAMP',
    [15, 25],
    {
      montant: 13_500,
      raisonPerte: 'Marché attribué à un concurrent moins-disant (critère prix à 60 %).',
    },
  ),
  opp(
    company('energies'),
    'Miel personnalisé',
    'miel personnalisé pour l’assemblée des sociétaires',
    ['Lead', 'Qualifié', 'Contacté', 'En discussion', 'Perdu'],
    'LinkedIn',
    [20, 30],
    { montant: 5_200, raisonPerte: 'Budget RSE de l’année réaffecté : projet reporté sine die.' },
  ),
];

/** Days between entering a stage and the next one, by the stage left. */
const GAP: Record<Stage, [number, number]> = {
  Lead: [2, 9],
  Qualifié: [1, 6],
  Contacté: [4, 12],
  'En discussion': [6, 16],
  'Proposition envoyée': [7, 18],
  Négociation: [5, 14],
  Gagné: [0, 0],
  Perdu: [0, 0],
};

for (const o of opps) {
  // Walked backwards from the last entry so that nothing lands on or after ANCHOR.
  let day = workdayBefore(-rng.int(o.lastEntryAgo[0], o.lastEntryAgo[1]));
  const entries: Array<{ stage: Stage; at: Stamp }> = [];
  for (let i = o.path.length - 1; i >= 0; i--) {
    const stage = o.path[i] as Stage;
    entries.unshift({ stage, at: { day, minute: officeMinute(9 * 60 + 30) } });
    const previous = o.path[i - 1];
    if (previous) day = workdayBefore(day - rng.int(...GAP[previous]));
  }
  o.entries = entries;
}

// ---------------------------------------------------------------------------------------------
// Interactions: each stage entry has the exchange that justifies it, just before it.

const interactions: Interaction[] = [];

function before(s: Stamp, minMinutes: number, maxMinutes: number): Stamp {
  const t = later(s, -rng.int(minMinutes / 5, maxMinutes / 5) * 5);
  // Out of office hours: the end of the previous working day instead.
  if (t.day !== s.day || t.minute < 8 * 60 + 15) {
    return { day: workdayBefore(s.day - 1), minute: officeMinute(15 * 60, 17 * 60 + 30) };
  }
  return t;
}

function add(i: Interaction): Interaction {
  interactions.push(i);
  return i;
}

function offerText(o: Opportunity): string {
  return `${o.offre.toLowerCase()} (${o.detail})`;
}

function title(o: Opportunity): string {
  return `${o.org.short} — ${o.detail}`;
}

function docUrl(o: Opportunity): string {
  return `https://docs.example.org/propositions/${slug(title(o))}.pdf`;
}

/** The Salon des maires et des collectivités locales, held in Paris in late November. */
const salonDay = workdayBefore(-rng.int(8, 10));

for (const o of opps) {
  const c = o.contact;
  const boamp = o.source === 'BOAMP';
  for (const [index, entry] of o.entries.entries()) {
    const at = entry.at;
    switch (entry.stage) {
      case 'Lead':
        if (o.source === 'Site web')
          add({
            contact: c,
            opp: o,
            type: 'Email reçu',
            direction: 'Entrant',
            at: before(at, 20, 90),
            objet: 'Demande d’information via le formulaire du site',
            resume: `Demande de renseignements sur l’offre ${offerText(o)}.`,
            prochaineAction: 'Qualifier le besoin et le budget',
          });
        else if (o.source === 'Événement')
          add({
            contact: c,
            opp: o,
            type: 'Événement',
            direction: 'Entrant',
            at: { day: salonDay, minute: officeMinute(10 * 60, 17 * 60) },
            objet: 'Salon des maires et des collectivités locales',
            resume: 'Passage sur le stand ; intérêt pour un programme pollinisateurs en 2027.',
            prochaineAction: 'Envoyer la plaquette collectivités',
          });
        break;
      case 'Qualifié':
        if (rng.chance(0.4))
          add({
            contact: c,
            opp: o,
            type: 'Note',
            at: later(at, -10),
            objet: 'Qualification',
            resume:
              o.org.kind === 'company'
                ? 'Budget RSE confirmé pour l’exercice ; la décision se prend en comité RSE.'
                : `Budget voté au budget primitif ; décision en bureau ${o.org.kind === 'epci' ? 'communautaire' : 'municipal'}.`,
          });
        break;
      case 'Contacté': {
        // The pipeline's rule: an outbound interaction before the move to Contacté. Companies
        // are reached by email sequences; town halls as often by phone.
        const first = o.org.kind === 'company' || rng.chance(0.6) ? 'Email envoyé' : 'Appel';
        add({
          contact: c,
          opp: o,
          type: first,
          direction: 'Sortant',
          at: before(at, 10, 60),
          objet:
            first === 'Appel'
              ? 'Premier appel de présentation'
              : `Un Toit Pour Les Abeilles — ${o.offre.toLowerCase()} pour ${o.org.short}`,
          resume:
            first === 'Appel'
              ? `Présentation d’UTPLA et de l’offre ${offerText(o)} ; accord pour recevoir une documentation.`
              : `Premier email : présentation de l’offre ${offerText(o)} et références de clients comparables.`,
          prochaineAction: 'Relancer sans réponse sous 7 jours',
        });
        break;
      }
      case 'En discussion':
        add({
          contact: c,
          opp: o,
          type: 'Email reçu',
          direction: 'Entrant',
          at: before(at, 60, 180),
          objet: 'RE : proposition de rendez-vous',
          resume:
            'Réponse positive : souhaite un échange pour préciser le besoin et le calendrier.',
        });
        break;
      case 'Proposition envoyée':
        add({
          contact: c,
          opp: o,
          type: boamp ? 'Réponse AO' : 'Email envoyé',
          direction: 'Sortant',
          at: before(at, 5, 30),
          objet: boamp ? `Dépôt de l’offre — ${title(o)}` : `Proposition — ${title(o)}`,
          resume: boamp
            ? `Offre déposée sur le profil d’acheteur : mémoire technique, bordereau de prix (${euros(o.montant ?? 0)} HT).`
            : `Proposition de ${euros(o.montant ?? 0)} HT envoyée, valable 3 mois.`,
          document: docUrl(o),
          prochaineAction: 'Relancer sur la proposition',
        });
        break;
      case 'Négociation':
        add({
          contact: c,
          opp: o,
          type: 'Appel',
          direction: 'Entrant',
          at: before(at, 15, 90),
          objet: 'Retour sur la proposition',
          resume:
            'Accord sur le principe ; demande une remise de 8 % et un paiement en deux exercices.',
          prochaineAction: 'Envoyer une proposition révisée',
        });
        break;
      case 'Gagné':
        add({
          contact: c,
          opp: o,
          type: 'Email reçu',
          direction: 'Entrant',
          at: before(at, 10, 120),
          objet: boamp ? 'Notification d’attribution du marché' : 'Bon de commande signé',
          resume: boamp
            ? 'Offre retenue ; acte d’engagement à signer, démarrage au printemps.'
            : 'Bon de commande signé ; lancement prévu au printemps.',
          prochaineAction: 'Organiser la réunion de lancement',
        });
        break;
      case 'Perdu':
        add({
          contact: c,
          opp: o,
          type: boamp ? 'Email reçu' : 'Appel',
          direction: 'Entrant',
          at: before(at, 10, 120),
          objet: boamp ? 'Lettre de rejet de l’offre' : 'Projet abandonné',
          resume: o.raisonPerte ?? '',
        });
        break;
    }
    const next = o.entries[index + 1];
    const meeting = {
      day: workdayAfter(at.day + rng.int(2, 5)),
      minute: officeMinute(9 * 60, 16 * 60),
    };
    if (
      entry.stage === 'En discussion' &&
      meeting.day < 0 &&
      (!next || meeting.day < next.at.day) &&
      rng.chance(0.5)
    ) {
      add({
        contact: c,
        opp: o,
        type: rng.chance(0.5) ? 'Réunion' : 'Appel',
        direction: 'Sortant',
        at: meeting,
        objet: 'Rendez-vous de découverte',
        resume:
          o.org.kind === 'company'
            ? 'Besoins : implication des salariés, communication interne, nombre de sites.'
            : 'Besoins : sites possibles, publics (écoles, habitants), calendrier du printemps.',
        prochaineAction: 'Préparer la proposition',
      });
    }
    // A reminder that brought an answer, on some of the slow steps.
    if (
      next &&
      entry.stage === 'Proposition envoyée' &&
      next.at.day - at.day > 10 &&
      rng.chance(0.6)
    ) {
      add({
        contact: c,
        opp: o,
        type: 'Email envoyé',
        direction: 'Sortant',
        at: { day: workdayAfter(at.day + 7), minute: officeMinute() },
        objet: `Relance — ${title(o)}`,
        resume: 'Relance sur la proposition envoyée ; propose un point téléphonique.',
      });
    }
  }
}

// One deal came through a recommendation by an elected member of another town (a network
// contact), and the hotels through the consultancy: the tip-offs are in the history too.
const recommended = oppOf((o) => o.org === town('75', 0));
const hotels = oppOf((o) => o.org.fields._key === 'hotels');
const horizonContact = company('horizon').contacts[0];
if (horizonContact) {
  const lead = hotels.entries[0]?.at ?? { day: -30, minute: 600 };
  add({
    contact: horizonContact,
    opp: hotels,
    type: 'Appel',
    direction: 'Entrant',
    at: before(lead, 60, 180),
    objet: 'Recommandation d’un client',
    resume: 'Le cabinet recommande UTPLA à Hôtels Atlantique, qui cherche un projet biodiversité.',
  });
}
{
  const lead = recommended.entries[0]?.at ?? { day: -30, minute: 600 };
  add({
    contact: networkElected,
    type: 'Appel',
    direction: 'Entrant',
    at: before(lead, 60, 300),
    objet: 'Recommandation',
    resume: `Conseille de contacter la mairie ${ofPlace(recommended.org.short)}, qui prépare un programme biodiversité.`,
  });
}

// Prospection outside the deals: the November Salon des maires, and cold emails.
for (const org of [town('11', 0), town('27', 0), town('44', 0)]) {
  const c = org.contacts[0];
  if (c)
    add({
      contact: c,
      type: 'Événement',
      direction: 'Entrant',
      at: { day: salonDay, minute: officeMinute(10 * 60, 17 * 60) },
      objet: 'Salon des maires et des collectivités locales',
      resume: 'Échange sur le stand : intérêt pour des ateliers dans les écoles.',
      prochaineAction: 'Envoyer la plaquette collectivités',
    });
}
const coldEmails: Interaction[] = [];
for (const org of [town('53', 1), town('28', 1), town('76', 2)]) {
  const c = org.contacts[0];
  if (c)
    coldEmails.push(
      add({
        contact: c,
        type: 'Email envoyé',
        direction: 'Sortant',
        at: { day: workdayBefore(-rng.int(9, 16)), minute: officeMinute() },
        objet: `Des ruches et des ateliers biodiversité pour ${org.short}`,
        resume: 'Email de présentation (séquence collectivités) : offres et références.',
        prochaineAction: 'Relancer sans réponse sous 7 jours',
      }),
    );
}
const imprimerie = company('imprimerie').contacts[0];
if (imprimerie) {
  const sent = add({
    contact: imprimerie,
    type: 'Email envoyé',
    direction: 'Sortant',
    at: { day: workdayBefore(-rng.int(30, 40)), minute: officeMinute() },
    objet: 'Parrainer des ruches avec vos salariés',
    resume: 'Email de présentation (séquence entreprises RSE).',
  });
  add({
    contact: imprimerie,
    type: 'Email reçu',
    direction: 'Entrant',
    at: { day: workdayAfter(sent.at.day + 3), minute: officeMinute() },
    objet: 'RE : Parrainer des ruches avec vos salariés',
    resume: 'Pas de budget cette année ; à recontacter au printemps pour 2027.',
    prochaineAction: 'Recontacter au printemps',
  });
}
// A contact who asked not to be contacted again: the CRM must leave them alone (RGPD).
const optOutContact = town('93', 1).contacts[0];
let optOutDay: Day | undefined;
if (optOutContact) {
  const sent = add({
    contact: optOutContact,
    type: 'Email envoyé',
    direction: 'Sortant',
    at: { day: workdayBefore(-rng.int(40, 50)), minute: officeMinute() },
    objet: `Des ruches et des ateliers biodiversité pour ${town('93', 1).short}`,
    resume: 'Email de présentation (séquence collectivités).',
  });
  const reply = add({
    contact: optOutContact,
    type: 'Email reçu',
    direction: 'Entrant',
    at: { day: workdayAfter(sent.at.day + 2), minute: officeMinute() },
    objet: 'RE : Des ruches et des ateliers biodiversité',
    resume: 'Demande à ne plus être sollicité(e) : opposition enregistrée.',
  });
  optOutDay = reply.at.day;
}

// ---------------------------------------------------------------------------------------------
// Tasks: a few due today, some late, some ahead, and done ones.

function oppOf(predicate: (o: Opportunity) => boolean): Opportunity {
  const found = opps.find(predicate);
  if (!found) throw new Error('Opportunité introuvable');
  return found;
}

function entryOf(o: Opportunity, stage: Stage): Stamp {
  const entry = o.entries.find((e) => e.stage === stage);
  if (!entry) throw new Error(`${title(o)} n’est pas passée par ${stage}`);
  return entry.at;
}

function lastOutbound(o: Opportunity): Interaction | undefined {
  return interactions
    .filter((i) => i.opp === o && i.direction === 'Sortant')
    .sort((a, b) => compareStamps(b.at, a.at))[0];
}

function who(c: Contact): string {
  return `${c.prenom} ${c.nom}`;
}

const tasks: Task[] = [];
function task(t: Omit<Task, 'createdAt'> & { createdAt?: Stamp }): void {
  tasks.push({
    ...t,
    createdAt: t.createdAt ?? {
      day: workdayBefore(Math.min(t.echeance, 0) - rng.int(2, 6)),
      minute: officeMinute(),
    },
  });
}

const banqueOpp = oppOf((o) => o.org.fields._key === 'banque');
const sablesOpp = oppOf((o) => o.org === epciAt(1));
const rhodaniensOpp = oppOf((o) => o.org.fields._key === 'rhodaniens');
const garrigueOpp = oppOf((o) => o.org.fields._key === 'garrigue');
const wonTenderOpp = oppOf((o) => o.org === town('28', 0));
const tenderContactedOpp = oppOf((o) => o.org === town('84', 0));
const epciQualifiedOpp = oppOf((o) => o.org === epciAt(0));
const seineOpp = oppOf((o) => o.org.fields._key === 'seine');
const negotiationOpp = oppOf((o) => o.org === negotiationTown);
const mutuelleOpp = oppOf((o) => o.org.fields._key === 'mutuelle');
const rooftopOpp = oppOf((o) => o.org === town('32', 0));
const tenderOpp = oppOf((o) => o.org === tenderTown);
const abersOpp = oppOf((o) => o.org.fields._key === 'abers');

const sentToRhodaniens = lastOutbound(rhodaniensOpp);
// Due today.
task({
  titre: `Relancer ${who(sablesOpp.contact)} sur la proposition (${sablesOpp.org.short})`,
  echeance: 0,
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: sablesOpp.contact,
  opp: sablesOpp,
});
task({
  titre: `Relance sans réponse : ${who(rhodaniensOpp.contact)} (${rhodaniensOpp.org.short})`,
  echeance: 0,
  statut: 'À faire',
  priorite: 'Normale',
  origine: 'Automatique',
  regle: 'Relance sans réponse (7 jours)',
  contact: rhodaniensOpp.contact,
  opp: rhodaniensOpp,
  // The follow-up rule runs at 7:00 the first working day 7 days after the unanswered email.
  createdAt: {
    day: Math.min(workdayAfter((sentToRhodaniens?.at.day ?? -8) + 7), -1),
    minute: 7 * 60,
  },
  notes: 'Préparée par la règle de relance ; brouillon Gmail à relire avant envoi.',
});
task({
  titre: `Préparer le devis miel personnalisé pour ${garrigueOpp.org.short}`,
  echeance: 0,
  statut: 'À faire',
  priorite: 'Normale',
  origine: 'Manuelle',
  contact: garrigueOpp.contact,
  opp: garrigueOpp,
});
task({
  titre: `Caler la réunion de lancement avec ${who(wonTenderOpp.contact)}`,
  echeance: 0,
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: wonTenderOpp.contact,
  opp: wonTenderOpp,
  createdAt: later(entryOf(wonTenderOpp, 'Gagné'), 20),
});
// Late.
task({
  titre: `Envoyer la plaquette ateliers à ${who(tenderContactedOpp.contact)}`,
  echeance: workdayBefore(-3),
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: tenderContactedOpp.contact,
  opp: tenderContactedOpp,
  createdAt: later(entryOf(tenderContactedOpp, 'Contacté'), 15),
});
const unansweredEmail = coldEmails[0];
if (unansweredEmail)
  task({
    titre: `Relance sans réponse : ${who(unansweredEmail.contact)} (${unansweredEmail.contact.org.short})`,
    echeance: workdayAfter(unansweredEmail.at.day + 7),
    statut: 'À faire',
    priorite: 'Normale',
    origine: 'Automatique',
    regle: 'Relance sans réponse (7 jours)',
    contact: unansweredEmail.contact,
    createdAt: { day: workdayAfter(unansweredEmail.at.day + 7), minute: 7 * 60 },
    notes: 'Préparée par la règle de relance ; brouillon Gmail à relire avant envoi.',
  });
task({
  titre: `Confirmer le calendrier du marché avec ${who(epciQualifiedOpp.contact)}`,
  echeance: workdayBefore(-2),
  statut: 'À faire',
  priorite: 'Normale',
  origine: 'Manuelle',
  contact: epciQualifiedOpp.contact,
  opp: epciQualifiedOpp,
});
task({
  titre: `Vérifier si ${seineOpp.org.short} entre dans le périmètre CSRD`,
  echeance: workdayBefore(-1),
  statut: 'À faire',
  priorite: 'Basse',
  origine: 'Manuelle',
  contact: seineOpp.contact,
  opp: seineOpp,
});
// Ahead.
task({
  titre: `Négociation avec ${who(negotiationOpp.contact)} : nombre de ruches et calendrier`,
  echeance: workdayAfter(2),
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: negotiationOpp.contact,
  opp: negotiationOpp,
});

task({
  titre: `Envoyer la proposition révisée à ${who(hotels.contact)}`,
  echeance: workdayAfter(4),
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: hotels.contact,
  opp: hotels,
});
task({
  titre: `Premier email de présentation à ${who(mutuelleOpp.contact)}`,
  echeance: workdayAfter(7),
  statut: 'À faire',
  priorite: 'Normale',
  origine: 'Manuelle',
  contact: mutuelleOpp.contact,
  opp: mutuelleOpp,
});
task({
  titre: `Appeler ${who(rooftopOpp.contact)} pour présenter les ruches sur site`,
  echeance: workdayAfter(3),
  statut: 'À faire',
  priorite: 'Normale',
  origine: 'Manuelle',
  contact: rooftopOpp.contact,
  opp: rooftopOpp,
});
task({
  titre: 'Rédiger le mémoire technique de la réponse à l’appel d’offres',
  echeance: workdayAfter(14),
  statut: 'À faire',
  priorite: 'Haute',
  origine: 'Manuelle',
  contact: tenderOpp.contact,
  opp: tenderOpp,
});
task({
  titre: `Point annuel avec ${who(abersOpp.contact)} : visite des ruches parrainées`,
  echeance: workdayAfter(21),
  statut: 'À faire',
  priorite: 'Basse',
  origine: 'Manuelle',
  contact: abersOpp.contact,
  opp: abersOpp,
});
// Done.
function done(t: Omit<Task, 'statut' | 'createdAt' | 'faiteLe'>, doneAt: Stamp): void {
  task({
    ...t,
    statut: 'Fait',
    faiteLe: doneAt,
    createdAt: { day: workdayBefore(t.echeance - rng.int(2, 5)), minute: officeMinute() },
  });
}
const recommendedQualified = entryOf(recommended, 'Qualifié');
done(
  {
    titre: `Qualifier le besoin de ${recommended.org.short} (budget, calendrier)`,
    echeance: recommendedQualified.day,
    priorite: 'Normale',
    origine: 'Manuelle',
    contact: recommended.contact,
    opp: recommended,
  },
  later(recommendedQualified, -20),
);
const sablesProposal = entryOf(sablesOpp, 'Proposition envoyée');
done(
  {
    titre: `Envoyer la proposition à ${who(sablesOpp.contact)}`,
    echeance: sablesProposal.day,
    priorite: 'Haute',
    origine: 'Manuelle',
    contact: sablesOpp.contact,
    opp: sablesOpp,
  },
  later(sablesProposal, 2),
);
const banqueProposal = entryOf(banqueOpp, 'Proposition envoyée');
done(
  {
    titre: `Chiffrer le parrainage de 30 ruches pour ${banqueOpp.org.short}`,
    echeance: banqueProposal.day,
    priorite: 'Normale',
    origine: 'Manuelle',
    contact: banqueOpp.contact,
    opp: banqueOpp,
  },
  later(banqueProposal, -45),
);
const abersWon = entryOf(abersOpp, 'Gagné');
done(
  {
    titre: `Envoyer le kit d’accueil des parrains à ${who(abersOpp.contact)}`,
    echeance: workdayAfter(abersWon.day + 3),
    priorite: 'Normale',
    origine: 'Manuelle',
    contact: abersOpp.contact,
    opp: abersOpp,
  },
  { day: workdayAfter(abersWon.day + 2), minute: officeMinute() },
);
const salonContact = town('11', 0).contacts[0];
if (salonContact)
  done(
    {
      titre: 'Saisir les contacts rencontrés au Salon des maires',
      echeance: workdayAfter(salonDay + 1),
      priorite: 'Normale',
      origine: 'Manuelle',
      contact: salonContact,
    },
    { day: workdayAfter(salonDay + 1), minute: officeMinute() },
  );
const lostTenderOpp = oppOf((o) => o.org === town('11', 1));
const lostTenderOffer = entryOf(lostTenderOpp, 'Proposition envoyée');
done(
  {
    titre: 'Déposer l’offre sur le profil d’acheteur',
    echeance: lostTenderOffer.day,
    priorite: 'Haute',
    origine: 'Manuelle',
    contact: lostTenderOpp.contact,
    opp: lostTenderOpp,
  },
  later(lostTenderOffer, -3),
);
const negotiationEntry = entryOf(negotiationOpp, 'Négociation');
done(
  {
    titre: `Mettre à jour le montant après l’appel de ${who(negotiationOpp.contact)}`,
    echeance: negotiationEntry.day,
    priorite: 'Basse',
    origine: 'Manuelle',
    contact: negotiationOpp.contact,
    opp: negotiationOpp,
  },
  later(negotiationEntry, 30),
);

// ---------------------------------------------------------------------------------------------
// Derived fields: scores, temperatures, statuses, stamps.

const oppsOf = (org: Org) => opps.filter((o) => o.org === org);
const interactionsOf = (c: Contact) => interactions.filter((i) => i.contact === c);

function temperature(items: readonly Interaction[]): string {
  if (items.length === 0) return 'Froid';
  const last = maxStamp(items.map((i) => i.at));
  const inbound = items.some((i) => i.direction === 'Entrant' && i.at.day >= -14);
  if (last.day < -30) return 'Inactif';
  return last.day >= -14 && inbound ? 'Chaud' : 'Tiède';
}

for (const org of orgs) {
  const deals = oppsOf(org);
  const qualified = deals.some((o) => o.path.includes('Qualifié'));
  const f = org.fields;
  // Qualified deals passed the pipeline's gate: ICP ≥ 70 and a confirmed budget.
  const score = qualified
    ? rng.int(72, 95)
    : f.type === 'Entreprise'
      ? rng.int(38, 58)
      : deals.length > 0
        ? rng.int(48, 84)
        : org.kind === 'company'
          ? rng.int(35, 72)
          : rng.int(22, 74);
  f.scoreIcp = score;
  const firstSource = deals[0]?.source;
  if (org.kind !== 'company' && firstSource) f.source = firstSource;
  if (qualified) {
    f.budgetConfirme = true;
    if (f.budgetBiodiversite === undefined) {
      const biggest = Math.max(...deals.map((o) => o.montant ?? 0));
      f.budgetBiodiversite = Math.round((biggest * (1.2 + rng.next())) / 1000) * 1000;
    }
  } else if (org.kind !== 'company') {
    f.budgetConfirme = false;
  }
  const elected = org.contacts.filter((c) => c.elected);
  if (org.kind !== 'company' && elected.length > 0)
    f.elusCles = elected.map((c) => `${who(c)} — ${c.poste} (personne fictive)`).join('\n');
  if (org.kind === 'company') {
    const rse = org.contacts[0];
    if (rse) f.responsableRse = who(rse);
  }
  f.temperature = temperature(org.contacts.flatMap(interactionsOf));
  const firstDeal =
    deals.length > 0
      ? minStamp(deals.map((o) => o.entries[0]?.at ?? { day: 0, minute: 0 }))
      : undefined;
  const firstTouch = org.contacts.flatMap(interactionsOf).map((i) => i.at);
  const earliest = minStamp([
    ...(firstDeal ? [firstDeal] : []),
    ...firstTouch,
    { day: workdayBefore(-rng.int(35, 160)), minute: officeMinute() },
  ]);
  org.createdAt = { day: workdayBefore(earliest.day - rng.int(1, 4)), minute: officeMinute() };
  if (org.kind === 'company' && f.source === 'Apollo')
    f.enrichiLe = dateTime(later(org.createdAt, 2));
}

const owners = new Map<Org, string>(orgs.map((o) => [o, o.owner]));

for (const org of orgs) {
  for (const [index, c] of org.contacts.entries()) {
    const own = interactionsOf(c);
    const deals = opps.filter((o) => o.contact === c);
    const won = oppsOf(org).some((o) => o.path.includes('Gagné'));
    const created = later(org.createdAt ?? { day: -100, minute: 600 }, 5 + index * 3);
    const firstTouch = own.length > 0 ? minStamp(own.map((i) => i.at)) : undefined;
    c.createdAt =
      firstTouch && compareStamps(firstTouch, created) < 0 ? later(firstTouch, -30) : created;
    const isOptOut = c === optOutContact;
    // Hunter has checked every address the team has written to.
    const statutEmail =
      own.length > 0
        ? rng.pick(['Valide', 'Valide', 'Valide', 'Accepte tout'])
        : rng.pick(['Valide', 'Valide', 'Accepte tout', 'Inconnu']);
    const email = emailFor(c.prenom, c.nom, org.mailDomain);
    c.fields = {
      nom: c.nom,
      prenom: c.prenom,
      email,
      telephone: rng.chance(0.75) ? fictionPhone(org.phoneZone) : undefined,
      poste: c.poste,
      source: org.fields.source,
      statut: won
        ? 'Client'
        : deals.length > 0 || own.length > 0
          ? 'En cours'
          : rng.pick(['Nouveau', 'À contacter']),
      scoreIcp: org.fields.scoreIcp,
      temperature: temperature(own),
      statutEmail,
      emailVerifieLe:
        statutEmail === 'Inconnu' ? undefined : dateTime(later(c.createdAt, rng.int(1, 3) * 60)),
      baseLegale: won
        ? 'Contrat'
        : org.fields.source === 'Événement'
          ? 'Consentement'
          : 'Intérêt légitime',
      optOut: isOptOut,
      optOutLe: isOptOut && optOutDay !== undefined ? isoDay(optOutDay) : undefined,
      derniereInteraction: own.length > 0 ? isoDay(maxStamp(own.map((i) => i.at)).day) : undefined,
      notes: 'Personne fictive : données de démonstration.',
    };
  }
}

// Next action of a contact: their earliest open task.
for (const t of tasks) {
  if (t.statut !== 'À faire' || !t.contact) continue;
  const f = t.contact.fields;
  if (f.prochaineActionLe === undefined || isoDay(t.echeance) < String(f.prochaineActionLe)) {
    f.prochaineAction = t.titre;
    f.prochaineActionLe = isoDay(t.echeance);
  }
}

// ---------------------------------------------------------------------------------------------
// IDs in creation order, then the records as the sheet holds them.

function assignIds<T extends { id?: string }>(
  items: T[],
  prefix: string,
  createdAt: (item: T) => Stamp,
): void {
  const ordered = [...items].sort((a, b) => compareStamps(createdAt(a), createdAt(b)));
  ordered.forEach((item, index) => {
    item.id = `${prefix}-${String(index + 1).padStart(6, '0')}`;
  });
  items.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

const contacts = orgs.flatMap((o) => o.contacts);
assignIds(orgs, 'ORG', (o) => o.createdAt ?? { day: 0, minute: 0 });
assignIds(contacts, 'CT', (c) => c.createdAt ?? { day: 0, minute: 0 });
assignIds(opps, 'OPP', (o) => o.entries[0]?.at ?? { day: 0, minute: 0 });
assignIds(interactions, 'INT', (i) => i.at);
assignIds(tasks, 'TCH', (t) => t.createdAt);

const refId = (item: { id?: string } | undefined): string | undefined => item?.id;

/** Drops undefined and internal (`_`) keys, so the JSON holds schema fields only. */
function clean(record: Json): Json {
  return Object.fromEntries(
    Object.entries(record).filter(([key, value]) => value !== undefined && !key.startsWith('_')),
  );
}

function trailer(owner: string, created: Stamp, updated: Stamp): Json {
  const updatedAt = compareStamps(updated, created) < 0 ? created : updated;
  return {
    owner,
    etat: 'Actif',
    createdAt: dateTime(created),
    updatedAt: dateTime(updatedAt),
  };
}

const lastTouchOfOrg = (org: Org): Stamp[] => [
  ...org.contacts.flatMap(interactionsOf).map((i) => i.at),
  ...oppsOf(org).flatMap((o) => o.entries.map((e) => e.at)),
];

const organisationRecords = orgs.map((org) => {
  const created = org.createdAt ?? { day: 0, minute: 0 };
  return clean({
    id: org.id,
    ...org.fields,
    ...trailer(org.owner, created, maxStamp([created, ...lastTouchOfOrg(org)])),
  });
});

const contactRecords = contacts.map((c) => {
  const created = c.createdAt ?? { day: 0, minute: 0 };
  return clean({
    id: c.id,
    ...c.fields,
    organisationId: refId(c.org),
    ...trailer(
      owners.get(c.org) ?? DEMO_USER,
      created,
      maxStamp([created, ...interactionsOf(c).map((i) => i.at)]),
    ),
  });
});

const opportunityRecords = opps.map((o) => {
  const last = o.entries[o.entries.length - 1];
  if (!last) throw new Error('Opportunité sans historique');
  const closed = last.stage === 'Gagné' || last.stage === 'Perdu';
  const history: StageEntry[] = o.entries.map((e) => ({
    stage: e.stage,
    day: isoDay(e.at.day),
    time: hhmm(e.at.minute),
  }));
  const tender = o.source === 'BOAMP';
  const deadline = tender
    ? closed || last.stage === 'Proposition envoyée' || last.stage === 'Négociation'
      ? isoDay(workdayBefore(entryOf(o, 'Proposition envoyée').day + rng.int(1, 4)))
      : isoDay(workdayAfter(rng.int(18, 40)))
    : undefined;
  return clean({
    id: o.id,
    titre: title(o),
    organisationId: refId(o.org),
    contactId: refId(o.contact),
    offre: o.offre,
    etape: last.stage,
    montant: o.montant,
    probabilite: DEFAULT_PROBABILITIES[last.stage],
    dateLimite: deadline,
    dateCloturePrevue: closed ? isoDay(last.at.day) : isoDay(workdayAfter(rng.int(20, 110))),
    source: o.source,
    raisonPerte: o.raisonPerte,
    etapeDepuis: isoDay(last.at.day),
    historiqueEtapes: formatHistory(history),
    ...trailer(
      owners.get(o.org) ?? DEMO_USER,
      o.entries[0]?.at ?? last.at,
      maxStamp([last.at, ...interactions.filter((i) => i.opp === o).map((i) => i.at)]),
    ),
  });
});

const interactionRecords = interactions.map((i) => {
  const logged = later(i.at, rng.int(2, 25));
  return clean({
    id: i.id,
    contactId: refId(i.contact),
    opportuniteId: refId(i.opp),
    type: i.type,
    direction: i.direction,
    date: dateTime(i.at),
    objet: i.objet,
    resume: i.resume,
    prochaineAction: i.prochaineAction,
    document: i.document,
    ...trailer(owners.get(i.contact.org) ?? DEMO_USER, logged, logged),
  });
});

const taskRecords = tasks.map((t) =>
  clean({
    id: t.id,
    titre: t.titre,
    echeance: isoDay(t.echeance),
    statut: t.statut,
    priorite: t.priorite,
    origine: t.origine,
    regle: t.regle,
    contactId: refId(t.contact),
    opportuniteId: refId(t.opp),
    faiteLe: t.faiteLe ? dateTime(t.faiteLe) : undefined,
    notes: t.notes,
    ...trailer(
      t.contact ? (owners.get(t.contact.org) ?? DEMO_USER) : DEMO_USER,
      t.createdAt,
      t.faiteLe ?? t.createdAt,
    ),
  }),
);

// Journal: the stage moves of the last week, one line per changed field as the pipeline's stage
// mover (src/server/pipeline/stage-mover.ts) journals them.
const journalRecords = opps
  .flatMap((o) =>
    o.entries.slice(1).map((e, index) => ({ o, e, previous: o.entries[index]?.stage })),
  )
  .filter(({ e }) => e.at.day >= -7)
  .sort((a, b) => compareStamps(a.e.at, b.e.at))
  .flatMap(({ o, e, previous }) => {
    const line = (champ: string, ancienneValeur: unknown, nouvelleValeur: unknown) =>
      clean({
        horodatage: dateTime(e.at),
        utilisateur: owners.get(o.org) ?? DEMO_USER,
        action: 'Changement d’étape',
        onglet: 'Opportunites',
        recordId: o.id,
        champ,
        ancienneValeur: ancienneValeur === undefined ? undefined : String(ancienneValeur),
        nouvelleValeur: String(nouvelleValeur),
      });
    const lines = [line('Étape', previous, e.stage)];
    if (previous)
      lines.push(
        line('Probabilité', DEFAULT_PROBABILITIES[previous], DEFAULT_PROBABILITIES[e.stage]),
      );
    if (e.stage === 'Perdu') lines.push(line('Raison de perte', undefined, o.raisonPerte));
    return lines;
  });

// ---------------------------------------------------------------------------------------------
// Tenders: five invented notices from real buyers of the demo, as the BOAMP watch would have
// written them (raw BOAMP nature and procedure, level, score and words from the relevance rules
// of core with their default settings). Their numbers `99-NNNNNN` cannot be real BOAMP idwebs,
// which are `YY-NNNNN` with the publication year (the real ones run from 00- to the current
// year), and their links are under example.org: nothing here may be mistaken for a real notice.
// Deadlines are after the anchor day, as open tenders' are, except one already closed. No
// analysis is filled in: « Analyser avec Claude » writes it. Built without the PRNG, so the
// records above stay the same whatever is added here.

interface TenderSpec {
  readonly buyer: Org;
  readonly objet: string;
  readonly published: Day;
  readonly deadline: Stamp;
  readonly questions?: Stamp;
  readonly valeur?: number;
  readonly duree?: string;
  readonly lots?: readonly string[];
  readonly criteres: string;
  readonly cpv: readonly string[];
  readonly descripteurs?: ReadonlyArray<readonly [code: string, label: string]>;
  readonly decision?: 'Go' | 'No go' | 'À analyser';
}

const noon = (day: Day): Stamp => ({ day: workdayAfter(day), minute: 12 * 60 });

const TENDERS: readonly TenderSpec[] = [
  {
    buyer: town('11', 0),
    objet:
      'Fourniture de miel en portions individuelles pour la restauration scolaire et les crèches municipales',
    published: workdayBefore(-30),
    deadline: noon(-6),
    valeur: 22_000,
    duree: '12 mois',
    criteres: 'Prix (60 %) ; Qualité des produits et circuits courts (40 %)',
    cpv: ['15831600'],
    decision: 'No go',
  },
  {
    buyer: town('24', 1),
    objet:
      'Lutte contre le frelon asiatique : piégeage de printemps et destruction des nids sur le domaine communal',
    published: workdayBefore(-16),
    deadline: noon(5),
    valeur: 12_000,
    duree: '12 mois',
    criteres: 'Prix (60 %) ; Valeur technique (40 %)',
    cpv: ['90922000'],
  },
  {
    buyer: town('44', 0),
    objet:
      'Installation, entretien et animation de ruchers sur les toitures de bâtiments communaux (2027-2029)',
    published: workdayBefore(-9),
    questions: noon(5),
    deadline: noon(12),
    valeur: 38_000,
    duree: '36 mois',
    lots: [
      'Lot 1 : Installation et suivi apicole de six ruches sur trois toitures',
      'Lot 2 : Animations pédagogiques autour du rucher dans les écoles',
    ],
    criteres: 'Valeur technique (60 %) ; Prix (40 %)',
    cpv: ['77900000'],
  },
  {
    buyer: town('93', 1),
    objet:
      'Réalisation d’un atlas de la biodiversité communale et animations de sensibilisation à la biodiversité',
    published: workdayBefore(-6),
    questions: noon(13),
    deadline: { day: workdayAfter(20), minute: 17 * 60 },
    valeur: 48_000,
    duree: '24 mois',
    lots: [
      'Lot 1 : Inventaires faune-flore et atlas de la biodiversité communale',
      'Lot 2 : Animations nature auprès des scolaires et du grand public',
    ],
    criteres: 'Valeur technique (50 %) ; Prix (30 %) ; Démarche environnementale (20 %)',
    cpv: ['90720000', '80540000'],
  },
  {
    buyer: town('27', 0),
    objet:
      'Gestion différenciée des espaces verts et création de prairies fleuries dans les parcs de la ville',
    published: workdayBefore(-3),
    deadline: noon(33),
    valeur: 95_000,
    duree: '48 mois',
    lots: [
      'Lot 1 : Fauche tardive et entretien des prairies',
      'Lot 2 : Semis de prairies fleuries',
    ],
    criteres: 'Prix (60 %) ; Valeur technique (40 %)',
    cpv: ['77313000'],
    descripteurs: [['116', 'Espaces verts']],
  },
];

const tenderRecords = TENDERS.map((spec, index) => {
  const number = String(index + 1).padStart(6, '0');
  const idweb = `99-${number}`;
  const f = spec.buyer.fields;
  const relevance = scoreNotice({
    idweb,
    objet: spec.objet,
    nomacheteur: f.nom,
    code_departement: [f.departement],
    descripteur_code: (spec.descripteurs ?? []).map(([code]) => code),
    descripteur_libelle: (spec.descripteurs ?? []).map(([, label]) => label),
    cpv: spec.cpv,
  });
  // The watch runs every morning and writes the day's notices.
  const written: Stamp = { day: workdayAfter(spec.published + 1), minute: 7 * 60 + 5 };
  return clean({
    id: `AO-${number}`,
    idweb,
    objet: spec.objet,
    acheteur: f.nom,
    acheteurSiren: f.siren,
    departements: f.departement,
    datePublication: isoDay(spec.published),
    dateLimite: dateTime(spec.deadline),
    valeurEstimee: spec.valeur,
    cpv: spec.cpv.join(', '),
    descripteurs: (spec.descripteurs ?? []).map(([, label]) => label).join(', ') || undefined,
    typeAvis: 'APPEL_OFFRE',
    procedure: 'PROCEDURE_ADAPTE',
    url: `https://boamp.example.org/avis/${idweb}`,
    contactAcheteur: `Service de la commande publique · marches-publics@${spec.buyer.mailDomain}`,
    dateLimiteQuestions: spec.questions ? dateTime(spec.questions) : undefined,
    duree: spec.duree,
    lots: spec.lots?.join('\n'),
    criteres: spec.criteres,
    lienDce: `https://marches.example.org/dce/${idweb}`,
    etatAvis: 'Publié',
    score: relevance.score,
    niveau: relevance.level,
    motsTrouves: matchedText(relevance) || undefined,
    decision: spec.decision,
    organisationId: refId(spec.buyer),
    ...trailer(DEMO_USER, written, written),
  });
});

const output = {
  _comment:
    'Demo records for `npm start` (mode démo), generated by tools/make-demo-data.ts — do not ' +
    'edit by hand, run `npm run demo-data`. Keys are schema field keys. Communes and EPCI are ' +
    'real (Etalab, @etalab/decoupage-administratif); companies, people, deals and exchanges are ' +
    'fictitious (example.* domains, ARCEP fiction phone numbers); tenders are invented notices ' +
    'from real buyers, numbered 99-NNNNNN so as never to pass for real BOAMP idwebs. Dates are ISO days and Paris ' +
    'wall times; the seeder shifts them all by whole days so that _anchor becomes the day the ' +
    'workbook is created.',
  _anchor: ANCHOR,
  organisations: organisationRecords,
  contacts: contactRecords,
  opportunites: opportunityRecords,
  interactions: interactionRecords,
  taches: taskRecords,
  appelsOffres: tenderRecords,
  journal: journalRecords,
};

async function main(): Promise<void> {
  const options = (await prettier.resolveConfig(OUTPUT)) ?? {};
  const text = await prettier.format(JSON.stringify(output), { ...options, parser: 'json' });
  fs.writeFileSync(OUTPUT, text);
  const counts = Object.entries(output)
    .filter(([, value]) => Array.isArray(value))
    .map(([key, value]) => `${key} ${(value as unknown[]).length}`);
  console.error(`${path.relative(process.cwd(), OUTPUT)} : ${counts.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
