/**
 * Where a UrlFetchApp request may go. Two independent checks:
 * - the manifest's `urlFetchWhitelist` (developers.google.com/apps-script/manifest/allowlist-url):
 *   when present, a URL must start with one of the prefixes; a leading `*.` in the host matches
 *   subdomains. A refused URL throws Apps Script's text (community reports): `Request to <url>
 *   failed because the URL has not been whitelisted in the script manifest.`
 * - sandbox routing (demo mode and tests): requests to the external API hosts go to the local
 *   stand-in server with the original host in `x-sandbox-host`; any other host is refused, so
 *   demo mode can never reach the internet by accident.
 */
import { isSandboxedHost, SANDBOX_HOST_HEADER } from '../../../sandbox/hosts';

export type Routing = 'sandbox' | 'live';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function isWhitelisted(url: string, whitelist: readonly string[]): boolean {
  return whitelist.some((prefix) => {
    const wildcard = /^(https?:\/\/)\*\.(.*)$/.exec(prefix);
    if (wildcard === null) return url.startsWith(prefix);
    const pattern = `^${escapeRegExp(wildcard[1] ?? '')}[^/?#]+\\.${escapeRegExp(wildcard[2] ?? '')}`;
    return new RegExp(pattern).test(url);
  });
}

export type RouteDecision =
  | { ok: true; target: string; extraHeaders: Record<string, string> }
  | { ok: false; reason: string };

export function routeRequest(
  url: URL,
  routing: Routing,
  sandboxPort: number | undefined,
): RouteDecision {
  if (routing === 'live') return { ok: true, target: url.href, extraHeaders: {} };
  const host = url.hostname.toLowerCase();
  if (!isSandboxedHost(host)) {
    return {
      ok: false,
      reason: `Sandbox mode: request to ${host} refused. Only the external API hosts have local stand-ins; the local runtime never reaches the internet in demo mode.`,
    };
  }
  if (sandboxPort === undefined) {
    return {
      ok: false,
      reason: `Sandbox mode: the API sandbox is not running (request to ${host}).`,
    };
  }
  return {
    ok: true,
    target: `http://127.0.0.1:${sandboxPort}${url.pathname}${url.search}`,
    extraHeaders: { [SANDBOX_HOST_HEADER]: host },
  };
}
