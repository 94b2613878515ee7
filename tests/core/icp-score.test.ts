import fc from 'fast-check';
import {
  DEFAULT_WEIGHTS,
  describeScore,
  scoreContact,
  scoreOrganisation,
  weightsFromSettings,
  type ContactFacts,
  type OrganisationFacts,
} from '../../src/core/scoring';
import { SETTINGS } from '../../src/core/settings/defaults';

const today = { day: '2026-11-28' };

const contact = (over: Partial<ContactFacts> = {}): ContactFacts => ({
  id: 'CT-000001',
  name: 'Annaïg Le Goff',
  poste: 'Adjointe à l’environnement',
  email: 'a.legoff@example.org',
  emailStatus: 'Valide',
  phone: '+33299000000',
  linkedin: '',
  optOut: false,
  ...over,
});

const commune = (over: Partial<OrganisationFacts> = {}): OrganisationFacts => ({
  type: 'Commune',
  population: 48213,
  effectif: null,
  epci: '',
  certificationRse: '',
  bcorp: '',
  iso26000: '',
  labelLucie: '',
  csrd: '',
  csrdFirstYear: null,
  engagementsRse: '',
  engagementsBiodiversite: '',
  budgetBiodiversite: null,
  budgetConfirme: false,
  openTenders: 0,
  tendersNote: '',
  advancedOpportunities: 0,
  wonOpportunities: 0,
  contacts: [],
  interactions: [],
  ...over,
});

const company = (over: Partial<OrganisationFacts> = {}) =>
  commune({ type: 'Entreprise RSE', population: null, effectif: 320, ...over });

const dim = (org: OrganisationFacts, key: string) =>
  scoreOrganisation(org, DEFAULT_WEIGHTS, today).dimensions.find((d) => d.key === key);

describe('ICP fit', () => {
  it('scores a commune by population, at least 5 000 being the target', () => {
    expect(dim(commune(), 'fit')).toMatchObject({
      points: 18,
      reasons: ['Commune de 48\u202f213 habitants (≥ 5\u202f000) : +18'],
      missing: [],
    });
    expect(dim(commune({ population: 5000 }), 'fit')?.points).toBe(14);
    expect(dim(commune({ population: 4999 }), 'fit')).toMatchObject({
      points: 6,
      reasons: ['Commune de 4\u202f999 habitants (< 5\u202f000) : +6'],
    });
    expect(dim(commune({ population: 48213, epci: 'Rennes Métropole' }), 'fit')?.points).toBe(20);
  });

  it('says the population is missing instead of scoring 0 silently', () => {
    expect(dim(commune({ population: null }), 'fit')).toMatchObject({
      points: 0,
      missing: ['Population'],
      reasons: ['Population : donnée manquante'],
    });
  });

  it('scores a company by staff and CSR type; partners are not direct buyers', () => {
    expect(dim(company(), 'fit')).toMatchObject({ points: 18 });
    expect(dim(company({ type: 'Entreprise', effectif: 12 }), 'fit')?.points).toBe(6);
    expect(dim(company({ effectif: null }), 'fit')?.missing).toEqual(['Effectif']);
    expect(dim(commune({ type: 'Apiculteur' }), 'fit')?.points).toBe(4);
    expect(dim(commune({ type: '' }), 'fit')?.missing).toEqual(['Type d’organisation']);
  });
});

describe('ICP commitment', () => {
  it('counts budget, confirmation and public biodiversity commitments of a collectivité', () => {
    const d = dim(
      commune({
        budgetBiodiversite: 150000,
        budgetConfirme: true,
        engagementsBiodiversite: 'ABC 2025',
      }),
      'commitment',
    );
    expect(d?.points).toBe(18);
    expect(d?.reasons[0]).toBe('Budget biodiversité de 150\u202f000\u00a0€ : +8');
    expect(dim(commune(), 'commitment')?.missing).toEqual(['Budget et engagements biodiversité']);
  });

  it('counts certifications, CSRD and ESRS E4 commitments of a company, capped at 20', () => {
    const d = dim(
      company({
        bcorp: 'Oui',
        iso26000: 'Oui',
        labelLucie: 'Oui',
        csrd: 'Oui',
        engagementsBiodiversite: 'E4',
      }),
      'commitment',
    );
    expect(d?.points).toBe(20);
    expect(d?.reasons).toContain('plafonné à 20');
    expect(dim(company({ bcorp: 'Non', iso26000: 'Non' }), 'commitment')).toMatchObject({
      points: 0,
      missing: [],
    });
    expect(dim(company({ certificationRse: 'Engagé RSE (AFNOR)' }), 'commitment')?.points).toBe(4);
  });
});

describe('ICP need and timing', () => {
  it('rewards an open tender, a deal under way and the budget season', () => {
    expect(dim(commune({ openTenders: 2, advancedOpportunities: 1 }), 'need')).toMatchObject({
      points: 20,
      reasons: [
        '2 appels d’offres ouverts : +12',
        'Opportunité en cours (Qualifié ou au-delà) : +4',
        'Période de préparation budgétaire (septembre–mars) : +4',
      ],
    });
    const june = scoreOrganisation(commune(), DEFAULT_WEIGHTS, { day: '2026-06-15' });
    expect(june.dimensions.find((d) => d.key === 'need')?.points).toBe(0);
    const csrd = scoreOrganisation(company({ csrdFirstYear: 2027 }), DEFAULT_WEIGHTS, {
      day: '2026-04-01',
    });
    expect(csrd.dimensions.find((d) => d.key === 'need')?.points).toBe(6);
  });
});

describe('ICP access to the decision maker', () => {
  it('takes the best reachable contact, never one who opted out', () => {
    expect(dim(commune({ contacts: [contact()] }), 'access')?.points).toBe(18);
    const optedOut = dim(commune({ contacts: [contact({ optOut: true })] }), 'access');
    expect(optedOut).toMatchObject({ points: 0, missing: [] });
    expect(optedOut?.reasons[0]).toContain('opposé');
    const mixed = dim(
      commune({
        contacts: [
          contact({ optOut: true }),
          contact({ id: 'CT-2', poste: 'Chargé de communication', emailStatus: '' }),
        ],
      }),
      'access',
    );
    expect(mixed?.points).toBe(9);
  });

  it('says when there is no contact at all', () => {
    expect(dim(commune(), 'access')).toMatchObject({ points: 0, missing: ['Contact'] });
  });
});

describe('ICP relationship', () => {
  it('weighs recency, volume, replies and a past win', () => {
    const interactions = [
      { contactId: 'CT-000001', day: '2026-11-20', type: 'Appel', direction: 'Sortant' },
      { contactId: 'CT-000001', day: '2026-10-02', type: 'Email reçu', direction: 'Entrant' },
    ];
    expect(dim(commune({ interactions, wonOpportunities: 1 }), 'relationship')).toMatchObject({
      points: 18,
      reasons: [
        'Dernière interaction il y a 8 jours : +8',
        '2 interactions sur 12 mois : +2',
        'Réponse ou demande reçue : +4',
        'Déjà client (opportunité gagnée) : +4',
      ],
    });
    expect(dim(commune(), 'relationship')).toMatchObject({ points: 0, missing: [] });
  });
});

describe('ICP score', () => {
  it('adds the dimensions to a score out of 100 with its confidence and a readable detail', () => {
    const score = scoreOrganisation(
      commune({ contacts: [contact()], budgetBiodiversite: 20000, budgetConfirme: true }),
      DEFAULT_WEIGHTS,
      today,
    );
    expect(score.score).toBe(18 + 10 + 4 + 18 + 0);
    expect(score.confidence).toBe(1);
    expect(describeScore(score).split('\n')).toEqual([
      'Adéquation 18/20 — Commune de 48\u202f213 habitants (≥ 5\u202f000) : +18',
      'Engagement 10/20 — Budget biodiversité de 20\u202f000\u00a0€ : +6 ; Budget confirmé : +4',
      'Besoin et calendrier 4/20 — Aucun appel d’offres ouvert : +0 ; Période de préparation budgétaire (septembre–mars) : +4',
      'Accès au décideur 18/20 — Annaïg Le Goff, Adjointe à l’environnement : décideur : +10 ; Email vérifié : +6 ; Téléphone connu : +2',
      'Relation 0/20 — Aucune interaction : +0',
      'Confiance : 100 %',
    ]);
    const bare = scoreOrganisation(commune({ population: null }), DEFAULT_WEIGHTS, today);
    expect(bare.confidence).toBe(0.4);
    expect(describeScore(bare)).toContain(
      'Confiance : 40 % (manque : Population, Budget et engagements biodiversité, Contact)',
    );
  });

  it('weights dimensions from Parametres, normalised to 100', () => {
    const weights = weightsFromSettings(
      new Map([
        ['icp.poids.adequation', '60'],
        ['icp.poids.relation', 'x'],
      ]),
    );
    expect(weights).toEqual({ ...DEFAULT_WEIGHTS, fit: 60 });
    const score = scoreOrganisation(commune(), weights, { day: '2026-06-15' });
    expect(score.score).toBe(Math.round((((18 / 20) * 60) / 140) * 100));
    const defaults = new Map(SETTINGS.map((s) => [s.key, s.defaultValue]));
    expect(weightsFromSettings(defaults)).toEqual(DEFAULT_WEIGHTS);
    expect(
      weightsFromSettings(
        new Map(
          Object.entries({
            'icp.poids.adequation': '0',
            'icp.poids.engagement': '0',
            'icp.poids.besoin': '0',
            'icp.poids.acces': '0',
            'icp.poids.relation': '0',
          }),
        ),
      ),
    ).toEqual(DEFAULT_WEIGHTS);
  });

  it('scores a contact on its own access and interactions', () => {
    const other = contact({
      id: 'CT-2',
      name: 'Paul Martin',
      poste: '',
      emailStatus: '',
      email: '',
    });
    const org = commune({
      contacts: [contact(), other],
      interactions: [
        { contactId: 'CT-000001', day: '2026-11-27', type: 'Appel', direction: 'Sortant' },
      ],
    });
    const first = scoreContact(org, contact(), DEFAULT_WEIGHTS, today);
    const second = scoreContact(org, other, DEFAULT_WEIGHTS, today);
    expect(first.score).toBeGreaterThan(second.score);
    expect(second.dimensions.find((d) => d.key === 'access')?.missing).toEqual([
      'Poste de Paul Martin',
      'Email de Paul Martin',
    ]);
  });
});

describe('ICP properties', () => {
  const org = fc.record({
    type: fc.constantFrom(
      'Commune',
      'EPCI',
      'Région',
      'Entreprise RSE',
      'Entreprise',
      'Partenaire',
      '',
    ),
    population: fc.option(fc.integer({ min: 0, max: 3_000_000 }), { nil: null }),
    effectif: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
    epci: fc.constantFrom('', 'Rennes Métropole'),
    certificationRse: fc.constantFrom('', 'B Corp', 'Engagé RSE'),
    bcorp: fc.constantFrom('', 'Oui', 'Non', 'À vérifier'),
    iso26000: fc.constantFrom('', 'Oui', 'Non'),
    labelLucie: fc.constantFrom('', 'Oui', 'Non'),
    csrd: fc.constantFrom('', 'Oui', 'Non'),
    csrdFirstYear: fc.option(fc.integer({ min: 2024, max: 2030 }), { nil: null }),
    engagementsRse: fc.constantFrom('', 'Plan climat'),
    engagementsBiodiversite: fc.constantFrom('', 'ESRS E4'),
    budgetBiodiversite: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    budgetConfirme: fc.boolean(),
    openTenders: fc.integer({ min: 0, max: 5 }),
    tendersNote: fc.constantFrom('', 'AO espaces verts'),
    advancedOpportunities: fc.integer({ min: 0, max: 3 }),
    wonOpportunities: fc.integer({ min: 0, max: 3 }),
    contacts: fc.array(
      fc.record({
        id: fc.constantFrom('CT-1', 'CT-2', 'CT-3'),
        name: fc.constantFrom('A', 'B'),
        poste: fc.constantFrom('', 'Maire', 'Stagiaire', 'Responsable RSE'),
        email: fc.constantFrom('', 'x@example.org'),
        emailStatus: fc.constantFrom('', 'Valide', 'Invalide'),
        phone: fc.constantFrom('', '+33600000000'),
        linkedin: fc.constantFrom('', 'https://linkedin.com/in/x'),
        optOut: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    interactions: fc.array(
      fc.record({
        contactId: fc.constantFrom('CT-1', 'CT-2'),
        day: fc
          .integer({ min: 0, max: 900 })
          .map((n) => new Date(Date.UTC(2024, 5, 1 + n)).toISOString().slice(0, 10)),
        type: fc.constantFrom('Appel', 'Email reçu', 'Email envoyé'),
        direction: fc.constantFrom('', 'Sortant', 'Entrant'),
      }),
      { maxLength: 6 },
    ),
  });
  const weights = fc.record({
    fit: fc.integer({ min: 0, max: 50 }),
    commitment: fc.integer({ min: 0, max: 50 }),
    need: fc.integer({ min: 0, max: 50 }),
    access: fc.integer({ min: 0, max: 50 }),
    relationship: fc.integer({ min: 1, max: 50 }),
  });

  it('always gives a score in 0–100 and dimensions in 0–20', () => {
    fc.assert(
      fc.property(org, weights, (o, w) => {
        const s = scoreOrganisation(o, w, today);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        for (const d of s.dimensions) expect(d.points).toBeGreaterThanOrEqual(0);
        for (const d of s.dimensions) expect(d.points).toBeLessThanOrEqual(20);
      }),
    );
  });

  it('never lowers the score when a fact that should raise it improves', () => {
    const raise: Array<(o: OrganisationFacts) => OrganisationFacts> = [
      (o) => ({ ...o, population: (o.population ?? 0) + 10_000 }),
      (o) => ({ ...o, effectif: (o.effectif ?? 0) + 500 }),
      (o) => ({ ...o, budgetBiodiversite: (o.budgetBiodiversite ?? 0) + 60_000 }),
      (o) => ({ ...o, budgetConfirme: true }),
      (o) => ({ ...o, openTenders: o.openTenders + 1 }),
      (o) => ({ ...o, bcorp: 'Oui' }),
      (o) => ({ ...o, wonOpportunities: o.wonOpportunities + 1 }),
      (o) => ({ ...o, contacts: [...o.contacts, contact({ id: 'CT-9' })] }),
      (o) => ({
        ...o,
        interactions: [
          ...o.interactions,
          { contactId: 'CT-1', day: today.day, type: 'Email reçu', direction: 'Entrant' },
        ],
      }),
    ];
    fc.assert(
      fc.property(org, weights, fc.integer({ min: 0, max: raise.length - 1 }), (o, w, i) => {
        const before = scoreOrganisation(o, w, today).score;
        const after = scoreOrganisation(
          (raise[i] as (x: OrganisationFacts) => OrganisationFacts)(o),
          w,
          today,
        ).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
