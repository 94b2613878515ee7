/**
 * Hunter.io as data (shared/apis/hunter.md): the verifier and finder URLs (the key travels in the
 * `X-API-KEY` header, never in the query, where the HTTP adapter's error text would show it) and their
 * answers read defensively. A finder miss may be a 200 with `email: null` or a 404 — both are
 * "not found" (hunter.md §3, unconfirmed).
 */
import { validateField } from '../validation';
import { getTab } from '../schema/tabs';
import { isHunterStatus, type HunterStatus } from './email-status';
import type { Reading } from './apollo';

export const HUNTER_API_BASE = 'https://api.hunter.io/v2';

/** Hunter may take this long to answer a finder request; well inside Apps Script's ~60 s fetch limit. */
export const FINDER_MAX_DURATION_S = 10;

export function verifierPath(email: string): string {
  return `/email-verifier?email=${encodeURIComponent(email)}`;
}

export interface FinderQuery {
  readonly domain: string;
  readonly firstName: string;
  readonly lastName: string;
}

export function finderPath(query: FinderQuery): string {
  const params = [
    ['domain', query.domain],
    ['first_name', query.firstName],
    ['last_name', query.lastName],
    ['max_duration', String(FINDER_MAX_DURATION_S)],
  ];
  return `/email-finder?${params.map(([k, v]) => `${k}=${encodeURIComponent(v ?? '')}`).join('&')}`;
}

export interface Verification {
  readonly email: string;
  readonly status: HunterStatus;
  /** 0–100, null when Hunter gives none. */
  readonly score: number | null;
}

export function readVerification(bodyText: string, email: string): Reading<Verification> {
  const data = dataOf(bodyText);
  if (!data) return { ok: false, problem: 'réponse sans « data »' };
  const status = data.status;
  if (!isHunterStatus(status))
    return { ok: false, problem: `statut inconnu « ${String(status)} »` };
  return { ok: true, value: { email, status, score: score(data.score) } };
}

export interface FoundEmail {
  readonly email: string;
  readonly score: number | null;
  /** Hunter's own verification of the address, when it ran one. */
  readonly status: HunterStatus | null;
}

/** The finder's answer: the address (validated), or null when Hunter found none. */
export function readFinder(bodyText: string): Reading<FoundEmail | null> {
  const data = dataOf(bodyText);
  if (!data) return { ok: false, problem: 'réponse sans « data »' };
  if (data.email === null || data.email === undefined || data.email === '')
    return { ok: true, value: null };
  const field = getTab('contacts').fields.find((f) => f.key === 'email');
  const checked = field ? validateField(field, data.email) : null;
  if (!checked?.ok || typeof checked.value !== 'string') return { ok: true, value: null };
  const verification =
    typeof data.verification === 'object' && data.verification !== null
      ? (data.verification as Record<string, unknown>).status
      : null;
  return {
    ok: true,
    value: {
      email: checked.value,
      score: score(data.score),
      status: isHunterStatus(verification) ? verification : null,
    },
  };
}

/** Hunter's error envelope: `{errors:[{id, code, details}]}`; the first `details`, clipped. */
export function hunterErrorDetails(bodyText: string): string | null {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    const first = Array.isArray(body.errors) ? (body.errors[0] as Record<string, unknown>) : null;
    const details = first && typeof first.details === 'string' ? first.details.trim() : '';
    if (details === '') return null;
    return details.length > 160 ? `${details.slice(0, 159)}…` : details;
  } catch {
    return null;
  }
}

function dataOf(bodyText: string): Record<string, unknown> | null {
  try {
    const body = JSON.parse(bodyText) as unknown;
    if (typeof body !== 'object' || body === null) return null;
    const data = (body as { data?: unknown }).data;
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function score(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.min(100, Math.round(value)))
    : null;
}
