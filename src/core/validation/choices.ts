/**
 * Values picked from a list: `enum` fields (the schema's allowed values) and `boolean` fields.
 * People type "negociation", "NÉGOCIATION" or "no-go": the match ignores case, accents,
 * hyphens and apostrophes, and the canonical value of the list is stored.
 */
import { foldText } from '../text/fold';
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

/** Folded key → canonical value, per value list: an import folds each list once, not per row. */
const indexes = new WeakMap<readonly string[], ReadonlyMap<string, string>>();

export function normalizeEnum(raw: unknown, values: readonly string[]): Normalized<string> {
  const text = inputText(raw);
  const match = text === null ? undefined : indexOf(values).get(choiceKey(text));
  if (match !== undefined) return accept(match);
  return reject(
    values.length === 0
      ? "n'est pas une valeur permise"
      : `n'est pas une valeur permise (${values.join(', ')})`,
  );
}

function indexOf(values: readonly string[]): ReadonlyMap<string, string> {
  let index = indexes.get(values);
  if (!index) {
    // Reversed so that the first of two values with the same key wins, as a search would.
    index = new Map([...values].reverse().map((value) => [choiceKey(value), value]));
    indexes.set(values, index);
  }
  return index;
}

/** The comparison key of a choice: folded, with punctuation between words as a space. */
export function choiceKey(text: string): string {
  // Lower-cased first: foldText expands the ligatures œ and æ but not their capitals Œ and Æ.
  return foldText(text.toLowerCase().replace(/[-_'’.]+/g, ' ')).replace(/ +/g, ' ');
}

const TRUE_WORDS = new Set(['true', 'vrai', 'oui', 'yes', '1', 'x', '✓', '✔', '☑']);
const FALSE_WORDS = new Set(['false', 'faux', 'non', 'no', '0']);

/** true/false, vrai/faux, oui/non, 1/0, and the marks people put in a box: x, ✓, ✔, ☑. */
export function normalizeBoolean(raw: unknown): Normalized<boolean> {
  if (typeof raw === 'boolean') return accept(raw);
  const text = inputText(raw);
  const key = text === null ? null : foldText(text);
  if (key !== null && TRUE_WORDS.has(key)) return accept(true);
  if (key !== null && FALSE_WORDS.has(key)) return accept(false);
  return reject("n'est pas une valeur oui / non");
}
