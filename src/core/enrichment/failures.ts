/**
 * A failed Apollo or Hunter call as the CRM's error code and a French message naming the service
 * and what to do (DESIGN.md §6). `fatal` says whether the whole run must stop (a key, a quota, a
 * service down) or only this record is affected (a request the API refuses for its content).
 */
import type { CrmErrorCode } from '../errors';
import type { StopReason } from '../retry/retry-policy';
import { hunterErrorDetails } from './hunter';

export interface ServiceFailure {
  readonly code: CrmErrorCode;
  readonly message: string;
  readonly fatal: boolean;
  /**
   * A fatal failure that time cures (a rate window, a server error, no answer): a bulk run
   * keeps its place and resumes at a later execution. Otherwise (a key, spent credits) it ends.
   */
  readonly retryLater: boolean;
}

export const MISSING_APOLLO_KEY_MESSAGE =
  'Clé Apollo absente — Paramètres (propriété de script APOLLO_API_KEY).';
export const MISSING_HUNTER_KEY_MESSAGE =
  'Clé Hunter absente — Paramètres (propriété de script HUNTER_API_KEY).';

interface Stop {
  readonly reason: StopReason;
  readonly waitMs?: number;
}

export function describeApolloFailure(
  status: number,
  bodyText: string,
  stop: Stop,
): ServiceFailure {
  const said = apolloMessage(bodyText);
  const quoted = said ? ` : « ${said} »` : '';
  const errorCode = apolloErrorCode(bodyText);
  // Apollo documents no shape for an account out of credits; 402, or a refusal that says
  // "credit", is read as one [inferred — measure with a recorded call].
  if (status === 402 || (status >= 400 && status < 500 && /credit/i.test(said ?? '')))
    return {
      code: 'QUOTA',
      message: `Crédits Apollo épuisés sur le compte Apollo (HTTP ${status}${quoted}) : plus d’enrichissement avant le renouvellement des crédits sur apollo.io.`,
      fatal: true,
      retryLater: false,
    };
  if (status === 401)
    return {
      code: 'CONFIG',
      message:
        'Clé Apollo refusée (HTTP 401) : vérifiez ou remplacez APOLLO_API_KEY dans Paramètres.',
      fatal: true,
      retryLater: false,
    };
  if (status === 403)
    return {
      code: 'CONFIG',
      message: `La clé Apollo n’a pas accès à cet appel (HTTP 403${errorCode ? ` ${errorCode}` : ''}) : donnez-lui ce point d’accès (ou utilisez une clé maîtresse) sur apollo.io ; la recherche de personnes demande une formule payante.`,
      fatal: true,
      retryLater: false,
    };
  if (status === 429)
    return {
      code: 'QUOTA',
      message: `Limite d’appels Apollo atteinte (HTTP 429${quoted}) : l’enrichissement reprendra ${inAWhile(stop.waitMs)}.`,
      fatal: true,
      retryLater: true,
    };
  if (status >= 500)
    return {
      code: 'HTTP_5XX',
      message: `Erreur du service Apollo (HTTP ${status}, après ${attempts(stop.reason)}) : réessayez plus tard.`,
      fatal: true,
      retryLater: true,
    };
  if (status === 422 && errorCode === 'RECORD_LIMIT_EXCEEDED')
    return {
      code: 'HTTP_4XX',
      message: `Apollo refuse plus de 10 personnes par requête (HTTP 422${quoted}) : signalez l’erreur.`,
      fatal: true,
      retryLater: false,
    };
  return {
    code: 'HTTP_4XX',
    message: `Apollo a refusé la requête (HTTP ${status}${errorCode ? ` ${errorCode}` : ''}${quoted}).`,
    fatal: false,
    retryLater: false,
  };
}

export function describeHunterFailure(
  status: number,
  bodyText: string,
  stop: Stop,
): ServiceFailure {
  const details = hunterErrorDetails(bodyText);
  const quoted = details ? ` : « ${details} »` : '';
  if (status === 429)
    return {
      code: 'QUOTA',
      message: `Crédits Hunter épuisés sur le compte Hunter (HTTP 429${quoted}) : plus de vérification ni de recherche d’email avant le renouvellement de l’abonnement Hunter.`,
      fatal: true,
      retryLater: false,
    };
  if (status === 401)
    return {
      code: 'CONFIG',
      message:
        'Clé Hunter refusée (HTTP 401) : vérifiez ou remplacez HUNTER_API_KEY dans Paramètres.',
      fatal: true,
      retryLater: false,
    };
  if (status === 403)
    return {
      code: 'QUOTA',
      message: `Limite de débit Hunter toujours atteinte (HTTP 403, après ${attempts(stop.reason)}) : réessayez dans une minute.`,
      fatal: true,
      retryLater: true,
    };
  if (status === 451)
    return {
      code: 'HTTP_4XX',
      message:
        'Hunter ne traite pas cette personne (HTTP 451 : elle a demandé la suppression de ses données).',
      fatal: false,
      retryLater: false,
    };
  if (status >= 500)
    return {
      code: 'HTTP_5XX',
      message: `Erreur du service Hunter (HTTP ${status}, après ${attempts(stop.reason)}) : réessayez plus tard.`,
      fatal: true,
      retryLater: true,
    };
  return {
    code: 'HTTP_4XX',
    message: `Hunter a refusé la requête (HTTP ${status}${quoted}).`,
    fatal: false,
    retryLater: false,
  };
}

export function describeTransportFailure(service: 'Apollo' | 'Hunter'): ServiceFailure {
  return {
    code: 'HTTP_5XX',
    message: `${service} injoignable (délai dépassé ou réseau indisponible, après plusieurs essais) : réessayez plus tard.`,
    fatal: true,
    retryLater: true,
  };
}

/** A 2xx whose body is not the documented shape; nothing was written. */
export function describeUnreadable(service: 'Apollo' | 'Hunter', problem: string): ServiceFailure {
  return {
    code: 'HTTP_5XX',
    message: `Réponse illisible de ${service} (${problem}) : rien n’a été enregistré ; réessayez plus tard.`,
    fatal: true,
    retryLater: true,
  };
}

export function describeUrlFetchQuota(): ServiceFailure {
  return {
    code: 'QUOTA',
    message:
      'Quota Google d’appels externes (UrlFetch) épuisé pour aujourd’hui : l’enrichissement reprendra demain.',
    fatal: true,
    retryLater: true,
  };
}

/** Apollo has no single envelope: `error_message`, `error` or `message`, or plain text (401). */
function apolloMessage(bodyText: string): string | null {
  let said: unknown = null;
  try {
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    if (typeof body === 'object' && body !== null)
      said = body.error_message ?? body.error ?? body.message ?? null;
  } catch {
    said = null;
  }
  if (typeof said !== 'string' || said.trim() === '') return null;
  const flat = said.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

function apolloErrorCode(bodyText: string): string | null {
  try {
    const body = JSON.parse(bodyText) as Record<string, unknown>;
    const code = typeof body === 'object' && body !== null ? body.error_code : null;
    return typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

function attempts(reason: StopReason): string {
  return reason === 'attempts-exhausted' ? 'plusieurs essais' : 'un essai';
}

function inAWhile(waitMs: number | undefined): string {
  if (waitMs === undefined) return 'à la prochaine exécution';
  const minutes = Math.ceil(waitMs / 60_000);
  if (minutes <= 1) return 'dans une minute environ';
  if (minutes < 60) return `dans ${minutes} min environ`;
  return `dans ${Math.ceil(minutes / 60)} h environ`;
}
