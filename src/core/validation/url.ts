/**
 * Web links (site, LinkedIn profile, BOAMP notice, document). Only http and https: a link in
 * the CRM is opened by a click, and `javascript:` or `data:` there would run or show anything.
 * "www.ville.fr" and "linkedin.com/in/x" gain "https://"; the scheme and host are lower-cased
 * (they are case-insensitive), the path, query and fragment stay as typed (they are not).
 */
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

const INVALID = "n'est pas un lien web valide";
const MAX_URL_LENGTH = 2048;
const WITH_SCHEME = /^([a-z][a-z\d+.-]*):\/\//i;
/** Schemes typed without "//" that must not be mistaken for a host name. */
const OTHER_SCHEME = /^(?:javascript|data|mailto|tel|file|vbscript|about|blob):/i;
const AUTHORITY = /^([^/?#]*)(.*)$/s;
const HOST_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,63}|xn--[a-z\d-]{1,59})$/u;

export function normalizeUrl(raw: unknown): Normalized<string> {
  const text = inputText(raw)?.trim() ?? null;
  if (text === null || text === '') return reject(INVALID);
  if (/\s/.test(text)) return reject(`${INVALID} (il contient un espace)`);
  if (text.length > MAX_URL_LENGTH) return reject(`${INVALID} (trop long)`);
  const scheme = WITH_SCHEME.exec(text);
  if (!scheme && OTHER_SCHEME.test(text))
    return reject(`${INVALID} (http:// ou https:// seulement)`);
  const protocol = scheme ? (scheme[1] ?? '').toLowerCase() : 'https';
  if (protocol !== 'http' && protocol !== 'https') {
    return reject(`${INVALID} (http:// ou https:// seulement)`);
  }
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const [, authority = '', path = ''] = AUTHORITY.exec(rest) ?? [];
  const host = parseHost(authority);
  if (host === null) return reject(INVALID);
  return accept(`${protocol}://${host}${path}`);
}

/** "Www.Ville.FR:8080" → "www.ville.fr:8080"; null for user info, bad labels or ports. */
function parseHost(authority: string): string | null {
  // "user:password@host" hides the real host from a reader: a phishing pattern, never needed.
  if (authority.includes('@')) return null;
  const m = /^([^:]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!m) return null;
  const host = (m[1] ?? '').normalize('NFC').toLowerCase();
  const port = m[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l))) return null;
  if (!TOP_LEVEL_DOMAIN.test(tld)) return null;
  return port === undefined ? host : `${host}:${port}`;
}
