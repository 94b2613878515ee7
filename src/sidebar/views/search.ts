/**
 * Rechercher: organisations, contacts and opportunities as you type (accents and case folded by
 * the server's search). A hit opens its card — an opportunity opens its organisation's card with
 * the opportunity highlighted. Two clicks at most: the tab, then the hit.
 */
import type { VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit } from '../../server/api/contract';
import { useSearch } from '../hooks';
import { HitList } from '../hit-list';
import { html } from '../html';

export interface SearchViewProps {
  /** The view is shown (it stays mounted, hidden, to keep the query and results). */
  readonly active: boolean;
  readonly onPick: (hit: SearchHit) => void;
}

export function SearchView(props: SearchViewProps): VNode {
  const { active, onPick } = props;
  const [query, setQuery] = useState('');
  const search = useSearch(query);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (active) input.current?.focus();
  }, [active]);
  const hits = search.hits ?? [];
  const typed = query.trim();
  return html`
    <section class="search">
      <label for="search-input" class="sr-only">Rechercher</label>
      <input
        id="search-input"
        ref=${input}
        type="search"
        placeholder="Organisation, contact, opportunité…"
        autocomplete="off"
        value=${query}
        onInput=${(e: Event) => setQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown=${(e: KeyboardEvent) => {
          const first = hits[0];
          if (e.key === 'Enter' && first && !search.loading) onPick(first);
        }}
      />
      <div class="search-state" role="status" aria-live="polite">
        ${typed.length > 0 && typed.length < 2 ? 'Tapez au moins 2 caractères.' : ''}
        ${search.loading ? 'Recherche…' : ''}
        ${
          search.hits && !search.loading
            ? hits.length === 0
              ? `Aucun résultat pour « ${search.query} ».`
              : `${hits.length} résultat${hits.length > 1 ? 's' : ''}`
            : ''
        }
      </div>
      ${search.error ? html`<p class="bad" role="alert">${search.error}</p>` : null}
      <${HitList} hits=${hits} onPick=${onPick} testId="search-results" />
    </section>
  `;
}
