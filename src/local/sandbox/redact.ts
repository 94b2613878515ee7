/**
 * Keys never reach a record or a log (DESIGN.md §6, shared/apis/SUMMARY.md rule 5): secret
 * headers, key-bearing query parameters and form or JSON fields are replaced by `[redacted]`;
 * webhook URLs, whose path is the credential (Slack, Make), keep only their last 4 characters
 * so that a test can still tell two webhooks apart.
 */
export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set([
  'x-api-key',
  'authorization',
  'proxy-authorization',
  'x-make-apikey',
  'api-key',
  'cookie',
]);
const SECRET_PARAMS = new Set(['api_key', 'apikey', 'key', 'token', 'access_token']);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return out;
}

function tail(secret: string): string {
  return `[redacted…${secret.slice(-4)}]`;
}

/** Path and query as recorded: secret query values and webhook secrets hidden. */
export function redactPath(host: string, pathAndQuery: string): string {
  const q = pathAndQuery.indexOf('?');
  let path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q < 0 ? '' : pathAndQuery.slice(q + 1);
  if (host === 'hooks.slack.com') {
    path = path.replace(
      /^(\/services\/[^/]+\/[^/]+\/)([^/]+)/,
      (_m, head: string, s: string) => head + tail(s),
    );
  } else if (/^hook\.[a-z0-9-]+\.make\.com$/.test(host)) {
    path = path.replace(/^\/([^/]+)/, (_m, s: string) => `/${tail(s)}`);
  }
  return query === '' ? path : `${path}?${redactQuery(query)}`;
}

export function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      return eq >= 0 && SECRET_PARAMS.has(name.toLowerCase())
        ? `${pair.slice(0, eq)}=${REDACTED}`
        : pair;
    })
    .join('&');
}

/** Form fields and JSON string fields named like a key. */
export function redactBody(body: string): string {
  return body
    .replace(
      /"(api_key|apikey|api-key|x-api-key|token|access_token)"\s*:\s*"[^"]*"/gi,
      `"$1":"${REDACTED}"`,
    )
    .replace(/(^|&)(api_key|apikey|token|access_token)=[^&]*/gi, `$1$2=${REDACTED}`);
}

/** A URL for a log line. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${redactPath(u.hostname, u.pathname + u.search)}`;
  } catch {
    return REDACTED;
  }
}
