/**
 * The ways a view talks to the server. `useLoad` fetches what a view shows (ignoring an answer
 * that arrives after a newer request was made); `useAction` runs what a button does, one at a
 * time, with its pending flag for the button's "…" and its error sent to the banner; `useSearch`
 * searches as the user types.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SearchHit } from '../server/api/contract';
import { useNotify } from './notify';
import { callServer, errorText } from './rpc';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly loading: boolean;
  readonly error: string | null;
  reload(): void;
  /** Replaces the data locally, after an action whose answer already says what changed. */
  setData(data: T): void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{
    data: T | undefined;
    loading: boolean;
    error: string | null;
  }>({ data: undefined, loading: true, error: null });
  const latest = useRef(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => {
        if (id === latest.current) setState({ data, loading: false, error: null });
      },
      (error: unknown) => {
        if (id === latest.current)
          setState((s) => ({ ...s, loading: false, error: errorText(error) }));
      },
    );
    // `load` is a fresh closure each render; the caller's deps say when to run it again.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setState({ data, loading: false, error: null }), []);
  return { ...state, reload, setData };
}

/**
 * `[pending, run]`: `run(work)` does nothing while a previous run is pending (a double click must
 * not create two records), and reports a thrown error in the banner unless `work` handles it.
 */
export function useAction(): [boolean, (work: () => Promise<void>) => Promise<void>] {
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const busy = useRef(false);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(
    async (work: () => Promise<void>) => {
      if (busy.current) return;
      busy.current = true;
      setPending(true);
      try {
        await work();
      } catch (error) {
        notify.error(errorText(error));
      } finally {
        busy.current = false;
        if (mounted.current) setPending(false);
      }
    },
    [notify],
  );
  return [pending, run];
}

/** Waiting time after the last keystroke: one call per pause in typing, not one per letter. */
export const SEARCH_DELAY_MS = 250;
const MIN_QUERY_LENGTH = 2;

export interface SearchState {
  /** The query the hits answer (trimmed); '' before any search. */
  readonly query: string;
  readonly hits: readonly SearchHit[] | null;
  readonly loading: boolean;
  readonly error: string | null;
}

/**
 * Results as you type: debounced, and an answer to an older query is dropped, so a slow
 * response for "ren" never overwrites the results for "rennes" that came back first.
 */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({
    query: '',
    hits: null,
    loading: false,
    error: null,
  });
  const latest = useRef(0);
  useEffect(() => {
    const id = ++latest.current;
    const q = query.trim();
    if (q.length < MIN_QUERY_LENGTH) {
      setState({ query: '', hits: null, loading: false, error: null });
      return undefined;
    }
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      callServer('searchRecords', q).then(
        (hits) => {
          if (id === latest.current) setState({ query: q, hits, loading: false, error: null });
        },
        (error: unknown) => {
          if (id === latest.current)
            setState({ query: q, hits: null, loading: false, error: errorText(error) });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return state;
}
