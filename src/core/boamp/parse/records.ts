/**
 * The body of a `records` response (`{"total_count": n, "results": [...]}`, boamp.md §1.2) as
 * typed records. Multi-valued fields come as arrays, but some clients report JSON strings or
 * plain strings (§1.6), so each is made an array of strings whatever came. A result without an
 * idweb cannot be stored (it is the CRM's key): it is counted in `skipped`, not lost silently.
 */
import type { BoampRecord, NoticePage } from '../types';
import { isObject } from './json-tree';

export type PageReading =
  | { readonly ok: true; readonly page: NoticePage; readonly skipped: number }
  | { readonly ok: false; readonly problem: string };

export function readNoticePage(bodyText: string): PageReading {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { ok: false, problem: 'JSON invalide' };
  }
  if (!isObject(body)) return { ok: false, problem: 'objet JSON attendu' };
  const total = body.total_count;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0)
    return { ok: false, problem: '« total_count » absent ou invalide' };
  if (!Array.isArray(body.results)) return { ok: false, problem: '« results » absent' };
  const records: BoampRecord[] = [];
  let skipped = 0;
  for (const raw of body.results) {
    const record = isObject(raw) ? toRecord(raw) : null;
    if (record === null) skipped += 1;
    else records.push(record);
  }
  return { ok: true, page: { totalCount: total, records }, skipped };
}

export function toRecord(raw: Readonly<Record<string, unknown>>): BoampRecord | null {
  const idweb = scalar(raw.idweb);
  if (idweb === null) return null;
  return {
    idweb,
    objet: scalar(raw.objet),
    nomacheteur: scalar(raw.nomacheteur),
    dateparution: scalar(raw.dateparution),
    datelimitereponse: scalar(raw.datelimitereponse),
    url_avis: scalar(raw.url_avis),
    famille: scalar(raw.famille),
    nature: scalar(raw.nature),
    etat: scalar(raw.etat),
    type_procedure: scalar(raw.type_procedure),
    code_departement: multi(raw.code_departement),
    descripteur_code: multi(raw.descripteur_code),
    descripteur_libelle: multi(raw.descripteur_libelle),
    type_marche: multi(raw.type_marche),
    annonce_lie: scalar(raw.annonce_lie),
    annonces_anterieures: scalar(raw.annonces_anterieures),
    titulaire: multi(raw.titulaire),
    gestion: jsonText(raw.gestion),
    donnees: jsonText(raw.donnees),
  };
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    const parts = multi(value);
    return parts.length === 0 ? null : parts.join(', ');
  }
  return null;
}

function multi(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value
      .map((v) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : ''))
      .filter((v) => v !== '');
  }
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string' || value.trim() === '') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return multi(parsed);
    } catch {
      // Not JSON after all: a plain value that happens to start with a bracket.
    }
  }
  return [trimmed];
}

/** `gestion` and `donnees` are JSON strings; an object (some mirrors) is re-serialised. */
function jsonText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (isObject(value) || Array.isArray(value)) return JSON.stringify(value);
  return null;
}
