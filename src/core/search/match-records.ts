/**
 * Search as the sidebar needs it: every word typed must appear in the record (accents and case
 * folded), results whose title starts with the query first.
 */
import { foldText } from '../text/fold';

export interface Searchable<T> {
  readonly item: T;
  readonly title: string;
  /** Every text the query may match (title included). */
  readonly haystack: readonly string[];
}

export function matchRecords<T>(
  entries: readonly Searchable<T>[],
  query: string,
  limit: number,
): T[] {
  const words = foldText(query)
    .split(' ')
    .filter((w) => w !== '');
  if (words.length === 0) return [];
  const folded = foldText(query);
  return entries
    .map((entry) => ({
      entry,
      title: foldText(entry.title),
      text: foldText(entry.haystack.join(' ')),
    }))
    .filter(({ text }) => words.every((word) => text.includes(word)))
    .sort((a, b) => {
      const rank = (title: string) =>
        title.startsWith(folded) ? 0 : title.includes(folded) ? 1 : 2;
      return rank(a.title) - rank(b.title) || a.title.localeCompare(b.title, 'fr');
    })
    .slice(0, limit)
    .map(({ entry }) => entry.item);
}
