/**
 * A failed Claude call as the CRM's error code and a French message that names the service and
 * what to do (DESIGN.md §6). A key or model problem is CONFIG — the user fixes it in Paramètres —
 * rather than a bare HTTP_4XX, so the sidebar can send them there.
 */
import type { CrmErrorCode } from '../errors';
import type { StopReason } from '../retry/retry-policy';
import { readApiError } from './messages';

export interface ClaudeFailure {
  readonly code: CrmErrorCode;
  readonly message: string;
  /** `request_id` of the API's error body, for the execution log (support traces with it). */
  readonly requestId: string | null;
}

export const MISSING_KEY_MESSAGE = 'Clé Claude absente — Paramètres';

export function describeHttpFailure(
  status: number,
  bodyText: string,
  stop: { readonly reason: StopReason; readonly waitMs?: number },
  model: string,
): ClaudeFailure {
  const apiError = readApiError(bodyText);
  const requestId = apiError?.requestId ?? null;
  const said = apiError && apiError.message !== '' ? ` : « ${clip(apiError.message)} »` : '';
  const typed = apiError && apiError.type !== '' ? ` ${apiError.type}` : '';
  const out = (code: CrmErrorCode, message: string): ClaudeFailure => ({
    code,
    message,
    requestId,
  });
  if (status === 429) {
    if (stop.reason === 'spend-cap')
      return out(
        'QUOTA',
        'Plafond de dépense mensuel du compte Anthropic atteint (HTTP 429 sans délai de reprise) : les appels à Claude sont suspendus jusqu’à ce que le plafond soit relevé dans la console Anthropic.',
      );
    return out(
      'QUOTA',
      `Limite de débit de Claude atteinte (HTTP 429) : réessayez ${inAWhile(stop.waitMs)}.`,
    );
  }
  if (status === 401)
    return out(
      'CONFIG',
      'Clé Claude refusée par Anthropic (HTTP 401) : vérifiez ou remplacez la clé dans Paramètres.',
    );
  if (status === 403)
    return out(
      'CONFIG',
      `La clé Claude n’a pas accès à cette ressource (HTTP 403${said}) : vérifiez ses droits dans la console Anthropic, puis la clé dans Paramètres.`,
    );
  if (status === 404)
    return out(
      'CONFIG',
      `Modèle Claude « ${model} » introuvable (HTTP 404) : corrigez « claude.modele » dans Paramètres.`,
    );
  if (status === 402)
    return out(
      'QUOTA',
      'Paiement du compte Anthropic en défaut (HTTP 402) : régularisez la facturation dans la console Anthropic.',
    );
  if (status === 413)
    return out(
      'HTTP_4XX',
      'Requête trop volumineuse pour Claude (HTTP 413) : réduisez les données envoyées.',
    );
  if (status === 400)
    return out(
      'HTTP_4XX',
      `Claude a refusé la requête (HTTP 400${typed}${said}). Si la limite de dépense de l’organisation Anthropic est atteinte, relevez-la dans la console Anthropic ; sinon signalez l’erreur.`,
    );
  if (status === 529)
    return out(
      'HTTP_5XX',
      `Claude est surchargé (HTTP 529, après ${retriesSaid(stop.reason)}) : réessayez dans quelques minutes.`,
    );
  if (status >= 500)
    return out(
      'HTTP_5XX',
      `Erreur du service Claude (HTTP ${status}${typed}, après ${retriesSaid(stop.reason)}) : réessayez plus tard.`,
    );
  return out('HTTP_4XX', `Claude a refusé la requête (HTTP ${status}${typed}${said}).`);
}

export function describeTransportFailure(): ClaudeFailure {
  return {
    code: 'HTTP_5XX',
    message:
      'Claude injoignable (délai dépassé ou réseau indisponible, après plusieurs essais) : réessayez plus tard.',
    requestId: null,
  };
}

/** An answer that came back but cannot be used; nothing was changed in the CRM. */
export function describeUnusableAnswer(problem: string, refused: boolean): ClaudeFailure {
  return {
    code: refused ? 'HTTP_4XX' : 'HTTP_5XX',
    message: `Réponse de Claude rejetée : ${problem}. Rien n’a été modifié ; réessayez.`,
    requestId: null,
  };
}

function retriesSaid(reason: StopReason): string {
  return reason === 'attempts-exhausted' ? 'plusieurs essais' : 'un essai';
}

function inAWhile(waitMs: number | undefined): string {
  if (waitMs === undefined) return 'dans une minute';
  const seconds = Math.ceil(waitMs / 1000);
  return seconds < 120 ? `dans ${seconds} s` : `dans ${Math.ceil(seconds / 60)} min`;
}

/** The API's own message is English and may be long; the user needs its gist only. */
function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}
