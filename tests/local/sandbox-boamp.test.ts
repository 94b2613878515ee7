/**
 * The sandbox's BOAMP stand-in on its own (src/local/sandbox/stand-ins/boamp.ts): the real
 * notices of ../shared/data/boamp in the API's record shape, the ODSQL subset the query builder
 * emits, the API's refusals (400 for what it does not know or past the 10 000-record window),
 * and its error shape for injected faults.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { STAND_INS } from '../../src/local/sandbox/stand-ins';
import {
  BOAMP_FIELDS,
  BOAMP_RECORDS_PATH,
  createBoampStandIn,
  defaultBoampDataDir,
  loadBoampDataset,
} from '../../src/local/sandbox/stand-ins/boamp';
import type { SandboxRequest } from '../../src/local/sandbox/types';

const standIn = createBoampStandIn();

function get(query: Record<string, string>, requestPath = BOAMP_RECORDS_PATH, method = 'GET') {
  const request: SandboxRequest = {
    method,
    host: 'boamp-datadila.opendatasoft.com',
    path: requestPath,
    query,
    headers: {},
    body: Buffer.alloc(0),
    bodyText: '',
  };
  const res = standIn.handle(request);
  return res as {
    status: number;
    headers?: Record<string, string>;
    body: {
      total_count: number;
      results: Array<Record<string, unknown>>;
      error_code?: string;
      message?: string;
    };
  };
}

const ids = (res: ReturnType<typeof get>) => res.body.results.map((r) => r.idweb);

describe('BOAMP stand-in data', () => {
  it('reads the real notices from the shared folder beside the repository', () => {
    expect(fs.existsSync(defaultBoampDataDir())).toBe(true);
    const { rows, warning } = loadBoampDataset();
    expect(warning).toBeNull();
    expect(rows).toHaveLength(10_000);
    const orange = rows.find((r) => r.idweb === '24-76932');
    expect(Object.keys(orange ?? {})).toEqual(expect.arrayContaining(BOAMP_FIELDS as string[]));
    expect(typeof orange?.donnees).toBe('string');
    // A notice of the titles file: its six fields, the others null as the API gives them.
    const title = rows.find((r) => r.idweb === '17-144827');
    expect(title).toMatchObject({ id: '17_144827', donnees: null, code_departement: null });
  });

  it('answers empty, and says why, when the data is not there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boamp-none-'));
    const empty = createBoampStandIn({ dataDir: dir });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const res = empty.handle({
      method: 'GET',
      host: 'boamp-datadila.opendatasoft.com',
      path: BOAMP_RECORDS_PATH,
      query: {},
      headers: {},
      body: Buffer.alloc(0),
      bodyText: '',
    });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total_count: 0, results: [] });
    expect(res.headers?.['x-sandbox-warning']).toMatch(/BOAMP data not found/);
  });

  it('is registered for the BOAMP host', () => {
    expect(STAND_INS.find((s) => s.matches('boamp-datadila.opendatasoft.com'))?.name).toBe('boamp');
  });
});

describe('BOAMP stand-in queries', () => {
  it('filters by day window, sorts, pages and counts', () => {
    const where = "dateparution >= date'2024-06-01' AND dateparution <= date'2024-06-30'";
    const all = get({ where, limit: '100', order_by: 'dateparution ASC, idweb ASC' });
    expect(all.status).toBe(200);
    const total = all.body.total_count;
    expect(total).toBeGreaterThan(10);
    const days = all.body.results.map((r) => String(r.dateparution));
    expect([...days].sort()).toEqual(days);
    const second = get({ where, limit: '5', offset: '5', order_by: 'dateparution ASC, idweb ASC' });
    expect(ids(second)).toEqual(ids(all).slice(5, 10));
    expect(second.body.total_count).toBe(total);
    const desc = get({ where, limit: '1', order_by: 'dateparution DESC' });
    expect(desc.body.results[0]?.dateparution).toBe(days[days.length - 1]);
  });

  it('matches search() on words, accents and case folded, and like with %', () => {
    const search = get({ where: 'search(objet, "chiroptères")', limit: '100', select: 'objet' });
    expect(search.body.total_count).toBeGreaterThan(0);
    for (const r of search.body.results) expect(String(r.objet)).toMatch(/chiropt/i);
    const like = get({ where: 'objet like "%CHIROPT%"', limit: '100', select: 'objet' });
    // like is a plain pattern: it also finds "chiroptère" and longer words that search() misses.
    expect(like.body.total_count).toBeGreaterThanOrEqual(search.body.total_count);
    for (const r of like.body.results) expect(String(r.objet)).toMatch(/chiropt/i);
  });

  it('matches any element of a multi-valued field, IN lists, NOT, IS NULL and brackets', () => {
    const lorraine = get({ where: 'code_departement = "57"' });
    expect(ids(lorraine)).toEqual(['24-76638']);
    const both = get({
      where: 'descripteur_code IN ("116", "118") AND NOT (code_departement = "84")',
    });
    expect(ids(both)).toEqual(['24-76638']);
    expect(get({ where: 'donnees IS NOT NULL' }).body.total_count).toBe(2);
    expect(get({ where: 'donnees IS NULL' }).body.total_count).toBe(9_998);
    expect(get({ where: 'idweb = "24-76932" OR idweb = \'24-76638\'' }).body.total_count).toBe(2);
  });

  it('projects the selected fields, in order; * gives them all', () => {
    const res = get({ where: 'idweb = "24-76932"', select: 'objet,idweb' });
    expect(res.body.results).toEqual([
      {
        objet:
          "MISSION DE MAITRISE D’ŒUVRE CRÉATION D'OUVRAGE D'INFRASTRUCTURE - RESTRUCTURATION DE LA DÉCHETTERIE D'ORANGE",
        idweb: '24-76932',
      },
    ]);
    expect(
      Object.keys(get({ where: 'idweb = "24-76932"', select: '*' }).body.results[0] ?? {}),
    ).toEqual(BOAMP_FIELDS);
  });
});

describe('BOAMP stand-in refusals', () => {
  const refused = (query: Record<string, string>) => {
    const res = get(query);
    return [res.status, res.body.error_code];
  };

  it('refuses what it does not know with a 400, as the API does', () => {
    expect(refused({ where: 'contractfolderid = "x"' })).toEqual([400, 'ODSQLError']);
    expect(refused({ where: "within_distance(geo, geom'POINT(1 1)', 1km)" })).toEqual([
      400,
      'ODSQLError',
    ]);
    expect(refused({ where: 'objet = "sans fin' })).toEqual([400, 'ODSQLError']);
    expect(refused({ where: 'objet = "a" OR' })).toEqual([400, 'ODSQLError']);
    expect(refused({ select: 'count(*) as n' })).toEqual([400, 'ODSQLError']);
    expect(refused({ select: 'idweb,contractfolderid' })).toEqual([400, 'ODSQLError']);
    expect(refused({ order_by: 'random()' })).toEqual([400, 'ODSQLError']);
    expect(refused({ limit: '101' })).toEqual([400, 'InvalidRESTParameterError']);
  });

  it('refuses offset + limit past 10 000, and answers up to it', () => {
    expect(refused({ offset: '9950', limit: '100' })).toEqual([400, 'InvalidRESTParameterError']);
    expect(get({ offset: '9900', limit: '100' }).body.results).toHaveLength(100);
    expect(get({ offset: '9990', limit: '10' }).body.total_count).toBe(10_000);
  });

  it('answers 404 off the records endpoint and 405 to another method', () => {
    expect(get({}, '/api/explore/v2.1/catalog/datasets/autre/records').status).toBe(404);
    expect(get({}, BOAMP_RECORDS_PATH, 'POST').status).toBe(405);
  });

  it('gives injected faults Opendatasoft’s error shape', () => {
    expect(standIn.errorResponse?.(429)).toMatchObject({
      status: 429,
      body: { error_code: 'TooManyRequests' },
    });
    expect(standIn.errorResponse?.(502)).toMatchObject({
      status: 502,
      body: { error_code: 'BadGateway' },
    });
    expect(standIn.errorResponse?.(418)).toMatchObject({ body: { error_code: 'ClientError' } });
  });
});
