/**
 * Email addresses, stored trimmed and lower-cased so that the same person is found whatever the
 * case they were typed in (deduplication, Hunter checks, follow-up rules all compare addresses).
 *
 * The syntax is RFC 5322's dot-atom, the form real addresses use, with two deliberate choices:
 * - the local part (before @) is ASCII only: an accent there is almost always a typo for a
 *   name ("jérôme.dupont@…" for "jerome.dupont@…"), and an internationalised mailbox (RFC 6531)
 *   is delivered only by servers that support SMTPUTF8 — refusing it with a precise reason lets
 *   the user fix the address instead of meeting a bounce weeks later;
 * - the domain may contain letters with accents (French IDN domains exist since 2012), but must
 *   end with an alphabetic top-level domain (".fr", ".com", or its punycode "xn--…" form).
 * Quoted local parts ("jean dupont"@x.fr) and IP-literal domains are refused: no business
 * address uses them.
 */
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

const INVALID = "n'est pas une adresse email valide";
const LOCAL_ATOM = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

export function normalizeEmail(raw: unknown): Normalized<string> {
  const text = inputText(raw);
  if (text === null) return reject(INVALID);
  const address = unwrap(text.trim()).normalize('NFC').toLowerCase();
  if (/\s/.test(address)) return reject(`${INVALID} (elle contient un espace)`);
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return reject(INVALID);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (address.includes('..')) return reject(`${INVALID} (deux points qui se suivent)`);
  if (/[^\x20-\x7e]/.test(local)) return reject(`${INVALID} (pas d'accent avant le @)`);
  if (local.length > 64 || address.length > 254) return reject(`${INVALID} (trop longue)`);
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return reject(INVALID);
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return reject(INVALID);
  if (labels.length < 2) return reject(`${INVALID} (il manque l'extension du domaine, ex. .fr)`);
  if (!TOP_LEVEL_DOMAIN.test(tld)) return reject(INVALID);
  return accept(address);
}

/** "mailto:x@y.fr" and "Jean Dupont <x@y.fr>" (a paste from a mail client) give the address. */
function unwrap(text: string): string {
  const bracketed = /^[^<>]*<([^<>]+)>$/.exec(text);
  const inner = bracketed?.[1]?.trim() ?? text;
  return inner.replace(/^mailto:/i, '');
}
