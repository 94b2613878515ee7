/**
 * What the answer of each « Tester » call says, in French. One call each, the cheapest the
 * services document: Anthropic's model lookup, Apollo's `auth/health` (docs.apollo.io,
 * Authentication), Hunter's `GET /account` (hunter.md §5), and a post marked as a test for the
 * webhooks. None costs a credit; the webhooks' test does reach the Make scenario or the Slack
 * channel, which is the point.
 */
import { CHANNEL_NAMES, describeFailure, type Channel } from '../webhooks/delivery';

export interface KeyCheck {
  readonly ok: boolean;
  readonly message: string;
}

export const APOLLO_HEALTH_URL = 'https://api.apollo.io/api/v1/auth/health';
export const HUNTER_ACCOUNT_URL = 'https://api.hunter.io/v2/account';

/** `null` status: no answer at all. */
export function readApolloHealth(status: number | null, body: string): KeyCheck {
  if (status === null) return unreachable('Apollo');
  if (status >= 200 && status < 300) {
    const json = parse(body);
    // Apollo answers 200 with `is_logged_in: false` to a key it does not know.
    if (json?.is_logged_in === false)
      return {
        ok: false,
        message:
          'Clé Apollo refusée (non reconnue par Apollo) : recopiez-la depuis Apollo › Settings › API.',
      };
    return { ok: true, message: 'La clé Apollo fonctionne (Apollo la reconnaît).' };
  }
  if (status === 401)
    return {
      ok: false,
      message: 'Clé Apollo refusée (HTTP 401) : recopiez-la depuis Apollo › Settings › API.',
    };
  if (status === 403)
    return {
      ok: false,
      message:
        'Clé Apollo reconnue mais sans accès (HTTP 403) : donnez-lui les droits des endpoints d’enrichissement ou utilisez une clé « master ».',
    };
  return serviceTrouble('Apollo', status);
}

export function readHunterAccount(status: number | null, body: string): KeyCheck {
  if (status === null) return unreachable('Hunter');
  if (status >= 200 && status < 300) {
    const data = objectAt(parse(body), 'data');
    const plan = typeof data?.plan_name === 'string' ? data.plan_name : '';
    const credits = objectAt(objectAt(data, 'requests'), 'credits');
    const used = typeof credits?.used === 'number' ? credits.used : null;
    const available = typeof credits?.available === 'number' ? credits.available : null;
    const left =
      used !== null && available !== null
        ? `, ${Math.max(available - used, 0)} crédits restants ce mois-ci`
        : '';
    return {
      ok: true,
      message: `La clé Hunter fonctionne${plan === '' ? '' : ` (offre ${plan}${left})`}.`,
    };
  }
  if (status === 401)
    return {
      ok: false,
      message: 'Clé Hunter refusée (HTTP 401) : recopiez-la depuis hunter.io › API.',
    };
  // Hunter's 403 is its rate limit and 429 its monthly credits (hunter.md §5): the key is good.
  if (status === 403)
    return { ok: false, message: 'Hunter limite le débit (HTTP 403) : réessayez dans une minute.' };
  if (status === 429)
    return {
      ok: true,
      message: 'La clé Hunter est valide, mais les crédits du mois sont épuisés (HTTP 429).',
    };
  return serviceTrouble('Hunter', status);
}

export function readWebhookTest(channel: Channel, status: number | null, body: string): KeyCheck {
  const name = CHANNEL_NAMES[channel];
  if (status !== null && status >= 200 && status < 300)
    return {
      ok: true,
      message:
        channel === 'slack'
          ? 'Le webhook Slack fonctionne : un message de test a été publié dans le canal.'
          : `Le webhook ${name} fonctionne : le scénario a reçu un événement « test » (HTTP ${status}), à ignorer.`,
    };
  return { ok: false, message: `${describeFailure(channel, status, body)}.` };
}

function unreachable(service: string): KeyCheck {
  return {
    ok: false,
    message: `${service} injoignable (délai dépassé ou réseau indisponible) : réessayez plus tard.`,
  };
}

function serviceTrouble(service: string, status: number): KeyCheck {
  if (status === 429)
    return {
      ok: false,
      message: `${service} limite le débit (HTTP 429) : réessayez dans une minute.`,
    };
  if (status >= 500)
    return {
      ok: false,
      message: `Erreur du service ${service} (HTTP ${status}) : réessayez plus tard.`,
    };
  return { ok: false, message: `${service} a refusé la requête de test (HTTP ${status}).` };
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function objectAt(value: Record<string, unknown> | null | undefined, key: string) {
  const inner = value?.[key];
  return typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : null;
}
