/**
 * Posts JSON to Make.com and Slack webhooks through the shared sender (DESIGN.md §6): several at
 * once with `fetchAll`, statuses read rather than exceptions, retried by the policy it is given
 * (src/core/webhooks/delivery.ts). It knows nothing of the outbox: it says, per post, whether it
 * was delivered, refused for good, or may pass later, with the French reason.
 *
 * A webhook URL is a credential (the path is the secret): no log line and no message carries
 * one. The sender's own retry lines name the channel only.
 */
import { CrmError } from '../../core/errors';
import type { RetryPolicy } from '../../core/retry/retry-policy';
import {
  CHANNEL_NAMES,
  deliveryVerdict,
  describeFailure,
  type Channel,
  type DeliveryVerdict,
} from '../../core/webhooks/delivery';
import { sendRequests, type SenderDeps } from '../platform/api-sender';

export interface WebhookPost {
  readonly key: string;
  readonly channel: Channel;
  readonly url: string;
  readonly body: string;
  /** `x-make-apikey` when the Make webhook asks for a key (make.md §4). */
  readonly apiKey?: string | null;
}

export interface PostResult {
  readonly key: string;
  readonly verdict: DeliveryVerdict;
  /** Last status received; null when nothing answered. */
  readonly status: number | null;
  /** French reason of a failure; '' when delivered. */
  readonly message: string;
}

/** At most this many posts in one fetchAll (urlfetchapp.md §3: keep batches small). */
export const BATCH_SIZE = 10;

export function postWebhooks(
  posts: readonly WebhookPost[],
  deps: SenderDeps,
  policy: RetryPolicy,
): PostResult[] {
  const results: PostResult[] = [];
  for (let i = 0; i < posts.length; i += BATCH_SIZE) {
    const batch = posts.slice(i, i + BATCH_SIZE);
    for (const channel of ['make', 'slack'] as const) {
      const mine = batch.filter((p) => p.channel === channel);
      if (mine.length > 0) results.push(...postBatch(mine, channel, deps, policy));
    }
  }
  return results;
}

function postBatch(
  posts: readonly WebhookPost[],
  channel: Channel,
  deps: SenderDeps,
  policy: RetryPolicy,
): PostResult[] {
  const requests = posts.map((p): GoogleAppsScript.URL_Fetch.URLFetchRequest => ({
    url: p.url,
    method: 'post',
    contentType: 'application/json',
    payload: p.body,
    ...(p.apiKey ? { headers: { 'x-make-apikey': p.apiKey } } : {}),
    muteHttpExceptions: true,
  }));
  let outcomes;
  try {
    outcomes = sendRequests(requests, deps, {
      service: CHANNEL_NAMES[channel],
      policy,
      quotaError: () =>
        new CrmError(
          'QUOTA',
          'Quota quotidien d’appels externes de Google atteint : les webhooks repartiront demain.',
        ),
    });
  } catch (error) {
    // The daily UrlFetch quota: nothing can go out today, every post waits in the outbox.
    const message = error instanceof Error ? error.message : String(error);
    return posts.map((p) => ({ key: p.key, verdict: 'retry-later', status: null, message }));
  }
  return posts.map((post, index) => {
    const outcome = outcomes[index];
    if (!outcome) return { key: post.key, verdict: 'retry-later', status: null, message: '' };
    const status = outcome.raw ? outcome.raw.status : null;
    const verdict = deliveryVerdict(outcome.ok, outcome.ok ? null : outcome.stop.reason);
    const message =
      verdict === 'delivered' ? '' : describeFailure(channel, status, outcome.raw?.text ?? '');
    return { key: post.key, verdict, status, message };
  });
}
