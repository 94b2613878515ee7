/**
 * Stand-in for Slack incoming webhooks (shared/apis/slack.md): `POST /services/T…/B…/<secret>`
 * with a JSON message answers `200 ok` in text/plain. Errors are plain-text bodies: malformed
 * JSON or bad blocks → `400 invalid_payload`, neither text nor blocks → `400 no_text`, a path
 * that is not a webhook → `404 no_service`. Limits checked: ≤ 50 blocks, a section text ≤ 3,000
 * characters. Injected faults answer with Slack's body for the status (`rollup_error`, …).
 */
import { text, type SandboxRequest, type SandboxResponse, type StandIn } from '../types';

const WEBHOOK_PATH = /^\/services\/[^/]+\/[^/]+\/[^/]+$/;
const MAX_BLOCKS = 50;
const MAX_SECTION_TEXT = 3000;

function parseMessage(request: SandboxRequest): unknown {
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    // Slack also accepts the JSON in a `payload` form field.
    const payload = new URLSearchParams(request.bodyText).get('payload');
    if (payload === null) return undefined;
    return JSON.parse(payload);
  }
  return JSON.parse(request.bodyText);
}

function sectionTooLong(block: unknown): boolean {
  const b = block as { type?: unknown; text?: { text?: unknown } };
  return (
    b.type === 'section' &&
    typeof b.text?.text === 'string' &&
    b.text.text.length > MAX_SECTION_TEXT
  );
}

export function handleSlackWebhook(request: SandboxRequest): SandboxResponse {
  if (!WEBHOOK_PATH.test(request.path)) return text(404, 'no_service');
  // Slack documents no answer for other methods; a webhook only takes POST [inference].
  if (request.method !== 'POST') return text(405, 'invalid_method');
  let message: unknown;
  try {
    message = parseMessage(request);
  } catch {
    return text(400, 'invalid_payload');
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return text(400, 'invalid_payload');
  }
  const { text: body, blocks } = message as { text?: unknown; blocks?: unknown };
  if (
    blocks !== undefined &&
    (!Array.isArray(blocks) || blocks.length > MAX_BLOCKS || blocks.some(sectionTooLong))
  ) {
    return text(400, 'invalid_payload');
  }
  const hasText = typeof body === 'string' && body.trim() !== '';
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if (!hasText && !hasBlocks) return text(400, 'no_text');
  return text(200, 'ok');
}

const SLACK_ERRORS: Record<number, string> = {
  400: 'invalid_payload',
  403: 'invalid_token',
  404: 'channel_not_found',
  410: 'channel_is_archived',
  429: 'rate_limited',
  500: 'rollup_error',
};

export const slackStandIn: StandIn = {
  name: 'slack',
  matches: (host) => host === 'hooks.slack.com',
  handle: handleSlackWebhook,
  errorResponse: (status) =>
    text(status, SLACK_ERRORS[status] ?? (status >= 500 ? 'rollup_error' : 'invalid_payload')),
};
