/**
 * Stand-in for the BOAMP Explore API v2.1 (shared/apis/boamp.md §1.2), serving REAL notices:
 * the 10 000 of `shared/data/boamp/notices-titles.json` (six fields each, the others null, as
 * the API gives absent fields) and, for the two notices it holds, the complete records of
 * `notices-full-mapa-2024.json` (with `gestion` and `donnees`). Nothing is invented.
 *
 * `GET /api/explore/v2.1/catalog/datasets/boamp/records` with:
 * - `where`: the ODSQL subset the CRM's query builder emits — `AND`, `OR`, `NOT`, brackets,
 *   comparisons with strings, numbers and `date'yyyy-MM-dd'`, `IN (…)`, `search(field, "…")`,
 *   `field like "%…%"`, `IS [NOT] NULL`. Anything else is refused with a 400 as the API would.
 *   `search()` is approximated: every word of the text must start a word of the field, accents
 *   and case folded (the real one is fuzzier);
 * - `select` (`*` or field names; an unknown field is a 400), `order_by` (`field [ASC|DESC]`,
 *   comma-separated), `limit` (0–100, default 10), `offset`, with `offset + limit ≤ 10 000`
 *   (else 400), and `total_count` in the answer;
 * - errors as `{error_code, message}` [inferred from Opendatasoft clients]; injected faults
 *   (the sandbox's fault mechanism) answer with that shape too.
 *
 * The data is read at the first request from `../shared/data/boamp` beside the repository (as in
 * CI and in a checkout), or from `$CRM_SHARED_DATA_DIR/boamp`. Without it the dataset is empty
 * and every answer says so in an `x-sandbox-warning` header.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldText as fold } from '../../../core/text/fold';
import { json, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';

export const BOAMP_RECORDS_PATH = '/api/explore/v2.1/catalog/datasets/boamp/records';

/** The dataset's fields, in the API's order (boamp.md §1.4, real July 2024 output). */
export const BOAMP_FIELDS: readonly string[] = [
  'idweb',
  'id',
  'annonce_reference_schema_v110',
  'objet',
  'filename',
  'famille',
  'code_departement',
  'code_departement_prestation',
  'famille_libelle',
  'dateparution',
  'datefindiffusion',
  'datelimitereponse',
  'nomacheteur',
  'titulaire',
  'perimetre',
  'type_procedure',
  'soustype_procedure',
  'procedure_libelle',
  'procedure_categorise',
  'nature',
  'sousnature',
  'nature_libelle',
  'sousnature_libelle',
  'nature_categorise',
  'nature_categorise_libelle',
  'criteres',
  'marche_public_simplifie',
  'marche_public_simplifie_label',
  'etat',
  'descripteur_code',
  'dc',
  'descripteur_libelle',
  'type_marche',
  'type_marche_facette',
  'type_avis',
  'annonce_lie',
  'annonces_anterieures',
  'annonces_anterieures_schema_v110',
  'source_schema',
  'gestion',
  'donnees',
  'url_avis',
];

type Row = Record<string, unknown>;

export interface BoampDataset {
  readonly rows: readonly Row[];
  /** Why the dataset is empty, when it is. */
  readonly warning: string | null;
}

export function defaultBoampDataDir(): string {
  const shared = process.env.CRM_SHARED_DATA_DIR;
  if (shared !== undefined && shared !== '') return path.join(shared, 'boamp');
  // src/local/sandbox/stand-ins → the repository → its sibling `shared`.
  return path.resolve(__dirname, '../../../../../shared/data/boamp');
}

/** The real notices as API records: full ones where the data has them, else the six fields. */
export function loadBoampDataset(dir = defaultBoampDataDir()): BoampDataset {
  const titlesFile = path.join(dir, 'notices-titles.json');
  const fullFile = path.join(dir, 'notices-full-mapa-2024.json');
  if (!fs.existsSync(titlesFile)) {
    return { rows: [], warning: `BOAMP data not found at ${titlesFile}` };
  }
  const titles = JSON.parse(fs.readFileSync(titlesFile, 'utf8')) as Row[];
  const full = fs.existsSync(fullFile)
    ? ((JSON.parse(fs.readFileSync(fullFile, 'utf8')) as { results?: Row[] }).results ?? [])
    : [];
  const fullById = new Map(full.map((r) => [String(r.idweb), r]));
  const rows = titles.map((t) => fullById.get(String(t.idweb)) ?? fromTitle(t));
  return { rows, warning: null };
}

/** A hand-made record with every field of the dataset, absent ones null as the API gives them. */
function completeRow(r: Row): Row {
  const row: Row = {};
  for (const field of BOAMP_FIELDS) row[field] = null;
  return { ...row, ...r };
}

function fromTitle(t: Row): Row {
  const row: Row = {};
  for (const field of BOAMP_FIELDS) row[field] = null;
  const idweb = String(t.idweb);
  return {
    ...row,
    idweb,
    id: idweb.replace('-', '_'),
    filename: idweb,
    objet: t.objet ?? null,
    dateparution: t.dateparution ?? null,
    datelimitereponse: t.datelimitereponse ?? null,
    nomacheteur: t.nomacheteur ?? null,
    url_avis: t.url_avis ?? null,
  };
}

// --- ODSQL subset ------------------------------------------------------------------------------

export class OdsqlError extends Error {}

type Token =
  | { kind: 'ident'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'date'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; value: string }
  | { kind: 'punct'; value: '(' | ')' | ',' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    const quote = source[i];
    let out = '';
    i += 1;
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\' && i + 1 < source.length) {
        out += source[i + 1];
        i += 2;
      } else {
        out += source[i];
        i += 1;
      }
    }
    if (i >= source.length) throw new OdsqlError('Unterminated string literal');
    i += 1;
    return out;
  };
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"' || c === "'") {
      tokens.push({ kind: 'string', value: readQuoted() });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      i += m[0].length;
      if (m[0].toLowerCase() === 'date' && source[i] === "'") {
        const day = readQuoted();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new OdsqlError(`Invalid date literal: ${day}`);
        tokens.push({ kind: 'date', value: day });
      } else {
        tokens.push({ kind: 'ident', value: m[0] });
      }
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(source.slice(i)) as RegExpExecArray;
      i += m[0].length;
      tokens.push({ kind: 'number', value: Number(m[0]) });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', value: c });
      i += 1;
    } else {
      const m = /^(<=|>=|!=|<>|=|<|>)/.exec(source.slice(i));
      if (!m) throw new OdsqlError(`Unexpected character '${c}' at position ${i}`);
      tokens.push({ kind: 'op', value: m[0] === '<>' ? '!=' : m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

export type Predicate = (row: Readonly<Record<string, unknown>>) => boolean;

/** A recursive-descent parser of the subset, compiling straight to a predicate; throws OdsqlError. */
export function compileWhere(source: string): Predicate {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const isKeyword = (word: string) => {
    const t = peek();
    return t?.kind === 'ident' && t.value.toUpperCase() === word;
  };
  const expectPunct = (p: '(' | ')' | ',') => {
    const t = peek();
    if (t?.kind !== 'punct' || t.value !== p) throw new OdsqlError(`Expected '${p}'`);
    pos += 1;
  };
  const field = (): string => {
    const t = peek();
    if (t?.kind !== 'ident') throw new OdsqlError('Expected a field name');
    if (!BOAMP_FIELDS.includes(t.value)) throw new OdsqlError(`Unknown field: ${t.value}`);
    pos += 1;
    return t.value;
  };
  const literal = (): string | number => {
    const t = peek();
    if (t?.kind === 'string' || t?.kind === 'date' || t?.kind === 'number') {
      pos += 1;
      return t.value;
    }
    throw new OdsqlError('Expected a literal');
  };

  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (isKeyword('OR')) {
      pos += 1;
      parts.push(andExpr());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.some((p) => p(row));
  };
  const andExpr = (): Predicate => {
    const parts = [notExpr()];
    while (isKeyword('AND')) {
      pos += 1;
      parts.push(notExpr());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (row) => parts.every((p) => p(row));
  };
  const notExpr = (): Predicate => {
    if (isKeyword('NOT')) {
      pos += 1;
      const inner = notExpr();
      return (row) => !inner(row);
    }
    return primary();
  };
  const primary = (): Predicate => {
    const t = peek();
    if (t?.kind === 'punct' && t.value === '(') {
      pos += 1;
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    if (t?.kind === 'ident' && t.value.toLowerCase() === 'search') {
      pos += 1;
      expectPunct('(');
      const name = field();
      expectPunct(',');
      const text = literal();
      expectPunct(')');
      if (typeof text !== 'string') throw new OdsqlError('search() takes a string');
      return (row) => searchMatches(row[name], text);
    }
    const name = field();
    if (isKeyword('IN')) {
      pos += 1;
      expectPunct('(');
      const values = [literal()];
      while (peek()?.kind === 'punct' && peek()?.value === ',') {
        pos += 1;
        values.push(literal());
      }
      expectPunct(')');
      return (row) => valuesOf(row[name]).some((v) => values.some((w) => equal(v, w)));
    }
    if (isKeyword('LIKE')) {
      pos += 1;
      const pattern = literal();
      if (typeof pattern !== 'string') throw new OdsqlError('like takes a string');
      const re = likePattern(pattern);
      return (row) => valuesOf(row[name]).some((v) => re.test(fold(String(v))));
    }
    if (isKeyword('IS')) {
      pos += 1;
      const negated = isKeyword('NOT');
      if (negated) pos += 1;
      if (!isKeyword('NULL')) throw new OdsqlError('Expected NULL');
      pos += 1;
      return (row) => (valuesOf(row[name]).length === 0) !== negated;
    }
    const op = peek();
    if (op?.kind !== 'op') throw new OdsqlError(`Expected an operator after ${name}`);
    pos += 1;
    const value = literal();
    return (row) => valuesOf(row[name]).some((v) => compare(v, op.value, value));
  };

  if (tokens.length === 0) return () => true;
  const predicate = orExpr();
  if (pos < tokens.length) throw new OdsqlError(`Unexpected token at position ${pos}`);
  return predicate;
}

function valuesOf(value: unknown): Array<string | number> {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.filter(
      (v): v is string | number => typeof v === 'string' || typeof v === 'number',
    );
  return typeof value === 'string' || typeof value === 'number' ? [value] : [];
}

function equal(a: string | number, b: string | number): boolean {
  return typeof a === typeof b ? a === b : String(a) === String(b);
}

function compare(a: string | number, op: string, b: string | number): boolean {
  const x = typeof b === 'number' ? Number(a) : String(a);
  if (op === '=') return x === b;
  if (op === '!=') return x !== b;
  if (op === '<') return x < b;
  if (op === '<=') return x <= b;
  if (op === '>') return x > b;
  return x >= b;
}

function words(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

function searchMatches(value: unknown, text: string): boolean {
  const wanted = words(text);
  if (wanted.length === 0) return false;
  return valuesOf(value).some((v) => {
    const have = words(String(v));
    return wanted.every((w) => have.some((h) => h.startsWith(w)));
  });
}

function likePattern(pattern: string): RegExp {
  const body = fold(pattern)
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

// --- the endpoint ------------------------------------------------------------------------------

export const BOAMP_ERROR_BODIES: Record<number, { error_code: string; message: string }> = {
  400: { error_code: 'ODSQLError', message: 'Invalid query (sandbox).' },
  404: { error_code: 'NotFound', message: 'Unknown dataset: boamp (sandbox).' },
  429: {
    error_code: 'TooManyRequests',
    message:
      'Too many requests on the domain. Please contact the domain administrator. (sandbox fault)',
  },
  500: { error_code: 'InternalServerError', message: 'Internal server error (sandbox fault).' },
  502: { error_code: 'BadGateway', message: 'Bad gateway (sandbox fault).' },
  503: { error_code: 'ServiceUnavailable', message: 'Service unavailable (sandbox fault).' },
};

function apiError(status: number, errorCode: string, message: string): SandboxResponse {
  return json(status, { error_code: errorCode, message });
}

export interface BoampStandInOptions {
  /** Where the data files are; default `defaultBoampDataDir()`. */
  readonly dataDir?: string;
  /** `offset + limit` cap; 10 000 like the API, lowered by tests. */
  readonly resultWindow?: number;
}

export function createBoampStandIn(options: BoampStandInOptions = {}): Omit<StandIn, 'handle'> & {
  handle(request: SandboxRequest): SandboxResponse;
} {
  const resultWindow = options.resultWindow ?? 10_000;
  let dataset: BoampDataset | undefined;
  let extra: Row[] = [];
  let served = 0;
  const data = (): BoampDataset => {
    if (dataset === undefined) {
      const loaded = loadBoampDataset(options.dataDir);
      dataset = { ...loaded, rows: [...loaded.rows, ...extra] };
      if (dataset.warning !== null) console.warn(`BOAMP stand-in: ${dataset.warning}`);
    }
    return dataset;
  };

  const handle = (request: SandboxRequest): SandboxResponse => {
    if (request.path !== BOAMP_RECORDS_PATH)
      return apiError(404, 'NotFound', `Unknown endpoint: ${request.path} (sandbox)`);
    if (request.method !== 'GET')
      return apiError(405, 'MethodNotAllowed', `Method ${request.method} not allowed`);
    const q = request.query;

    const limit = q.limit === undefined ? 10 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100)
      return apiError(
        400,
        'InvalidRESTParameterError',
        `Invalid value for limit parameter, value must be between 0 and 100, got ${q.limit}`,
      );
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isInteger(offset) || offset < 0)
      return apiError(400, 'InvalidRESTParameterError', `Invalid value for offset: ${q.offset}`);
    if (offset + limit > resultWindow)
      return apiError(
        400,
        'InvalidRESTParameterError',
        `Invalid value for offset parameter: offset + limit must be lower than or equal to ${resultWindow}, use the exports endpoint or narrow the query`,
      );

    let fields: readonly string[];
    let predicate: Predicate;
    let order: Array<{ field: string; desc: boolean }>;
    try {
      fields = parseSelect(q.select);
      predicate = compileWhere(q.where ?? '');
      order = parseOrder(q.order_by);
    } catch (error) {
      if (error instanceof OdsqlError) return apiError(400, 'ODSQLError', error.message);
      throw error;
    }

    const { rows, warning } = data();
    const matching = rows.filter(predicate);
    if (order.length > 0) matching.sort((a, b) => compareRows(a, b, order));
    const results = matching
      .slice(offset, offset + limit)
      .map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null])));
    served += 1;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': '50000',
      'x-ratelimit-remaining': String(Math.max(0, 50_000 - served)),
      'x-ratelimit-reset': new Date(Date.UTC(2100, 0, 1)).toISOString(),
    };
    if (warning !== null) headers['x-sandbox-warning'] = warning;
    return json(200, { total_count: matching.length, results }, headers);
  };

  return {
    name: 'boamp',
    matches: (host) => host === 'boamp-datadila.opendatasoft.com',
    handle,
    errorResponse: (status) => {
      const body = BOAMP_ERROR_BODIES[status] ?? {
        error_code: status >= 500 ? 'InternalServerError' : 'ClientError',
        message: `HTTP ${status} (sandbox fault)`,
      };
      return json(status, body);
    },
    reset: () => {
      served = 0;
      extra = [];
      dataset = undefined;
    },
    // Tests add hand-made notices (a cancellation of a real one, say) that the real data lacks;
    // they live until the next reset.
    control: (action, body) => {
      if (action !== 'records' || !Array.isArray(body)) {
        return apiError(
          400,
          'BadRequest',
          'POST /__sandbox/boamp/records takes an array of records',
        );
      }
      extra = [...extra, ...(body as Row[]).map(completeRow)];
      dataset = undefined;
      return json(200, { ok: true, added: body.length });
    },
  };
}

function parseSelect(select: string | undefined): readonly string[] {
  if (select === undefined || select.trim() === '' || select.trim() === '*') return BOAMP_FIELDS;
  return select.split(',').map((raw) => {
    const name = raw.trim();
    if (!/^[a-z_][a-z0-9_]*$/.test(name))
      throw new OdsqlError(`Unsupported select expression: ${name}`);
    if (!BOAMP_FIELDS.includes(name)) throw new OdsqlError(`Unknown field: ${name}`);
    return name;
  });
}

function parseOrder(orderBy: string | undefined): Array<{ field: string; desc: boolean }> {
  if (orderBy === undefined || orderBy.trim() === '') return [];
  return orderBy.split(',').map((part) => {
    const m = /^\s*([a-z_][a-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new OdsqlError(`Invalid order_by expression: ${part.trim()}`);
    const field = m[1] as string;
    if (!BOAMP_FIELDS.includes(field)) throw new OdsqlError(`Unknown field: ${field}`);
    return { field, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
  });
}

function compareRows(a: Row, b: Row, order: Array<{ field: string; desc: boolean }>): number {
  for (const { field, desc } of order) {
    const x = sortKey(a[field]);
    const y = sortKey(b[field]);
    if (x === y) continue;
    // Nulls last, as most SQL engines sort ascending.
    const result = x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    return desc ? -result : result;
  }
  return 0;
}

function sortKey(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v === null || v === undefined ? null : String(v);
}

export const boampStandIn = createBoampStandIn();
