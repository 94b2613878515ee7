/**
 * The external API hosts the CRM calls (shared/apis/SUMMARY.md), which sandbox mode serves with
 * local stand-ins. Shared by UrlFetchApp's routing and the sandbox server.
 */
export const SANDBOX_HOST_HEADER = 'x-sandbox-host';

export const SANDBOXED_HOSTS: readonly string[] = [
  'boamp-datadila.opendatasoft.com',
  'api.anthropic.com',
  'api.apollo.io',
  'api.hunter.io',
  'hooks.slack.com',
];

/** Make webhooks live on a zone subdomain: `hook.<zone>.make.com` (e.g. hook.eu1.make.com). */
const MAKE_WEBHOOK_HOST = /^hook\.[a-z0-9-]+\.make\.com$/;

export function isSandboxedHost(host: string): boolean {
  const h = host.toLowerCase();
  return SANDBOXED_HOSTS.includes(h) || MAKE_WEBHOOK_HOST.test(h);
}
