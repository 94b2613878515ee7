/**
 * Enrichment rules in core (issue 6): merge (a user's value is never overwritten — a fast-check
 * property), proposals checked again on click, eligibility (opt-out, delay), the draft
 * predicate, credit budgets that stop before exceeding (a property too), Apollo and Hunter
 * readings, their retry tables, threshold crossings and the bulk run's bookkeeping.
 */
import fc from 'fast-check';
import {
  affordableUnits,
  budgetStopMessage,
  canDraftTo,
  checkProposals,
  classifyApolloStatus,
  classifyHunterStatus,
  contactOffers,
  creditRefusal,
  credits,
  describeRun,
  emailStatusOf,
  extendQueue,
  isIncomplete,
  isOptedOut,
  matchDetailsFor,
  organisationDomain,
  planMerge,
  progressOf,
  readBulkMatch,
  readFinder,
  readVerification,
  sameValue,
  skipReason,
  startBulkRun,
  thresholdCrossings,
  type FieldOffer,
  type HunterStatus,
} from '../../src/core/enrichment';
import { headerLookup } from '../../src/core/retry/retry-policy';
import { getTab } from '../../src/core/schema/tabs';

const CONTACTS = getTab('contacts');
const ORGS = getTab('organisations');
const DAY = 86_400_000;

describe('merge rules', () => {
  it('fills empty fields, proposes differing ones, ignores equal ones', () => {
    const plan = planMerge(
      CONTACTS,
      { email: '', poste: 'Chef de projet', linkedin: 'https://linkedin.com/in/claire-martin/' },
      [
        { field: 'email', value: 'claire.martin@exemple.fr', source: 'Apollo' },
        { field: 'poste', value: 'Directrice RSE', source: 'Apollo' },
        { field: 'linkedin', value: 'http://www.linkedin.com/in/claire-martin', source: 'Apollo' },
        { field: 'email', value: 'c.martin@exemple.fr', source: 'Hunter' },
      ],
    );
    expect(plan.fills).toEqual([
      { field: 'email', value: 'claire.martin@exemple.fr', source: 'Apollo' },
    ]);
    expect(plan.proposals).toEqual([
      { field: 'poste', current: 'Chef de projet', proposed: 'Directrice RSE', source: 'Apollo' },
    ]);
  });

  it('compares by meaning: case, accents, spaces, phone formats, numbers', () => {
    expect(sameValue('text', 'Directrice  RSE', 'directrice rse')).toBe(true);
    expect(sameValue('text', 'Énergie', 'energie')).toBe(true);
    expect(sameValue('phone', '+33612345678', '06 12 34 56 78')).toBe(true);
    expect(sameValue('integer', 250, '250')).toBe(true);
    expect(sameValue('email', 'A@Exemple.fr', 'a@exemple.fr')).toBe(true);
    expect(sameValue('url', 'https://www.exemple.fr/', 'http://exemple.fr')).toBe(true);
    expect(sameValue('url', 'https://exemple.fr/Page', 'https://exemple.fr/page')).toBe(false);
    expect(sameValue('text', 'Chef de projet', 'Directrice RSE')).toBe(false);
  });

  const cell = fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 0, max: 5000 }),
  );
  const offerField = fc.constantFrom('prenom', 'email', 'telephone', 'poste', 'linkedin');
  const offer = fc.record({
    field: offerField,
    value: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 5000 })),
    source: fc.constantFrom('Apollo' as const, 'Hunter' as const),
  });

  it('never overwrites a value already in the sheet, whatever the offers (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ prenom: cell, email: cell, telephone: cell, poste: cell, linkedin: cell }),
        fc.array(offer, { maxLength: 12 }),
        (current, offers) => {
          const plan = planMerge(CONTACTS, current, offers as FieldOffer[]);
          const after: Record<string, unknown> = { ...current };
          for (const fill of plan.fills) after[fill.field] = fill.value;
          for (const [key, value] of Object.entries(current)) {
            const blank = typeof value === 'string' && value.trim() === '';
            if (!blank) expect(after[key]).toBe(value);
          }
          // One decision per field at most, and a proposal only where something is there.
          const fields = [...plan.fills, ...plan.proposals].map((p) => p.field);
          expect(new Set(fields).size).toBe(fields.length);
          for (const p of plan.proposals)
            expect(String(current[p.field as keyof typeof current]).trim()).not.toBe('');
        },
      ),
    );
  });

  it('applies a proposal on click only if the field still holds what it held', () => {
    const proposal = {
      field: 'poste',
      current: 'Chef de projet',
      proposed: 'Directrice RSE',
      source: 'Apollo' as const,
    };
    expect(checkProposals(CONTACTS, { poste: 'Chef de projet' }, [proposal]).apply).toHaveLength(1);
    expect(checkProposals(CONTACTS, { poste: 'chef de projet ' }, [proposal]).apply).toHaveLength(
      1,
    );
    expect(checkProposals(CONTACTS, { poste: '' }, [proposal]).apply).toHaveLength(1);
    expect(
      checkProposals(CONTACTS, { poste: 'Directrice RSE' }, [proposal]).alreadyApplied,
    ).toHaveLength(1);
    expect(checkProposals(CONTACTS, { poste: 'Maire adjointe' }, [proposal]).stale).toHaveLength(1);
  });
});

describe('eligibility', () => {
  const now = Date.UTC(2026, 10, 28);
  const clock = { nowMs: now, delayDays: 90 };

  it('skips opt-out, archived and recently enriched records', () => {
    expect(skipReason({ archived: false, optOut: true, enrichedAtMs: null }, clock)).toBe(
      'opt-out',
    );
    expect(skipReason({ archived: true, optOut: false, enrichedAtMs: null }, clock)).toBe(
      'archive',
    );
    expect(
      skipReason({ archived: false, optOut: false, enrichedAtMs: now - 89 * DAY }, clock),
    ).toBe('recent');
    expect(
      skipReason({ archived: false, optOut: false, enrichedAtMs: now - 90 * DAY }, clock),
    ).toBeNull();
    expect(
      skipReason(
        { archived: false, optOut: false, enrichedAtMs: now },
        { nowMs: now, delayDays: 0 },
      ),
    ).toBeNull();
  });

  it('reads any yes in the opt-out column as an opt-out', () => {
    for (const yes of [true, 'TRUE', 'Oui', 'oui ', 'x', 'X', 1, 'vrai'])
      expect(isOptedOut(yes)).toBe(true);
    for (const no of [false, '', 'FALSE', 'non', 0, null, undefined])
      expect(isOptedOut(no)).toBe(false);
  });

  it('calls a contact incomplete when email, position, LinkedIn or email status is missing', () => {
    const full = {
      email: 'a@b.fr',
      poste: 'DG',
      linkedin: 'https://linkedin.com/in/a',
      statutEmail: 'Valide',
    };
    expect(isIncomplete(full)).toBe(false);
    expect(isIncomplete({ ...full, statutEmail: '' })).toBe(true);
    expect(isIncomplete({ ...full, linkedin: '' })).toBe(true);
  });
});

describe('email status and drafts', () => {
  it('stores Hunter’s statuses in French', () => {
    const all: HunterStatus[] = [
      'valid',
      'invalid',
      'accept_all',
      'webmail',
      'disposable',
      'unknown',
    ];
    expect(all.map(emailStatusOf)).toEqual([
      'Valide',
      'Invalide',
      'Accepte tout',
      'Webmail',
      'Jetable',
      'Inconnu',
    ]);
  });

  it('blocks drafts to an invalid or disposable address, an opted-out or archived contact', () => {
    const base = { email: 'a@exemple.fr', statutEmail: 'Valide', optOut: false, etat: 'Actif' };
    expect(canDraftTo(base)).toEqual({ ok: true });
    expect(canDraftTo({ ...base, statutEmail: '' })).toEqual({ ok: true });
    expect(canDraftTo({ ...base, statutEmail: 'Accepte tout' })).toEqual({ ok: true });
    expect(canDraftTo({ ...base, statutEmail: 'Invalide' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/Invalide/),
    });
    expect(canDraftTo({ ...base, statutEmail: 'Jetable' }).ok).toBe(false);
    expect(canDraftTo({ ...base, optOut: true })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/opt-out/),
    });
    expect(canDraftTo({ ...base, email: '' }).ok).toBe(false);
    expect(canDraftTo({ ...base, etat: 'Archivé' }).ok).toBe(false);
  });
});

describe('credits', () => {
  const usage = (used: number) => ({ used, calls: 0 });

  it('allows what fits in the budget, halves included', () => {
    expect(affordableUnits(usage(998), 1000, 1)).toBe(2);
    expect(affordableUnits(usage(498.5), 500, 0.5)).toBe(3);
    expect(affordableUnits(usage(1200), 1000, 1)).toBe(0);
  });

  it('never lets a batch cut to the budget exceed it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }).map((n) => n / 2),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(0.5, 1),
        (used, budget, unit) => {
          const units = affordableUnits(usage(used), budget, unit);
          if (used <= budget) expect(used + units * unit).toBeLessThanOrEqual(budget);
          expect(units).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('says why a service is stopped, in French', () => {
    expect(creditRefusal('apollo', usage(0), 0, 1)).toMatch(
      /Apollo est désactivé : « apollo\.credits_mensuels » vaut 0/,
    );
    expect(creditRefusal('hunter', usage(500), 500, 0.5)).toMatch(
      /^Budget Hunter du mois atteint \(500 crédits utilisés sur 500\)/,
    );
    expect(creditRefusal('apollo', usage(10), 1000, 1)).toBeNull();
    expect(budgetStopMessage('apollo', usage(30), 30)).toMatch(/arrêté pour ne pas le dépasser/);
    expect(credits(12.5)).toBe('12,5');
    expect(credits(1000)).toBe('1\u202f000');
  });
});

describe('Apollo as data', () => {
  it('asks only when the person can be identified, with the organisation’s domain', () => {
    expect(
      matchDetailsFor({ prenom: 'Claire', nom: 'Martin', email: '', linkedin: '' }, null),
    ).toBeNull();
    expect(
      matchDetailsFor(
        { prenom: 'Claire', nom: 'Martin', email: '', linkedin: '' },
        { nom: 'Exemple SA', domaine: '', siteWeb: 'https://www.exemple.fr/contact' },
      ),
    ).toEqual({
      first_name: 'Claire',
      last_name: 'Martin',
      domain: 'exemple.fr',
      organization_name: 'Exemple SA',
    });
    // A webmail address says nothing of the employer.
    expect(
      matchDetailsFor(
        { prenom: 'Claire', nom: 'Martin', email: 'claire@gmail.com', linkedin: '' },
        null,
      ),
    ).toEqual({ first_name: 'Claire', last_name: 'Martin', email: 'claire@gmail.com' });
    expect(organisationDomain({ nom: '', domaine: '@Exemple.FR', siteWeb: '' })).toBe('exemple.fr');
  });

  it('lines matches up with what was asked, and drops one that answers someone else', () => {
    const details = [
      { first_name: 'Claire', last_name: 'Martin', domain: 'exemple.fr' },
      { email: 'hugo@exemple.fr' },
      { first_name: 'Nadia', last_name: 'Roux', domain: 'exemple.fr' },
    ];
    const reading = readBulkMatch(
      JSON.stringify({
        matches: [
          { first_name: 'Claire', last_name: 'Martin', email: 'claire.martin@exemple.fr' },
          { first_name: 'Hugo', last_name: 'Fabre', email: 'hugo@exemple.fr' },
          { first_name: 'Julien', last_name: 'Autre' },
        ],
        credits_consumed: 3,
      }),
      details,
    );
    expect(reading.ok && reading.value.matches.map((m) => m?.firstName ?? null)).toEqual([
      'Claire',
      'Hugo',
      null,
    ]);
    expect(readBulkMatch('not json', details).ok).toBe(false);
  });

  it('offers only values that pass the schema, the locked e-mail never', () => {
    const offers = contactOffers({
      id: null,
      firstName: 'Claire',
      lastName: 'Martin',
      title: 'Directrice RSE',
      email: 'pas une adresse',
      emailStatus: 'verified',
      linkedinUrl: 'http://www.linkedin.com/in/claire-martin-000000',
      phone: null,
      organization: null,
    });
    expect(offers.map((o) => o.field)).toEqual(['poste', 'linkedin', 'prenom']);
    expect(offers.find((o) => o.field === 'linkedin')?.value).toBe(
      'https://www.linkedin.com/in/claire-martin-000000',
    );
  });
});

describe('Hunter as data', () => {
  it('reads a verification and a finder answer', () => {
    const v = readVerification(
      JSON.stringify({ data: { status: 'accept_all', score: 77.6 } }),
      'a@b.fr',
    );
    expect(v).toEqual({ ok: true, value: { email: 'a@b.fr', status: 'accept_all', score: 78 } });
    expect(readVerification(JSON.stringify({ data: { status: 'deliverable' } }), 'a@b.fr').ok).toBe(
      false,
    );
    expect(readFinder(JSON.stringify({ data: { email: null } }))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      readFinder(JSON.stringify({ data: { email: 'Claire.Martin@Exemple.fr', score: 90 } })),
    ).toEqual({
      ok: true,
      value: { email: 'claire.martin@exemple.fr', score: 90, status: null },
    });
  });
});

describe('retry tables', () => {
  const none = headerLookup({});

  it('reads Hunter’s statuses its own way', () => {
    expect(classifyHunterStatus(200, none)).toBe('success');
    expect(classifyHunterStatus(202, none)).toBe('retry');
    expect(classifyHunterStatus(222, none)).toBe('stop');
    expect(classifyHunterStatus(403, none)).toBe('retry');
    expect(classifyHunterStatus(429, none)).toBe('spend-cap');
    expect(classifyHunterStatus(451, none)).toBe('stop');
    expect(classifyHunterStatus(503, none)).toBe('retry');
  });

  it('retries Apollo’s 429 unless the hour or the day is spent', () => {
    expect(classifyApolloStatus(429, none)).toBe('retry');
    expect(classifyApolloStatus(429, headerLookup({ 'X-Hourly-Requests-Left': '0' }))).toBe('stop');
    expect(classifyApolloStatus(429, headerLookup({ 'x-24-hour-requests-left': '0' }))).toBe(
      'stop',
    );
    expect(classifyApolloStatus(401, none)).toBe('stop');
    expect(classifyApolloStatus(422, none)).toBe('stop');
    expect(classifyApolloStatus(500, none)).toBe('retry');
  });
});

describe('qualification and bulk bookkeeping', () => {
  it('announces only the records that cross the threshold', () => {
    const crossed = thresholdCrossings(
      new Map<string, number | null>([
        ['ORG-1', 65],
        ['ORG-2', 72],
        ['ORG-3', null],
        ['ORG-4', 50],
      ]),
      new Map([
        ['ORG-1', { score: 71, name: 'A' }],
        ['ORG-2', { score: 80, name: 'B' }],
        ['ORG-3', { score: 70, name: 'C' }],
        ['ORG-4', { score: 69, name: 'D' }],
      ]),
      70,
    );
    expect(crossed.map((c) => c.id)).toEqual(['ORG-1', 'ORG-3']);
  });

  it('adds a new selection to a run without repeating anyone, and reports progress', () => {
    const run = startBulkRun('selection', ['CT-1', 'CT-2'], 2, '2026-11-28T10:00:00Z');
    const extended = extendQueue(run, ['CT-2', 'CT-3', 'CT-3']);
    expect(extended.queue).toEqual(['CT-1', 'CT-2', 'CT-3']);
    expect(extended.total).toBe(3);
    expect(progressOf(extended)).toMatchObject({
      done: 0,
      total: 3,
      running: true,
      lastError: null,
    });
    expect(progressOf(null)).toMatchObject({ done: 0, total: 0, running: false });
    const ended = {
      ...extended,
      done: 3,
      finishedAtIso: '2026-11-28T10:05:00Z',
      stopped: 'Budget Apollo…',
    };
    expect(progressOf(ended)).toMatchObject({ running: false, lastError: 'Budget Apollo…' });
    expect(describeRun(ended)).toMatch(
      /^Enrichissement de la sélection : 3 contacts traités sur 3/,
    );
  });

  it('knows which fields of an organisation enrichment may fill', () => {
    const plan = planMerge(ORGS, { effectif: 120, secteur: '' }, [
      { field: 'effectif', value: 250, source: 'Apollo' },
      { field: 'secteur', value: 'environmental services', source: 'Apollo' },
    ]);
    expect(plan.fills.map((f) => f.field)).toEqual(['secteur']);
    expect(plan.proposals).toEqual([
      { field: 'effectif', current: 120, proposed: 250, source: 'Apollo' },
    ]);
  });
});
