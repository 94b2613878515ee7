/**
 * What a Make.com scenario may ask of the CRM through the web app's `doPost` (issue 6): create,
 * update or upsert a contact, an organisation or an interaction. This module reads the request
 * and shapes the answer; the server checks the secret, then writes through the same record
 * session as the sidebar, so validation, uniqueness, references and the Journal are the same.
 *
 * Request, version 1 (JSON body; Apps Script gives a web app no request headers, so the secret
 * travels in the body, never in the URL where logs would keep it):
 *
 *   { "secret": "…", "action": "create" | "update" | "upsert",
 *     "type": "contact" | "organisation" | "interaction",
 *     "id": "CT-000123", "fields": { "email": "…", … }, "requestId": "make-8842" }
 */
import { foldText } from '../text/fold';
import type { TabDef, TabKey } from '../schema/types';

export const INCOMING_VERSION = 1;
/** Make sends one record per request; a body this large is not one. */
export const MAX_BODY_CHARS = 50_000;

export type IncomingAction = 'create' | 'update' | 'upsert';
export type IncomingType = 'contact' | 'organisation' | 'interaction';

export const INCOMING_TABS: Readonly<Record<IncomingType, TabKey>> = {
  contact: 'contacts',
  organisation: 'organisations',
  interaction: 'interactions',
};

/** The field an upsert without ID finds its record by: the tab's unique value. */
export const UPSERT_KEYS: Readonly<Partial<Record<IncomingType, string>>> = {
  contact: 'email',
  organisation: 'siren',
};

export interface IncomingRequest {
  readonly secret: string;
  readonly action: IncomingAction;
  readonly type: IncomingType;
  readonly id: string | null;
  readonly fields: Readonly<Record<string, unknown>>;
  /** Make's own id for the request: the same id twice gets the first answer again. */
  readonly requestId: string | null;
}

/** Stable codes of the answer (README); the CRM's own error codes pass through as they are. */
export type IncomingErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'NOT_CONFIGURED';

export type IncomingParse =
  | { readonly ok: true; readonly request: IncomingRequest }
  | {
      readonly ok: false;
      readonly code: IncomingErrorCode;
      readonly message: string;
      /**
       * The secret of a readable body whose shape is wrong, null when the body is not a JSON
       * object: the server authenticates before it says what is wrong with the shape.
       */
      readonly secret: string | null;
    };

const bad = (message: string, secret: string | null = null): IncomingParse => ({
  ok: false,
  code: 'BAD_REQUEST',
  message,
  secret,
});

const TYPE_WORDS: Readonly<Record<string, IncomingType>> = {
  contact: 'contact',
  contacts: 'contact',
  organisation: 'organisation',
  organisations: 'organisation',
  interaction: 'interaction',
  interactions: 'interaction',
};

export function parseIncoming(body: string | null | undefined): IncomingParse {
  if (body === null || body === undefined || body.trim() === '')
    return bad('Requête vide : envoyez un objet JSON (Content-Type: application/json).');
  if (body.length > MAX_BODY_CHARS)
    return bad(`Requête trop volumineuse (${body.length} caractères, ${MAX_BODY_CHARS} au plus).`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return bad('Corps illisible : ce n’est pas du JSON valide.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return bad('Corps invalide : un objet JSON est attendu.');
  const r = parsed as Record<string, unknown>;
  const secret = typeof r.secret === 'string' ? r.secret : '';
  const action = typeof r.action === 'string' ? r.action.trim().toLowerCase() : '';
  if (action !== 'create' && action !== 'update' && action !== 'upsert')
    return bad(`Action « ${String(r.action ?? '')} » inconnue : create, update ou upsert.`, secret);
  const type = TYPE_WORDS[typeof r.type === 'string' ? r.type.trim().toLowerCase() : ''];
  if (!type)
    return bad(
      `Type « ${String(r.type ?? '')} » inconnu : contact, organisation ou interaction.`,
      secret,
    );
  const id = typeof r.id === 'string' && r.id.trim() !== '' ? r.id.trim().toUpperCase() : null;
  if (r.id !== undefined && r.id !== null && typeof r.id !== 'string')
    return bad('« id » doit être un texte, par exemple "CT-000123".', secret);
  if (typeof r.fields !== 'object' || r.fields === null || Array.isArray(r.fields))
    return bad('« fields » manquant : un objet { "champ": valeur } est attendu.', secret);
  if (action === 'update' && id === null && !UPSERT_KEYS[type])
    return bad(
      '« id » manquant : une mise à jour d’interaction désigne sa fiche par son ID.',
      secret,
    );
  if (action === 'create' && id !== null)
    return bad('« id » ne se donne pas à une création : le CRM attribue l’ID.', secret);
  const requestId =
    typeof r.requestId === 'string' && r.requestId.trim() !== ''
      ? r.requestId.trim().slice(0, 100)
      : null;
  return {
    ok: true,
    request: { secret, action, type, id, fields: r.fields as Record<string, unknown>, requestId },
  };
}

/**
 * Fields as the schema keys (`prenom`); a scenario built from the sheet's headers (« Prénom »)
 * works too. A name that is neither stays as it is, so validation reports it by its name.
 */
export function fieldsToKeys(
  tab: TabDef,
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const byHeader = new Map(tab.fields.map((f) => [foldText(f.header), f.key]));
  const keys = new Set(tab.fields.map((f) => f.key));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const key = keys.has(name) ? name : (byHeader.get(foldText(name)) ?? name);
    out[key] = value;
  }
  return out;
}

/**
 * Compares a presented secret with the stored one in time that does not depend on where they
 * first differ, so that timing the answers cannot reveal the secret a character at a time. The
 * loop always runs over the presented value's length; the length difference is folded in.
 */
export function secretsMatch(presented: string, stored: string): boolean {
  let diff = presented.length ^ stored.length;
  for (let i = 0; i < presented.length; i++) {
    const expected = stored.length === 0 ? 0 : stored.charCodeAt(i % stored.length);
    diff |= presented.charCodeAt(i) ^ expected;
  }
  return diff === 0 && stored.length > 0;
}

export type IncomingOutcome = 'created' | 'updated' | 'unchanged';

export interface IncomingSuccess {
  readonly ok: true;
  readonly version: number;
  readonly action: IncomingOutcome;
  readonly type: IncomingType;
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly requestId: string | null;
}

export interface IncomingFailure {
  readonly ok: false;
  readonly version: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly fieldErrors?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
  readonly requestId: string | null;
}

export type IncomingAnswer = IncomingSuccess | IncomingFailure;
