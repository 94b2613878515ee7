/**
 * The BOAMP request side in core (src/core/boamp/query): ODSQL literals, the watch's `where`
 * from Parametres values and keywords, URLs within Apps Script's 2 KB and the API's page size,
 * the listing state that pages, splits day windows past the 10 000-record window and resumes,
 * and BOAMP's reading of HTTP statuses and failures.
 */
import fc from 'fast-check';
import {
  BOAMP_RECORDS_URL,
  BOAMP_RETRY_POLICY,
  MAX_URL_LENGTH,
  PAGE_SIZE,
  RESULT_WINDOW,
  addDays,
  advanceListing,
  buildWatchQueries,
  classifyBoampStatus,
  dayCount,
  describeBoampHttpFailure,
  describeBoampTransportFailure,
  describeBoampUnreadable,
  fullRecordRequests,
  longestPageUrlLength,
  nextListingStep,
  noticePageUrl,
  noticeWhere,
  odsqlDate,
  odsqlField,
  odsqlIn,
  odsqlSearch,
  odsqlString,
  searchableText,
  splitWindow,
  startListing,
  watchFiltersFromSettings,
  type ListingState,
  type NoticeQuery,
  type WatchFilters,
} from '../../src/core/boamp/query';
import { decideRetry, headerLookup } from '../../src/core/retry/retry-policy';
import { RELEVANCE_KEYS } from '../../src/core/boamp/relevance';
import { SETTINGS } from '../../src/core/settings/defaults';
import { compileWhere, OdsqlError } from '../../src/local/sandbox/stand-ins/boamp';

const NO_FILTERS: WatchFilters = {
  terms: [],
  cpv: [],
  descriptors: [],
  departements: [],
  natures: [],
  procedures: [],
};
const JULY = { from: '2024-07-01', to: '2024-07-02' };

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('ODSQL literals', () => {
  it('quotes strings, escaping quotes and backslashes, and flattens control characters', () => {
    expect(odsqlString('abeilles')).toBe('"abeilles"');
    expect(odsqlString('Pays d\'Orange "84"')).toBe('"Pays d\'Orange \\"84\\""');
    expect(odsqlString('a\\b')).toBe('"a\\\\b"');
    expect(odsqlString('ligne 1\nligne 2\t')).toBe('"ligne 1 ligne 2 "');
  });

  it('reads back as the same single string literal, whatever the text (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        const where = `objet = ${odsqlString(value)}`;
        // eslint-disable-next-line no-control-regex
        const expected = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
        const match = compileWhere(where);
        expect(match({ objet: expected })).toBe(true);
        expect(match({ objet: `${expected}x` })).toBe(false);
      }),
    );
  });

  it('writes dates, lists and searches, and refuses what is not a field or a day', () => {
    expect(odsqlDate('2024-07-01')).toBe("date'2024-07-01'");
    expect(() => odsqlDate('2024-02-30')).toThrow();
    expect(() => odsqlDate("2024-07-01' OR '1")).toThrow();
    expect(odsqlIn('code_departement', ['84'])).toBe('code_departement = "84"');
    expect(odsqlIn('descripteur_code', ['116', '118'])).toBe('descripteur_code IN ("116", "118")');
    expect(odsqlSearch('objet', 'ruches')).toBe('search(objet, "ruches")');
    expect(() => odsqlField('objet) OR (1')).toThrow();
    expect(() => odsqlIn('nature', [])).toThrow();
  });

  it('reduces a search word to letters, digits, spaces, apostrophes and hyphens', () => {
    expect(searchableText('  Frelon   ASIATIQUE ')).toBe('frelon asiatique');
    expect(searchableText('abeille") OR (1=1')).toBe('abeille or 1 1');
    expect(searchableText('Faune-flore, d’eau : « zones » humides')).toBe(
      "faune-flore d'eau zones humides",
    );
    expect(searchableText('Œuvre écologique')).toBe('œuvre écologique');
  });
});

describe('watch filters from Parametres', () => {
  const settings = (values: Record<string, string>) => new Map(Object.entries(values));

  it('reads the restrictions, normalises codes and reports every value it leaves out', () => {
    const { filters, problems } = watchFiltersFromSettings(
      settings({
        'boamp.departements_veille': '84, 1; 2a, 971, 8A, 84',
        'boamp.types_avis': 'appel offre, ATTRIBUTION',
        'boamp.types_procedure': 'procedure_adapte, adaptée!',
      }),
      ['ruches', 'abeilles'],
    );
    expect(filters).toMatchObject({
      terms: ['ruches', 'abeilles'],
      departements: ['84', '01', '2A', '971'],
      natures: ['APPEL_OFFRE', 'ATTRIBUTION'],
      procedures: ['PROCEDURE_ADAPTE'],
      descriptors: [],
    });
    expect(problems).toEqual([
      'Réglage « boamp.departements_veille » : valeur « 8A » ignorée (format non reconnu).',
      'Réglage « boamp.types_procedure » : valeur « adaptée! » ignorée (format non reconnu).',
    ]);
  });

  it('takes its net from the relevance settings: positive words and core CPV families', () => {
    const { filters } = watchFiltersFromSettings(
      settings({
        [RELEVANCE_KEYS.core]: 'ruche = 40 ; apicul* = 40',
        [RELEVANCE_KEYS.adjacent]: 'biodiversité = 30 ; jardin = 0',
        [RELEVANCE_KEYS.excluded]: 'voirie = 30',
        [RELEVANCE_KEYS.cpvCore]: '779 apiculture = 40 ; 03142100 miel naturel = 40 ; 45 = -10',
      }),
    );
    expect(filters.terms).toEqual(['ruche', 'apicul*', 'biodiversité']);
    expect(filters.cpv).toEqual(['77900000', '03142100']);
  });

  it('reads the defaults seeded in Parametres without a problem', () => {
    const defaults = new Map(SETTINGS.map((s) => [s.key, s.defaultValue]));
    const { filters, problems } = watchFiltersFromSettings(defaults);
    expect(problems).toEqual([]);
    expect(filters.departements).toEqual([]);
    expect(filters.natures).toEqual([]);
    expect(filters.cpv).toContain('77900000');
    expect(filters.terms).toEqual(expect.arrayContaining(['ruche', 'frelon asiatique', 'faune']));
    // The whole default keyword list fits in a handful of requests a day.
    const { queries, problems: unsent } = buildWatchQueries(filters, JULY);
    expect(unsent).toEqual([]);
    expect(queries.length).toBeLessThanOrEqual(8);
    const asked = queries.flatMap((q) => q.anyOf);
    expect(asked).toContain('search(objet, "frelon")');
    expect(asked).toContain('search(donnees, "77900000")');
    // "frelon asiatique" is covered by "frelon": sending it would only lengthen the URL.
    expect(asked).not.toContain('search(objet, "frelon asiatique")');
  });
});

describe('watch queries', () => {
  it('asks for every notice of the window when no net is set', () => {
    const plan = buildWatchQueries(NO_FILTERS, JULY);
    expect(plan).toEqual({ queries: [{ window: JULY, anyOf: [], allOf: [] }], problems: [] });
    expect(noticeWhere(plan.queries[0] as NoticeQuery)).toBe(
      "dateparution >= date'2024-07-01' AND dateparution <= date'2024-07-02'",
    );
  });

  it('ORs the nets, ANDs the restrictions, and adds the unaccented spelling of a word', () => {
    const { queries } = buildWatchQueries(
      {
        terms: ['Biodiversité', 'ruches', 'biodiversite', 'atlas de la biodiversité'],
        cpv: ['90720000'],
        descriptors: ['116', '118'],
        departements: ['84'],
        natures: ['APPEL_OFFRE'],
        procedures: [],
      },
      JULY,
    );
    expect(queries).toHaveLength(1);
    expect(noticeWhere(queries[0] as NoticeQuery)).toBe(
      "dateparution >= date'2024-07-01' AND dateparution <= date'2024-07-02' AND " +
        '(descripteur_code IN ("116", "118") OR search(donnees, "90720000") OR ' +
        'search(objet, "biodiversité") OR search(objet, "biodiversite") OR search(objet, "ruches")) AND ' +
        'code_departement = "84" AND nature = "APPEL_OFFRE"',
    );
  });

  it('spreads a long keyword list over several queries, each URL within the limit', () => {
    const terms = Array.from({ length: 80 }, (_, i) => `végétalisation écologique ${i}`);
    const filters = { ...NO_FILTERS, terms, departements: ['84', '13'] };
    const { queries, problems } = buildWatchQueries(filters, JULY);
    expect(problems).toEqual([]);
    expect(queries.length).toBeGreaterThan(3);
    for (const q of queries) {
      expect(longestPageUrlLength(q)).toBeLessThanOrEqual(MAX_URL_LENGTH);
      expect(q.allOf).toEqual(['code_departement IN ("84", "13")']);
    }
    // Every spelling is asked exactly once across the queries.
    const asked = queries.flatMap((q) => q.anyOf);
    expect(asked).toHaveLength(160);
    expect(new Set(asked).size).toBe(160);
  });

  it('reports words it cannot send instead of dropping them silently', () => {
    const { queries, problems } = buildWatchQueries(
      { ...NO_FILTERS, terms: ['!!!', 'ruches', 'x'.repeat(3000)] },
      JULY,
    );
    expect(queries.flatMap((q) => q.anyOf)).toEqual(['search(objet, "ruches")']);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('Recherche BOAMP : mot-clé « !!! » vide une fois nettoyé, ignoré.');
    expect(problems[1]).toMatch(/^Recherche BOAMP : condition trop longue/);
  });

  it('refuses a window that is not two ordered days', () => {
    expect(() => buildWatchQueries(NO_FILTERS, { from: '2024-07-02', to: '2024-07-01' })).toThrow();
    expect(() => buildWatchQueries(NO_FILTERS, { from: '2024-7-1', to: '2024-07-01' })).toThrow();
  });

  it('parses in the stand-in’s ODSQL subset whatever the keywords (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 }), { maxLength: 8 }), (terms) => {
        for (const q of buildWatchQueries({ ...NO_FILTERS, terms }, JULY).queries) {
          expect(() => compileWhere(noticeWhere(q))).not.toThrow();
        }
      }),
    );
    expect(() => compileWhere('objet = "a" OR')).toThrow(OdsqlError);
  });
});

describe('request URLs', () => {
  const query: NoticeQuery = { window: JULY, anyOf: ['search(objet, "ruches")'], allOf: [] };

  it('lists without donnees, 100 a page, oldest first', () => {
    const url = noticePageUrl(query, 200);
    expect(url.startsWith(`${BOAMP_RECORDS_URL}?`)).toBe(true);
    expect(params(url)).toEqual({
      select:
        'idweb,objet,nomacheteur,dateparution,datelimitereponse,url_avis,famille,nature,etat,type_procedure,code_departement,descripteur_code,descripteur_libelle,type_marche,annonce_lie,annonces_anterieures,titulaire',
      where: noticeWhere(query),
      order_by: 'dateparution ASC, idweb ASC',
      limit: '100',
      offset: '200',
    });
    expect(() => noticePageUrl(query, 0, 101)).toThrow();
    expect(() => noticePageUrl(query, -100)).toThrow();
  });

  it('asks full records by idweb in as few requests as page size and URL length allow', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `24-${10000 + i}`);
    const requests = fullRecordRequests([...ids, '24-10000']);
    expect(requests.flatMap((r) => r.idwebs)).toEqual(ids);
    for (const r of requests) {
      expect(r.url.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
      expect(r.idwebs.length).toBeLessThanOrEqual(PAGE_SIZE);
      const p = params(r.url);
      expect(p.select).toContain('donnees');
      expect(p.select).toContain('gestion');
      expect(p.limit).toBe(String(r.idwebs.length));
      expect(p.where).toBe(`idweb IN (${r.idwebs.map((id) => `"${id}"`).join(', ')})`);
    }
    expect(requests.length).toBeLessThanOrEqual(4);
    expect(params(fullRecordRequests(['24-76932'])[0]?.url ?? '').where).toBe('idweb = "24-76932"');
    expect(() => fullRecordRequests(['24-1" OR "1'])).toThrow();
  });
});

describe('listing state', () => {
  const q = (from: string, to: string): NoticeQuery => ({
    window: { from, to },
    anyOf: [],
    allOf: [],
  });
  const page = (offset: number, totalCount: number, received: number) => ({
    offset,
    totalCount,
    received,
  });

  it('reads a query page by page: the first page alone, then several at once', () => {
    let state = startListing([q('2024-07-01', '2024-07-01'), q('2024-07-02', '2024-07-02')]);
    expect(nextListingStep(state, 3)).toEqual({
      done: false,
      query: state.pending[0],
      offsets: [0],
    });
    state = advanceListing(state, [page(0, 350, 100)]);
    expect(nextListingStep(state, 3)).toMatchObject({ offsets: [100, 200, 300] });
    state = advanceListing(state, [page(200, 350, 100), page(100, 350, 100), page(300, 350, 50)]);
    // On to the second query.
    expect(state.pending).toHaveLength(1);
    expect(nextListingStep(state, 3)).toMatchObject({ offsets: [0] });
    state = advanceListing(state, [page(0, 0, 0)]);
    expect(nextListingStep(state)).toEqual({ done: true });
    expect(state.truncated).toEqual([]);
  });

  it('follows a total that grows while it reads, and stops on a short page', () => {
    let state = startListing([q('2024-07-01', '2024-07-03')]);
    state = advanceListing(state, [page(0, 150, 100)]);
    state = advanceListing(state, [page(100, 230, 100)]);
    expect(state.totalCount).toBe(230);
    expect(nextListingStep(state, 5)).toMatchObject({ offsets: [200] });
    state = advanceListing(state, [page(200, 230, 30)]);
    expect(nextListingStep(state)).toEqual({ done: true });
  });

  it('splits a window past the result window into halves, and truncates a single day', () => {
    let state: ListingState = startListing([q('2024-07-01', '2024-07-04')]);
    state = advanceListing(state, [page(0, RESULT_WINDOW + 1, 100)]);
    expect(state.pending.map((p) => p.window)).toEqual([
      { from: '2024-07-01', to: '2024-07-02' },
      { from: '2024-07-03', to: '2024-07-04' },
    ]);
    expect(state).toMatchObject({ offset: 0, totalCount: null });
    state = advanceListing(state, [page(0, RESULT_WINDOW + 5, 100)]);
    expect(state.pending.map((p) => p.window.from)).toEqual([
      '2024-07-01',
      '2024-07-02',
      '2024-07-03',
    ]);
    // 2024-07-01 alone is still too big: read up to the window, and say so.
    state = advanceListing(state, [page(0, 12_000, 100)]);
    expect(state.truncated).toEqual([{ from: '2024-07-01', to: '2024-07-01' }]);
    state = { ...state, offset: 9_800 };
    expect(nextListingStep(state, 5)).toMatchObject({ offsets: [9_800, 9_900] });
    state = advanceListing(state, [page(9_800, 12_000, 100), page(9_900, 12_000, 100)]);
    expect(state.pending[0]?.window.from).toBe('2024-07-02');
  });

  it('survives a JSON round trip, as a checkpoint in script properties', () => {
    let state = startListing([q('2024-07-01', '2024-07-10')]);
    state = advanceListing(state, [page(0, 500, 100)]);
    const restored = JSON.parse(JSON.stringify(state)) as ListingState;
    expect(nextListingStep(restored, 2)).toEqual(nextListingStep(state, 2));
  });

  it('does day arithmetic across months and years', () => {
    expect(dayCount({ from: '2024-02-27', to: '2024-03-02' })).toBe(5);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(splitWindow({ from: '2024-07-01', to: '2024-07-01' })).toBeNull();
    expect(splitWindow({ from: '2024-07-01', to: '2024-07-05' })).toEqual([
      { from: '2024-07-01', to: '2024-07-02' },
      { from: '2024-07-03', to: '2024-07-05' },
    ]);
  });
});

describe('BOAMP statuses and failures', () => {
  const h = headerLookup({});

  it('retries 408, 429 and 5xx, stops on other 4xx', () => {
    expect(classifyBoampStatus(200, h)).toBe('success');
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyBoampStatus(s, h)).toBe('retry');
    for (const s of [400, 401, 403, 404, 405]) expect(classifyBoampStatus(s, h)).toBe('stop');
  });

  it('honours Retry-After and gives up on a quota reset too far away', () => {
    const context = { retriesDone: 0, sleptMs: 0, jitter: 0 };
    const outcome = (retryAfter: string) => ({
      kind: 'response' as const,
      status: 429,
      header: headerLookup({ 'Retry-After': retryAfter }),
    });
    expect(decideRetry(outcome('5'), BOAMP_RETRY_POLICY, context)).toEqual({
      retry: true,
      delayMs: 5000,
      basis: 'retry-after',
    });
    expect(decideRetry(outcome('3600'), BOAMP_RETRY_POLICY, context)).toEqual({
      retry: false,
      reason: 'wait-too-long',
      waitMs: 3_600_000,
    });
    expect(
      decideRetry({ kind: 'transport' }, BOAMP_RETRY_POLICY, { ...context, retriesDone: 3 }),
    ).toEqual({ retry: false, reason: 'attempts-exhausted' });
  });

  it('says in French what happened and what comes next', () => {
    expect(
      describeBoampHttpFailure(429, '', { reason: 'wait-too-long', waitMs: 3_600_000 }),
    ).toEqual({
      code: 'QUOTA',
      message:
        'Quota de l’API BOAMP (Opendatasoft) atteint (HTTP 429) : la veille BOAMP reprendra d’elle-même dans 1 h environ.',
    });
    expect(
      describeBoampHttpFailure(
        400,
        JSON.stringify({ error_code: 'ODSQLError', message: 'Unknown field: foo' }),
        { reason: 'not-retryable' },
      ),
    ).toEqual({
      code: 'HTTP_4XX',
      message:
        'L’API BOAMP a refusé la requête de la veille (HTTP 400 : « Unknown field: foo ») : vérifiez les réglages « boamp.* » dans Paramètres, puis signalez l’erreur si elle persiste.',
    });
    expect(describeBoampHttpFailure(503, '<html>', { reason: 'attempts-exhausted' })).toEqual({
      code: 'HTTP_5XX',
      message:
        'Le service BOAMP ne répond pas correctement (HTTP 503, après plusieurs essais) : la veille BOAMP reprendra à la prochaine exécution.',
    });
    expect(describeBoampHttpFailure(404, '', { reason: 'not-retryable' }).code).toBe('HTTP_4XX');
    expect(describeBoampTransportFailure().message).toMatch(/^API BOAMP injoignable/);
    expect(describeBoampUnreadable('JSON invalide').message).toBe(
      'Réponse illisible de l’API BOAMP (JSON invalide) : rien n’a été enregistré, la veille BOAMP reprendra à la prochaine exécution.',
    );
  });
});
