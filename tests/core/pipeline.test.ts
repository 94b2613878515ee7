import fc from 'fast-check';
import {
  checkMove,
  computePipelineFigures,
  DEFAULT_RULES,
  describeRefusal,
  formatHistory,
  initialStage,
  nextStageOf,
  parseHistory,
  planMove,
  rulesFromSettings,
  type MoveFacts,
  type Stage,
} from '../../src/core/pipeline';
import { PIPELINE_STAGES } from '../../src/core/schema/enums';
import { SETTINGS } from '../../src/core/settings/defaults';

const facts = (over: Partial<MoveFacts> = {}): MoveFacts => ({
  from: 'Lead',
  amount: null,
  icpScore: 75,
  budgetConfirmed: true,
  openTender: false,
  outboundInteraction: true,
  ...over,
});

const messages = (result: ReturnType<typeof checkMove>) =>
  result.ok ? [] : result.failures.map((f) => f.message);

describe('pipeline rules', () => {
  it('lets Lead → Qualifié through with ICP ≥ 70 and a confirmed budget or an open tender', () => {
    expect(checkMove(DEFAULT_RULES, facts(), 'Qualifié', null).ok).toBe(true);
    expect(
      checkMove(
        DEFAULT_RULES,
        facts({ budgetConfirmed: false, openTender: true }),
        'Qualifié',
        null,
      ).ok,
    ).toBe(true);
    expect(checkMove(DEFAULT_RULES, facts({ icpScore: 70 }), 'Qualifié', null).ok).toBe(true);
  });

  it('refuses Lead → Qualifié naming each failed rule and the actual score', () => {
    const result = checkMove(
      DEFAULT_RULES,
      facts({ icpScore: 52, budgetConfirmed: false }),
      'Qualifié',
      null,
    );
    expect(messages(result)).toEqual([
      'Qualifié : le score ICP de l’organisation doit atteindre 70 (score actuel : 52).',
      expect.stringContaining('budget confirmé'),
    ]);
    expect(messages(checkMove(DEFAULT_RULES, facts({ icpScore: null }), 'Qualifié', null))).toEqual(
      [expect.stringContaining('score non calculé')],
    );
  });

  it('needs an outbound interaction to enter Contacté, an amount for a proposal', () => {
    const noContact = facts({ from: 'Qualifié', outboundInteraction: false });
    expect(messages(checkMove(DEFAULT_RULES, noContact, 'Contacté', null))[0]).toContain(
      'interaction sortante',
    );
    const noAmount = facts({ from: 'En discussion', amount: null });
    const refused = checkMove(DEFAULT_RULES, noAmount, 'Proposition envoyée', null);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.failures.map((f) => f.field)).toEqual(['montant']);
    expect(
      checkMove(
        DEFAULT_RULES,
        facts({ from: 'En discussion', amount: 0 }),
        'Proposition envoyée',
        null,
      ).ok,
    ).toBe(false);
    expect(
      checkMove(
        DEFAULT_RULES,
        facts({ from: 'En discussion', amount: 4800 }),
        'Proposition envoyée',
        null,
      ).ok,
    ).toBe(true);
  });

  it('applies the rules of every stage a move skips over', () => {
    const result = checkMove(
      DEFAULT_RULES,
      facts({ icpScore: 40, outboundInteraction: false, amount: null }),
      'Gagné',
      null,
    );
    expect(messages(result).map((m) => m.split(' :')[0])).toEqual([
      'Qualifié',
      'Contacté',
      'Proposition envoyée',
    ]);
  });

  it('refuses skipping when Parametres forbid it', () => {
    const rules = { ...DEFAULT_RULES, skippingAllowed: false };
    expect(messages(checkMove(rules, facts(), 'Contacté', null))).toEqual([
      'Passez d’abord par l’étape « Qualifié » : le pipeline avance d’une étape à la fois.',
    ]);
    expect(checkMove(rules, facts(), 'Qualifié', null).ok).toBe(true);
  });

  it('needs a reason to lose a deal, from any open stage', () => {
    for (const from of ['Lead', 'Négociation'] as Stage[]) {
      const refused = checkMove(DEFAULT_RULES, facts({ from }), 'Perdu', '  ');
      expect(refused.ok ? [] : refused.failures.map((f) => f.field)).toEqual(['raisonPerte']);
      expect(checkMove(DEFAULT_RULES, facts({ from }), 'Perdu', 'Budget annulé').ok).toBe(true);
    }
  });

  it('lets a deal go back a stage, and keeps closed deals closed unless reopening is allowed', () => {
    expect(checkMove(DEFAULT_RULES, facts({ from: 'Négociation' }), 'En discussion', null).ok).toBe(
      true,
    );
    for (const from of ['Gagné', 'Perdu'] as Stage[]) {
      expect(messages(checkMove(DEFAULT_RULES, facts({ from }), 'Négociation', null))[0]).toContain(
        'close',
      );
      expect(
        checkMove(
          { ...DEFAULT_RULES, reopeningAllowed: true },
          facts({ from }),
          'Négociation',
          null,
        ).ok,
      ).toBe(true);
    }
    expect(messages(checkMove(DEFAULT_RULES, facts(), 'Lead', null))[0]).toContain('déjà');
  });

  it('switches each rule off from Parametres', () => {
    const off = rulesFromSettings(
      new Map([
        ['pipeline.regle_qualifie_score_icp', 'non'],
        ['pipeline.regle_qualifie_budget_ou_ao', 'NON'],
        ['pipeline.regle_contacte_interaction_sortante', 'faux'],
        ['pipeline.regle_proposition_montant', '0'],
        ['pipeline.regle_perdu_raison', 'non'],
      ]),
    );
    const bare = facts({ icpScore: null, budgetConfirmed: false, outboundInteraction: false });
    expect(checkMove(off, bare, 'Gagné', null).ok).toBe(true);
    expect(checkMove(off, bare, 'Perdu', null).ok).toBe(true);
  });

  it('reads the threshold and probabilities from Parametres, keeping defaults for bad values', () => {
    const rules = rulesFromSettings(
      new Map([
        ['icp.seuil_qualifie', '60'],
        ['pipeline.probabilite.Négociation', '75'],
        ['pipeline.probabilite.Contacté', '35 %'],
        ['pipeline.probabilite.Lead', 'beaucoup'],
        ['pipeline.regle_perdu_raison', 'peut-être'],
      ]),
    );
    expect(rules.qualifiedScoreMin).toBe(60);
    expect(rules.probabilities.Négociation).toBeCloseTo(0.75);
    expect(rules.probabilities.Contacté).toBeCloseTo(0.35);
    expect(rules.probabilities.Lead).toBe(0.1);
    expect(rules.lostNeedsReason).toBe(true);
    expect(rulesFromSettings(new Map([['icp.seuil_qualifie', '140']])).qualifiedScoreMin).toBe(70);
  });

  it('has a Parametres default for every rule and stage probability, matching DEFAULT_RULES', () => {
    const defaults = new Map(SETTINGS.map((s) => [s.key, s.defaultValue]));
    expect(rulesFromSettings(defaults)).toEqual(DEFAULT_RULES);
    for (const stage of PIPELINE_STAGES)
      expect(defaults.has(`pipeline.probabilite.${stage}`)).toBe(true);
  });

  it('describes a refusal on one line per rule', () => {
    expect(
      describeRefusal('Lead', 'Qualifié', [
        { rule: 'a', message: 'Qualifié : un.' },
        { rule: 'b', message: 'Qualifié : deux.' },
      ]),
    ).toBe('Passage de « Lead » à « Qualifié » refusé :\n• Qualifié : un.\n• Qualifié : deux.');
  });

  it('walks the stages in order to Gagné', () => {
    const path: string[] = [];
    for (let s: Stage | null = 'Lead'; s; s = nextStageOf(s)) path.push(s);
    expect(path).toEqual([
      'Lead',
      'Qualifié',
      'Contacté',
      'En discussion',
      'Proposition envoyée',
      'Négociation',
      'Gagné',
    ]);
    expect(nextStageOf('Perdu')).toBeNull();
  });
});

describe('stage history', () => {
  it('parses what it formats, skips garbage lines and sorts by time', () => {
    const text =
      '2026-10-02 09:00 Qualifié\nnote libre\n2026-09-14 10:05 Lead\n2026-10-20 Contacté';
    const entries = parseHistory(text);
    expect(entries.map((e) => e.stage)).toEqual(['Lead', 'Qualifié', 'Contacté']);
    expect(formatHistory(entries)).toBe(
      '2026-09-14 10:05 Lead\n2026-10-02 09:00 Qualifié\n2026-10-20 Contacté',
    );
    expect(parseHistory('2026-09-14 → Négociation')).toEqual([
      { stage: 'Négociation', day: '2026-09-14', time: null },
    ]);
    expect(parseHistory('')).toEqual([]);
    expect(parseHistory(42)).toEqual([]);
  });

  it('round-trips any history (property)', () => {
    const entry = fc.record({
      stage: fc.constantFrom(...PIPELINE_STAGES),
      day: fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
      time: fc.option(
        fc
          .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
          .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const once = parseHistory(formatHistory(entries));
        expect(parseHistory(formatHistory(once))).toEqual(once);
        expect(once).toHaveLength(entries.length);
      }),
    );
  });
});

describe('planning a move', () => {
  const at = { day: '2026-11-28', time: '11:30' };

  it('stamps the stage, its day and a history line, and moves the default probability', () => {
    const changes = planMove(
      DEFAULT_RULES,
      {
        stage: 'Lead',
        probability: 0.1,
        history: '2026-11-01 09:00 Lead',
        createdDay: '2026-11-01',
      },
      'Qualifié',
      null,
      at,
    );
    expect(changes).toEqual({
      etape: 'Qualifié',
      etapeDepuis: '2026-11-28',
      historiqueEtapes: '2026-11-01 09:00 Lead\n2026-11-28 11:30 Qualifié',
      probabilite: 0.2,
    });
  });

  it('keeps a probability the user set, writes the loss reason, and starts an empty history', () => {
    const kept = planMove(
      DEFAULT_RULES,
      { stage: 'Contacté', probability: 0.55, history: '', createdDay: '2026-10-03' },
      'En discussion',
      null,
      at,
    );
    expect(kept.probabilite).toBeUndefined();
    expect(kept.historiqueEtapes).toBe('2026-10-03 Contacté\n2026-11-28 11:30 En discussion');
    const lost = planMove(
      DEFAULT_RULES,
      { stage: 'Contacté', probability: 0.55, history: '', createdDay: '2026-10-03' },
      'Perdu',
      ' Budget gelé ',
      at,
    );
    expect(lost).toMatchObject({ probabilite: 0, raisonPerte: 'Budget gelé' });
  });

  it('gives a new opportunity its stage, day and probability unless one was typed', () => {
    expect(initialStage(DEFAULT_RULES, 'Lead', false, at)).toEqual({
      etape: 'Lead',
      etapeDepuis: '2026-11-28',
      historiqueEtapes: '2026-11-28 11:30 Lead',
      probabilite: 0.1,
    });
    expect(initialStage(DEFAULT_RULES, 'Qualifié', true, at).probabilite).toBeUndefined();
  });
});

describe('pipeline figures', () => {
  const opp = (
    stage: Stage,
    history: string,
    amount: number | null,
    probability: number | null = null,
  ) => ({
    stage,
    history,
    amount,
    probability,
    createdDay: '2026-01-01',
  });

  it('computes average days per stage from completed stays only', () => {
    const figures = computePipelineFigures(
      [
        opp(
          'Contacté',
          '2026-09-01 10:00 Lead\n2026-09-11 10:00 Qualifié\n2026-09-15 22:00 Contacté',
          1000,
        ),
        opp('Qualifié', '2026-10-01 Lead\n2026-10-21 Qualifié', 2000),
      ],
      DEFAULT_RULES.probabilities,
    );
    const byStage = new Map(figures.stages.map((s) => [s.stage, s]));
    expect(byStage.get('Lead')).toMatchObject({ averageDays: 15, completedStays: 2 });
    expect(byStage.get('Qualifié')).toMatchObject({ averageDays: 4.5, completedStays: 1 });
    expect(byStage.get('Contacté')).toMatchObject({
      averageDays: null,
      completedStays: 0,
      count: 1,
    });
  });

  it('computes conversion from each stage onward and weighted value by stage', () => {
    const figures = computePipelineFigures(
      [
        opp('Gagné', '2026-01-01 Lead\n2026-02-01 Qualifié\n2026-03-01 Gagné', 10000),
        opp('Perdu', '2026-01-01 Lead\n2026-02-01 Qualifié\n2026-02-10 Perdu', 5000),
        opp('Lead', '2026-03-01 Lead', 2000),
        opp('Négociation', '2026-01-01 Lead\n2026-03-01 Négociation', 8000, 0.5),
        opp('Négociation', '', 1000),
      ],
      DEFAULT_RULES.probabilities,
    );
    const byStage = new Map(figures.stages.map((s) => [s.stage, s]));
    expect(byStage.get('Lead')).toMatchObject({ reached: 4, advanced: 3, conversion: 0.75 });
    expect(byStage.get('Qualifié')).toMatchObject({ reached: 2, advanced: 1, conversion: 0.5 });
    expect(byStage.get('Négociation')).toMatchObject({
      count: 2,
      amount: 9000,
      weightedAmount: 4800,
    });
    expect(byStage.get('Gagné')?.conversion).toBeNull();
    expect(figures).toMatchObject({
      openCount: 3,
      openAmount: 11000,
      weightedOpenAmount: 5000,
      wonAmount: 10000,
      winRate: 0.5,
    });
  });

  it('keeps every opportunity counted once and values within bounds (property)', () => {
    const arb = fc.array(
      fc.record({
        stage: fc.constantFrom(...PIPELINE_STAGES),
        amount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
        probability: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
        history: fc.constantFrom('', '2026-01-01 Lead\n2026-02-01 Qualifié', 'n’importe quoi'),
        createdDay: fc.constant('2026-01-01'),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (opps) => {
        const figures = computePipelineFigures(opps, DEFAULT_RULES.probabilities);
        expect(figures.stages.reduce((a, s) => a + s.count, 0)).toBe(opps.length);
        for (const s of figures.stages) {
          expect(s.weightedAmount).toBeLessThanOrEqual(s.amount + 1e-6);
          if (s.conversion !== null) {
            expect(s.conversion).toBeGreaterThanOrEqual(0);
            expect(s.conversion).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });
});
