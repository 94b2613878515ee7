/**
 * Stand-in for Make.com custom webhooks (shared/apis/make.md), `https://hook.<zone>.make.com/<id>`.
 * Without a « Webhook response » module Make answers as soon as the request is queued: `200
 * Accepted` in plain text, whatever the body (§3, §5: no data structure, anything goes). A path
 * that is not one webhook id → `404 Not Found` [inference]; an id starting with `gone` → `410
 * Gone`, as for a webhook switched off for 5 days (§6). Injected faults answer with Make's words
 * for the status (`Queue is full.`, `Too many requests`, `Scenario failed to complete.`).
 *
 * What each webhook received is kept for tests and the demo (`POST /__sandbox/make/received`),
 * parsed when it is JSON.
 */
import { json, text, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';

interface Received {
  at: string;
  /** The webhook's id: the path, which is the webhook's secret, is kept only as its last 4 characters. */
  hook: string;
  method: string;
  contentType: string;
  apiKeySent: boolean;
  body: unknown;
}

let received: Received[] = [];
const MAX_KEPT = 500;

export function handleMakeWebhook(request: SandboxRequest): SandboxResponse {
  const m = /^\/([A-Za-z0-9_-]+)\/?$/.exec(request.path);
  if (!m) return text(404, 'Not Found');
  const id = m[1] ?? '';
  if (id.startsWith('gone')) return text(410, 'Gone');
  const contentType = request.headers['content-type'] ?? '';
  let body: unknown = request.bodyText;
  if (contentType.startsWith('application/json')) {
    try {
      body = JSON.parse(request.bodyText);
    } catch {
      // Make queues what it cannot parse as well; the scenario sees the raw text.
    }
  }
  received.push({
    at: new Date().toISOString(),
    hook: `…${id.slice(-4)}`,
    method: request.method,
    contentType,
    apiKeySent: (request.headers['x-make-apikey'] ?? '') !== '',
    body,
  });
  if (received.length > MAX_KEPT) received.shift();
  return text(200, 'Accepted');
}

const MAKE_ERRORS: Record<number, string> = {
  400: 'Queue is full.',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too many requests',
  500: 'Scenario failed to complete.',
};

export const makeStandIn: StandIn = {
  name: 'make',
  matches: (host) => /^hook\.[a-z0-9-]+\.make\.com$/.test(host),
  handle: handleMakeWebhook,
  errorResponse: (status) =>
    text(status, MAKE_ERRORS[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request')),
  reset() {
    received = [];
  },
  control(action) {
    if (action === 'received') return json(200, { received });
    return json(404, { error: `Unknown make control: ${action}` });
  },
};
