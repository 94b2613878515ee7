/**
 * Phone numbers, stored in E.164 (`+33612345678`): one form whatever was typed, so the same
 * number is recognised everywhere and can be dialled from any country.
 *
 * Parsing uses libphonenumber-js with its **max** metadata (`libphonenumber-js/max`), imported
 * here and nowhere else, so the bundle carries one copy of the metadata. The default `min`
 * metadata checks lengths only, so it accepts numbers no operator has (+49 123456) and stores
 * "0692 12 34 56" — a Réunion mobile dialled from France — as the non-existent
 * +33 6 92 12 34 56. `max` knows each country's real ranges. The price is about 75 kB more in
 * the unminified server bundle (255 kB for the library against 180 kB), which Apps Script
 * parses once per execution.
 */
import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

const INVALID = "n'est pas un numéro de téléphone valide";

/**
 * Overseas departments share the French numbering plan: from France their numbers are dialled
 * with a leading 0. ARCEP gives them these prefixes (0262/0263/0692/0693 Réunion, 0269/0639
 * Mayotte, 0590/0690/0691 Guadeloupe and the northern islands, 0596/0696/0697 Martinique,
 * 0594/0694 Guyane). libphonenumber's French ranges also match some of them (0590, 0594, 0596
 * as if metropolitan 05), so a national number with one of these prefixes is read against the
 * overseas departments only. Service numbers (08…, 09…) stay French.
 */
const OVERSEAS_PREFIX = /^0(?:26[239]|59[046]|639|69[0-467])/;
const OVERSEAS: readonly CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF'];

/** Countries whose numbers a French user dials in the national form (0…), so shown that way. */
const FRENCH_PLAN: ReadonlySet<string> = new Set(['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'MQ', 'GF']);

/** What people type in a phone field: digits, +, spaces, dots, dashes, slashes, "(0)". */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/;

export function normalizePhone(raw: unknown): Normalized<string> {
  const text = phoneText(raw);
  if (text === null || !PHONE_CHARACTERS.test(text)) return reject(INVALID);
  const digits = text.replace(/\D/g, '');
  // E.164 allows 15 digits; a few more leave room for a "00" prefix and a "(0)".
  if (digits.length < 4 || digits.length > 18) return reject(INVALID);
  const parsed = OVERSEAS_PREFIX.test(digits) ? parseOverseas(text) : parseFrenchOrForeign(text);
  return parsed ? accept(parsed.number) : reject(INVALID);
}

/**
 * "06 12 34 56 78" for numbers of the French plan (metropolitan and overseas), the international
 * form "+32 470 12 34 56" otherwise; the input unchanged if it is not a valid number.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164, { defaultCountry: 'FR', extract: false });
  if (!parsed?.isValid()) return e164;
  return parsed.country !== undefined && FRENCH_PLAN.has(parsed.country)
    ? parsed.formatNational()
    : parsed.formatInternational();
}

function phoneText(raw: unknown): string | null {
  if (typeof raw === 'number') {
    // A number cell lost its leading 0 ("0612345678" → 612345678) or its "+" (33612345678).
    if (!Number.isSafeInteger(raw) || raw <= 0) return null;
    const digits = String(raw);
    return digits.length === 9 ? `0${digits}` : `+${digits}`;
  }
  const text = inputText(raw);
  if (text === null) return null;
  // "tel:" links are pasted from web pages and email signatures.
  return text
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/**
 * A number with its country code, or a metropolitan one. "+33 6 92…" or "+33 5 96…" is an
 * overseas number written with the metropolitan code (libphonenumber even deems some of them
 * valid French numbers, which are not dialable): it is read as the overseas number it means.
 */
function parseFrenchOrForeign(text: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: 'FR', extract: false });
  if (!parsed) return undefined;
  const national = `0${parsed.nationalNumber}`;
  if (parsed.countryCallingCode === '33' && OVERSEAS_PREFIX.test(national)) {
    return parseOverseas(national);
  }
  return parsed.isValid() ? parsed : undefined;
}

function parseValid(text: string, defaultCountry: CountryCode): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  return parsed?.isValid() ? parsed : undefined;
}

function parseOverseas(text: string): PhoneNumber | undefined {
  for (const country of OVERSEAS) {
    const parsed = parseValid(text, country);
    if (parsed) return parsed;
  }
  return undefined;
}
