/**
 * SIREN (9 digits, the company) and SIRET (14 digits, one of its establishments), INSEE's
 * identifiers, stored as bare digits. Both end with a Luhn check digit, so a typo in one digit or
 * a swap of two neighbours is caught at entry.
 *
 * One documented exception: La Poste (SIREN 356 000 000) has more establishments than a Luhn
 * key leaves room for, so INSEE numbers them with another rule — the sum of the SIRET's 14 digits
 * is a multiple of 5. Only its head office, 356 000 000 00048, keeps a Luhn key. (Same rule as
 * python-stdnum's `stdnum.fr.siret`.) The SIREN 356000000 itself is Luhn-valid.
 */
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

export function normalizeSiren(raw: unknown): Normalized<string> {
  const digits = identifierDigits(raw, 9);
  if (digits === null || digits.length !== 9) {
    return reject("n'est pas un SIREN valide (il faut 9 chiffres)");
  }
  if (!isLuhnValid(digits)) {
    return reject("n'est pas un SIREN valide (9 chiffres, clé de contrôle incorrecte)");
  }
  return accept(digits);
}

export function normalizeSiret(raw: unknown): Normalized<string> {
  const digits = identifierDigits(raw, 14);
  if (digits === null || digits.length !== 14) {
    return reject("n'est pas un SIRET valide (il faut 14 chiffres)");
  }
  if (!isSiretKeyValid(digits)) {
    return reject("n'est pas un SIRET valide (14 chiffres, clé de contrôle incorrecte)");
  }
  return accept(digits);
}

/** The check of a 14-digit SIRET, La Poste's rule included. */
export function isSiretKeyValid(digits: string): boolean {
  if (digits.startsWith(LA_POSTE_SIREN) && digits !== LA_POSTE_HEAD_OFFICE) {
    return digitSum(digits) % 5 === 0;
  }
  return isLuhnValid(digits);
}

/** Luhn (mod 10): from the right, every second digit is doubled, 9 taken off above 9. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/**
 * The digits of an identifier typed with the usual separators ("213 502 388", "356.000.000",
 * "21750001600019"); null if anything else is in it. A number cell has lost its leading zeros,
 * which are put back: zeros on the left change neither a Luhn key nor a digit sum.
 */
function identifierDigits(raw: unknown, length: number): string | null {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) return null;
    return String(raw).padStart(length, '0');
  }
  const text = inputText(raw);
  if (text === null) return null;
  const digits = text.replace(/[\s.\-\u00a0\u202f]/g, '');
  return /^\d+$/.test(digits) ? digits : null;
}
