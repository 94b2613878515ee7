/**
 * A failed BOAMP call as the CRM's error code and a French message naming the service and what
 * happens next (DESIGN.md §6). The watch runs unattended, so each message says whether it will
 * resume on its own or needs someone to change a setting.
 */
import type { CrmErrorCode } from '../../errors';
import type { StopReason } from '../../retry/retry-policy';

export interface BoampFailure {
  readonly code: CrmErrorCode;
  readonly message: string;
}

const RESUMES = 'la veille BOAMP reprendra à la prochaine exécution';

export function describeBoampHttpFailure(
  status: number,
  bodyText: string,
  stop: { readonly reason: StopReason; readonly waitMs?: number },
): BoampFailure {
  const said = apiMessage(bodyText);
  const quoted = said === null ? '' : ` : « ${said} »`;
  if (status === 429)
    return {
      code: 'QUOTA',
      message: `Quota de l’API BOAMP (Opendatasoft) atteint (HTTP 429) : la veille BOAMP reprendra d’elle-même ${inAWhile(stop.waitMs)}.`,
    };
  if (status === 400)
    return {
      code: 'HTTP_4XX',
      message: `L’API BOAMP a refusé la requête de la veille (HTTP 400${quoted}) : vérifiez les réglages « boamp.* » dans Paramètres, puis signalez l’erreur si elle persiste.`,
    };
  if (status === 401 || status === 403)
    return {
      code: 'HTTP_4XX',
      message: `Accès refusé par l’API BOAMP (HTTP ${status}${quoted}) alors que ses données sont publiques : réessayez plus tard et signalez l’erreur si elle dure.`,
    };
  if (status === 404)
    return {
      code: 'HTTP_4XX',
      message:
        'Jeu de données BOAMP introuvable sur boamp-datadila.opendatasoft.com (HTTP 404) : l’adresse de l’API a sans doute changé ; signalez l’erreur.',
    };
  if (status >= 500 || status === 408)
    return {
      code: 'HTTP_5XX',
      message: `Le service BOAMP ne répond pas correctement (HTTP ${status}, après ${attempts(stop.reason)}) : ${RESUMES}.`,
    };
  return {
    code: 'HTTP_4XX',
    message: `L’API BOAMP a refusé la requête (HTTP ${status}${quoted}).`,
  };
}

export function describeBoampTransportFailure(): BoampFailure {
  return {
    code: 'HTTP_5XX',
    message: `API BOAMP injoignable (délai dépassé ou réseau indisponible, après plusieurs essais) : ${RESUMES}.`,
  };
}

/** A 200 whose body is not the documented shape; nothing was written. */
export function describeBoampUnreadable(problem: string): BoampFailure {
  return {
    code: 'HTTP_5XX',
    message: `Réponse illisible de l’API BOAMP (${problem}) : rien n’a été enregistré, ${RESUMES}.`,
  };
}

export function describeUrlFetchQuota(): BoampFailure {
  return {
    code: 'QUOTA',
    message:
      'Quota Google d’appels externes (UrlFetch) épuisé pour aujourd’hui : la veille BOAMP reprendra demain.',
  };
}

/** Opendatasoft's error body: `{error_code, message}` (v2.1) or `{error}` (quota) [inferred]. */
function apiMessage(bodyText: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { message, error } = body as { message?: unknown; error?: unknown };
  const text = typeof message === 'string' ? message : typeof error === 'string' ? error : null;
  if (text === null || text.trim() === '') return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

function attempts(reason: StopReason): string {
  return reason === 'attempts-exhausted' ? 'plusieurs essais' : 'un essai';
}

function inAWhile(waitMs: number | undefined): string {
  if (waitMs === undefined) return 'à la prochaine exécution';
  const minutes = Math.ceil(waitMs / 60_000);
  if (minutes < 60) return `dans ${minutes} min environ`;
  return `dans ${Math.ceil(minutes / 60)} h environ`;
}
