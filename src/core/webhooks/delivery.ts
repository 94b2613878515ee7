/**
 * How a webhook post is judged, retried and described (make.md §7, slack.md §2). Make and Slack
 * agree: 2xx is delivered, 429 and 5xx may succeed later, any other status will not (a dead URL,
 * a full Make queue, a refused message) and sending it again only hides the problem.
 *
 * Retrying happens at two paces. At the moment of the user's action the post is tried once with
 * no waiting, because nothing the user did should wait on Make (`INLINE_POLICY`). What did not
 * go through stays in the outbox and the hourly job sends it again, where a few seconds of
 * backoff cost nothing (`JOB_POLICY`), then again at growing intervals for about a day.
 */
import type { HeaderLookup, RetryPolicy, StatusVerdict } from '../retry/retry-policy';

export type Channel = 'make' | 'slack';

export const CHANNEL_NAMES: Readonly<Record<Channel, string>> = {
  make: 'Make.com',
  slack: 'Slack',
};

export function classifyWebhookStatus(status: number, _header: HeaderLookup): StatusVerdict {
  if (status >= 200 && status < 300) return 'success';
  if (status === 429 || status === 408 || status >= 500) return 'retry';
  return 'stop';
}

/** One attempt, no sleep: a failure that may pass later is left to the outbox. */
export const INLINE_POLICY: RetryPolicy = {
  maxRetries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxWaitMs: 0,
  maxTotalWaitMs: 0,
  retryTransportFailures: true,
  classify: classifyWebhookStatus,
};

/**
 * From 10 s: Make counts its rate limit over 10-second windows and documents no Retry-After
 * (make.md §6); Slack's Retry-After is honoured up to 30 s.
 */
export const JOB_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 10_000,
  maxDelayMs: 20_000,
  maxWaitMs: 30_000,
  maxTotalWaitMs: 40_000,
  retryTransportFailures: true,
  classify: classifyWebhookStatus,
};

/** Hours to wait after the n-th failed attempt before the next one. */
const BACKOFF_HOURS = [1, 1, 2, 4, 8, 12];

/** The first attempt, then one per entry of BACKOFF_HOURS: about 28 hours in all. */
export const MAX_ATTEMPTS = BACKOFF_HOURS.length + 1;

/** Make kept queuing for about 2 h in its 2025 outage (make.md §7); three days is generous. */
export const MAX_AGE_MS = 72 * 3_600_000;

/** The outbox lives in document properties (500 KB in all); past this the oldest give way. */
export const MAX_PENDING = 100;

export function nextAttemptDelayMs(attemptsDone: number): number {
  const index = Math.min(Math.max(attemptsDone, 1), BACKOFF_HOURS.length) - 1;
  return (BACKOFF_HOURS[index] ?? 12) * 3_600_000;
}

export type DeliveryVerdict = 'delivered' | 'retry-later' | 'refused';

/**
 * What the sender's last answer means for the outbox: `retry-later` for a failure that may pass
 * (the statuses above, no answer at all, a wait longer than the run can afford), `refused` for
 * one that will not.
 */
export function deliveryVerdict(ok: boolean, stopReason: string | null): DeliveryVerdict {
  if (ok) return 'delivered';
  return stopReason === 'not-retryable' ? 'refused' : 'retry-later';
}

/**
 * The French reason a post failed. It names the channel and what to do, and quotes the body only
 * when it is one of the short status words these services answer: a body is never a place for
 * the webhook's URL, which is a secret.
 */
export function describeFailure(channel: Channel, status: number | null, body: string): string {
  const name = CHANNEL_NAMES[channel];
  if (status === null) return `${name} injoignable (délai dépassé ou réseau indisponible)`;
  const word = /^[A-Za-z_. ]{1,40}$/.test(body.trim()) ? body.trim() : '';
  const said = word === '' ? '' : ` ${word}`;
  const fix =
    channel === 'make'
      ? 'créez une nouvelle URL dans le module « Custom webhook » du scénario et enregistrez-la dans CRM UTPLA › Paramètres et clés…'
      : 'créez un nouveau webhook entrant dans Slack et enregistrez son URL dans CRM UTPLA › Paramètres et clés…';
  if (status === 429) return `${name} limite le débit (HTTP 429) : nouvel essai plus tard`;
  if (status >= 500)
    return `Erreur du service ${name} (HTTP ${status}${said}) : nouvel essai plus tard`;
  if (channel === 'make') {
    if (status === 400 && /queue is full/i.test(word))
      return 'File d’attente Make pleine (HTTP 400) : vérifiez que le scénario est actif et qu’il reste des crédits Make';
    if (status === 400)
      return `Make a refusé l’événement (HTTP 400${said}) : vérifiez la structure de données du webhook dans le scénario`;
    if (status === 410) return `Webhook Make désactivé ou supprimé (HTTP 410${said}) : ${fix}`;
    if (status === 401 || status === 403)
      return `Make refuse la clé du webhook (HTTP ${status}) : vérifiez la clé API du webhook dans Paramètres et clés`;
    if (status === 404) return `Webhook Make introuvable (HTTP 404) : ${fix}`;
    return `Make a refusé l’événement (HTTP ${status}${said})`;
  }
  if (status === 400) return `Slack a refusé le message (HTTP 400${said})`;
  if (status === 403 || status === 404 || status === 410)
    return `Webhook Slack refusé ou désactivé (HTTP ${status}${said}) : ${fix}`;
  return `Slack a refusé le message (HTTP ${status}${said})`;
}
