/**
 * The Explore API v2.1 requests of the watch as URLs (shared/apis/boamp.md §1.1–1.3): a page of
 * notices without `donnees`, and full records by idweb. Every limit that shapes a request is
 * here: 100 records a call, `offset + limit ≤ 10 000`, and Apps Script's 2 KB URL
 * (urlfetchapp.md §4), which a long keyword list would otherwise exceed.
 */
import type { DayWindow } from '../types';
import { odsqlAllOf, odsqlAnyOf, odsqlDate, odsqlIn } from './odsql';

export const BOAMP_HOST = 'boamp-datadila.opendatasoft.com';
export const BOAMP_RECORDS_URL = `https://${BOAMP_HOST}/api/explore/v2.1/catalog/datasets/boamp/records`;

/** The most records one `records` call returns. */
export const PAGE_SIZE = 100;
/** `offset + limit` may not exceed this: beyond, a query must be narrowed (by days here). */
export const RESULT_WINDOW = 10_000;
/** Apps Script refuses longer URLs (2 KB); a little is kept back for the transport. */
export const MAX_URL_LENGTH = 2_000;

/**
 * The fields of a listing: everything the watch and the relevance score read, without `gestion`
 * and `donnees` (KBs each). All were seen in the real July 2024 output; `contractfolderid` was
 * not, and naming an unknown field makes the API refuse the whole request.
 */
export const LIST_FIELDS: readonly string[] = [
  'idweb',
  'objet',
  'nomacheteur',
  'dateparution',
  'datelimitereponse',
  'url_avis',
  'famille',
  'nature',
  'etat',
  'type_procedure',
  'code_departement',
  'descripteur_code',
  'descripteur_libelle',
  'type_marche',
  'annonce_lie',
  'annonces_anterieures',
  'titulaire',
];

export const FULL_FIELDS: readonly string[] = [...LIST_FIELDS, 'gestion', 'donnees'];

/**
 * Oldest first, then by idweb: notices arriving during a listing are newer, so they land after
 * the pages already read instead of shifting them (boamp.md §1.6), and the order is total.
 */
export const LIST_ORDER = 'dateparution ASC, idweb ASC';

/** One listing query: a day window and the conditions of the watch, ready for `noticeWhere`. */
export interface NoticeQuery {
  readonly window: DayWindow;
  /** A notice must meet at least one of these (keywords, descriptors, CPV); empty: any notice. */
  readonly anyOf: readonly string[];
  /** Conditions a notice must all meet besides the window (départements, kinds, procedures). */
  readonly allOf: readonly string[];
}

export function noticeWhere(query: NoticeQuery): string {
  const conditions = [
    `dateparution >= ${odsqlDate(query.window.from)}`,
    `dateparution <= ${odsqlDate(query.window.to)}`,
  ];
  if (query.anyOf.length > 0) conditions.push(odsqlAnyOf(query.anyOf));
  conditions.push(...query.allOf);
  return odsqlAllOf(conditions);
}

export function noticePageUrl(query: NoticeQuery, offset: number, limit = PAGE_SIZE): string {
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`Bad offset ${offset}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE)
    throw new Error(`Bad limit ${limit}`);
  return recordsUrl({
    select: LIST_FIELDS.join(','),
    where: noticeWhere(query),
    order_by: LIST_ORDER,
    limit: String(limit),
    offset: String(offset),
  });
}

/** The longest URL a query can produce, at the last offset the API allows. */
export function longestPageUrlLength(query: NoticeQuery): number {
  return noticePageUrl(query, RESULT_WINDOW - PAGE_SIZE).length;
}

export interface FullRecordRequest {
  readonly url: string;
  readonly idwebs: readonly string[];
}

const IDWEB = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Full records (with `gestion` and `donnees`) for the given notices, as few requests as the
 * page size and the URL length allow. Duplicates are asked once.
 */
export function fullRecordRequests(idwebs: readonly string[]): FullRecordRequest[] {
  const wanted = [...new Set(idwebs)];
  for (const id of wanted) if (!IDWEB.test(id)) throw new Error(`Not an idweb: ${id}`);
  const requests: FullRecordRequest[] = [];
  let chunk: string[] = [];
  const urlFor = (ids: readonly string[]) =>
    recordsUrl({
      select: FULL_FIELDS.join(','),
      where: odsqlIn('idweb', ids),
      limit: String(ids.length),
    });
  for (const id of wanted) {
    const next = [...chunk, id];
    if (chunk.length > 0 && (next.length > PAGE_SIZE || urlFor(next).length > MAX_URL_LENGTH)) {
      requests.push({ url: urlFor(chunk), idwebs: chunk });
      chunk = [id];
    } else {
      chunk = next;
    }
  }
  if (chunk.length > 0) requests.push({ url: urlFor(chunk), idwebs: chunk });
  return requests;
}

function recordsUrl(params: Readonly<Record<string, string>>): string {
  const query = Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return `${BOAMP_RECORDS_URL}?${query}`;
}
