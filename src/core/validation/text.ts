/**
 * Free text (`text`, `longtext`). Text stays exactly what was typed, apart from surrounding
 * whitespace: "=SOMME(A1)" or "+33…" typed in a text field is stored as that text, never turned
 * into a formula or a number (DESIGN.md §7; the column's plain-text format does the rest).
 */
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

/** A Google Sheets cell holds at most 50,000 characters. */
export const MAX_TEXT_LENGTH = 50_000;

export function normalizeText(raw: unknown): Normalized<string> {
  // Booleans are accepted as their text: a cell typed TRUE in a column that was not plain text.
  const text = typeof raw === 'boolean' ? String(raw) : inputText(raw);
  if (text === null) return reject("n'est pas un texte");
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) {
    return reject(
      `est trop long (${formatCount(trimmed.length)} caractères ; ${formatCount(MAX_TEXT_LENGTH)} au plus)`,
    );
  }
  return accept(trimmed);
}

function formatCount(n: number): string {
  // Narrow no-break space between thousands, as French typography (and Intl fr-FR) does.
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}
