import fc from 'fast-check';
import {
  matchesSegment,
  parseSegmentFilter,
  segmentLabel,
  sizeBand,
  temperatureOf,
} from '../../src/core/segments';

const rules = { inactiveAfterDays: 30 };
const today = '2026-11-28';
const i = (day: string, direction = 'Sortant', type = 'Appel') => ({
  contactId: 'CT-1',
  day,
  direction,
  type,
});

describe('temperature', () => {
  it('is cold without any interaction, inactive after the delay', () => {
    expect(temperatureOf([], today, rules)).toBe('Froid');
    expect(temperatureOf([i('2026-10-29')], today, rules)).toBe('Tiède');
    expect(temperatureOf([i('2026-10-28')], today, rules)).toBe('Inactif');
    expect(temperatureOf([i('2026-10-27')], today, rules)).toBe('Inactif');
    expect(temperatureOf([i('2026-10-27')], today, { inactiveAfterDays: 60 })).toBe('Froid');
  });

  it('is hot after a recent reply, sustained exchanges, or a deal under way', () => {
    expect(temperatureOf([i('2026-11-20', 'Entrant')], today, rules)).toBe('Chaud');
    expect(temperatureOf([i('2026-11-10', '', 'Email reçu')], today, rules)).toBe('Tiède');
    expect(
      temperatureOf([i('2026-11-01'), i('2026-11-05', 'Entrant'), i('2026-11-12')], today, rules),
    ).toBe('Chaud');
    expect(temperatureOf([i('2026-11-20')], today, rules, true)).toBe('Chaud');
    expect(temperatureOf([i('2026-11-20')], today, rules)).toBe('Tiède');
  });

  it('ignores interactions dated in the future', () => {
    expect(temperatureOf([i('2026-12-05', 'Entrant')], today, rules)).toBe('Froid');
  });
});

describe('size bands and labels', () => {
  it('bands population and staff', () => {
    expect(sizeBand('Commune', 5000, null)).toBe('5\u202f000–19\u202f999 hab.');
    expect(sizeBand('Commune', 4999, null)).toBe('2\u202f000–4\u202f999 hab.');
    expect(sizeBand('EPCI', 230_890, null)).toBe('100\u202f000 hab. et plus');
    expect(sizeBand('Entreprise RSE', null, 320)).toBe('250–999 sal.');
    expect(sizeBand('Commune', null, null)).toBe('');
    expect(sizeBand('Apiculteur', 10, 10)).toBe('');
    expect(segmentLabel('Commune', '5\u202f000–19\u202f999 hab.')).toBe(
      'Commune · 5\u202f000–19\u202f999 hab.',
    );
  });
});

describe('saved segments', () => {
  it('parses criteria in French, folding accents and case', () => {
    const parsed = parseSegmentFilter(
      'Type=Commune ; Région=bretagne, Pays de la Loire\ntempérature = Chaud',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(
      matchesSegment(parsed.filter, {
        type: ['Commune'],
        region: ['Bretagne'],
        temperature: ['chaud'],
      }),
    ).toBe(true);
    expect(
      matchesSegment(parsed.filter, {
        type: ['Commune'],
        region: ['Occitanie'],
        temperature: ['Chaud'],
      }),
    ).toBe(false);
    expect(matchesSegment(parsed.filter, { type: ['Commune'] })).toBe(false);
  });

  it('says which criterion it does not know', () => {
    expect(parseSegmentFilter('couleur=bleu')).toEqual({
      ok: false,
      message: expect.stringContaining('« couleur » inconnu'),
    });
    expect(parseSegmentFilter('type=')).toEqual({
      ok: false,
      message: "Segment : le critère « type » n'a pas de valeur.",
    });
    expect(parseSegmentFilter('  ')).toEqual({ ok: false, message: 'Segment : aucun critère.' });
  });

  it('never matches more when a criterion is added (property)', () => {
    const value = fc.constantFrom('Commune', 'EPCI', 'Bretagne', 'Chaud', 'Froid');
    fc.assert(
      fc.property(value, value, value, (t, r, extra) => {
        const loose = parseSegmentFilter(`type=${t}`);
        const strict = parseSegmentFilter(`type=${t}; region=${extra}`);
        if (!loose.ok || !strict.ok) return;
        const facts = { type: [t], region: [r] };
        if (matchesSegment(strict.filter, facts))
          expect(matchesSegment(loose.filter, facts)).toBe(true);
      }),
    );
  });
});
