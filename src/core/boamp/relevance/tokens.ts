/**
 * Words and phrases, folded and lightly stemmed, so that a rule written once in Parametres
 * ("zone humide") finds "ZONES HUMIDES", "zones humides" and "Zone Humide" — and never a word
 * that merely contains it ("Bruche" is not "ruche").
 */
import { foldText } from '../../text/fold';

/**
 * Skipped between the words of a phrase: titles say "inventaire des zones humides" as often as
 * "inventaires de zones humides", and "faune et flore" as often as "faune-flore".
 */
const SKIPPABLE = new Set(['le', 'la', 'les', 'l', 'de', 'du', 'des', 'd', 'et', 'un', 'une']);

/** What stands between a place or establishment and its name: "rue de l'Abeille". */
const ARTICLES = new Set(['le', 'la', 'les', 'l', 'de', 'du', 'des', 'd']);

/**
 * A name needs a definite article ("crèche Les Abeilles", "rue du Rucher"); "de" alone is a
 * complement ("école d'apiculture", "société d'apiculture"), which is the trade itself.
 */
const DEFINITE = new Set(['le', 'la', 'les', 'l', 'du', 'des']);

/** At most this many skippable words between two words of a phrase. */
const MAX_SKIPPED = 3;

export interface Token {
  /** Folded word, "à"/"au"/"aux" all read "a". */
  readonly word: string;
  readonly stem: string;
}

/** One word of a rule: an exact stem, or a prefix when the rule ends the word with `*`. */
export interface PhrasePart {
  readonly stem: string;
  readonly prefix: boolean;
}

export type Phrase = readonly PhrasePart[];

function normalizeWord(word: string): string {
  return word === 'au' || word === 'aux' ? 'a' : word;
}

/**
 * A light French stemmer: plural and feminine endings only. It is applied to both the rule and
 * the title, so it only has to be consistent, not linguistically right.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^[0-9]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('eaux')) w = w.slice(0, -1);
  else if (w.endsWith('aux')) w = `${w.slice(0, -3)}al`;
  else if (w.endsWith('s') || w.endsWith('x')) w = w.slice(0, -1);
  // "-ère" keeps its e: "Ruchères" is a place, not "rucher".
  while (w.length > 3 && w.endsWith('e') && !w.endsWith('re')) w = w.slice(0, -1);
  if (w.endsWith('ll')) w = w.slice(0, -1);
  if (w.endsWith('iv')) w = `${w.slice(0, -1)}f`;
  return w;
}

/**
 * foldText replaces "œ" before lowercasing, so "ŒUVRE" would lose its first letter; lowering
 * first keeps "MAÎTRISE D'ŒUVRE" equal to "maîtrise d'œuvre".
 */
function fold(text: string): string {
  return foldText(text.toLowerCase());
}

export function tokenize(text: string): Token[] {
  return fold(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => {
      const word = normalizeWord(w);
      return { word, stem: stem(word) };
    });
}

/** A rule's words, skippable words dropped; empty when nothing meaningful is left. */
export function compilePhrase(term: string): Phrase {
  const words = fold(term).match(/[a-z0-9]+\*?/g) ?? [];
  const parts: PhrasePart[] = [];
  for (const raw of words) {
    const prefix = raw.endsWith('*');
    const word = normalizeWord(prefix ? raw.slice(0, -1) : raw);
    if (SKIPPABLE.has(word)) continue;
    parts.push({ stem: prefix ? word : stem(word), prefix });
  }
  return parts;
}

function partMatches(part: PhrasePart, token: Token): boolean {
  return part.prefix ? token.word.startsWith(part.stem) : token.stem === part.stem;
}

/** Index of the phrase's last token when it starts at `start`, or -1. */
export function matchAt(tokens: readonly Token[], start: number, phrase: Phrase): number {
  const first = phrase[0];
  const head = tokens[start];
  if (!first || !head || !partMatches(first, head)) return -1;
  let end = start;
  for (let k = 1; k < phrase.length; k++) {
    const part = phrase[k] as PhrasePart;
    let next = end + 1;
    let skipped = 0;
    while (
      skipped < MAX_SKIPPED &&
      next < tokens.length &&
      SKIPPABLE.has((tokens[next] as Token).word) &&
      !partMatches(part, tokens[next] as Token)
    ) {
      next++;
      skipped++;
    }
    const token = tokens[next];
    if (!token || !partMatches(part, token)) return -1;
    end = next;
  }
  return end;
}

/**
 * True when the words at `start` are the name of a place or an establishment — "crèche Les
 * Abeilles", "rue du Rucher": one of `contexts` right before them, with a definite article in
 * between. Requiring the article keeps "centre apicole" and "rucher école" as trade words.
 */
export function isProperName(
  tokens: readonly Token[],
  start: number,
  contexts: readonly Phrase[],
): boolean {
  let k = start - 1;
  let definite = false;
  while (k >= 0 && ARTICLES.has((tokens[k] as Token).word)) {
    if (DEFINITE.has((tokens[k] as Token).word)) definite = true;
    k--;
  }
  if (!definite || k < 0) return false;
  return contexts.some((context) => {
    for (let s = Math.max(0, k - context.length - MAX_SKIPPED); s <= k; s++) {
      if (matchAt(tokens, s, context) === k) return true;
    }
    return false;
  });
}
