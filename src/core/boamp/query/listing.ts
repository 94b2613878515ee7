/**
 * Paging through the watch's queries as a plain-data state, so a job cut by the 6-minute limit
 * saves it and resumes where it stopped (DESIGN.md §7). The API serves at most
 * `offset + limit ≤ 10 000` records of a query (boamp.md §1.2): a window with more matches is
 * split in two halves of days, again and again, until each half fits; a single day still over
 * the limit is read as far as the API allows and reported in `truncated`.
 *
 * Use: `startListing(queries)`, then repeat `nextListingStep(state)` → fetch the offsets it
 * names → `advanceListing(state, pages)` until the step says `done`.
 */
import type { DayWindow } from '../types';
import { PAGE_SIZE, RESULT_WINDOW, type NoticeQuery } from './request';

export interface ListingState {
  /** Queries still to read, the current one first (a split replaces it by its halves). */
  readonly pending: readonly NoticeQuery[];
  /** Next offset to read in the current query. */
  readonly offset: number;
  /** The current query's `total_count` once one of its pages came back, else null. */
  readonly totalCount: number | null;
  /** Days with more matches than the API pages through: read in part only. */
  readonly truncated: readonly DayWindow[];
}

export type ListingStep =
  | { readonly done: true }
  | { readonly done: false; readonly query: NoticeQuery; readonly offsets: readonly number[] };

/** What one fetched page tells the listing. */
export interface PageOutcome {
  readonly offset: number;
  readonly totalCount: number;
  /** Records on the page. */
  readonly received: number;
}

export interface ListingOptions {
  /** The API's result window; tests lower it. */
  readonly resultWindow?: number;
  readonly pageSize?: number;
}

export function startListing(queries: readonly NoticeQuery[]): ListingState {
  return { pending: [...queries], offset: 0, totalCount: null, truncated: [] };
}

/**
 * The pages to fetch now. A query's first page comes alone, since its total decides whether
 * the window must be split; after it, up to `parallel` pages can go in one `fetchAll`.
 */
export function nextListingStep(
  state: ListingState,
  parallel = 1,
  options: ListingOptions = {},
): ListingStep {
  const query = state.pending[0];
  if (query === undefined) return { done: true };
  if (state.totalCount === null) return { done: false, query, offsets: [state.offset] };
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const end = readableEnd(state.totalCount, options);
  const offsets: number[] = [];
  for (let o = state.offset; o < end && offsets.length < Math.max(1, parallel); o += pageSize)
    offsets.push(o);
  // advanceListing never leaves a query with nothing left to read; stay safe regardless.
  return offsets.length > 0
    ? { done: false, query, offsets }
    : { done: false, query, offsets: [state.offset] };
}

/** The state after the pages of the last step came back (in any order). */
export function advanceListing(
  state: ListingState,
  pages: readonly PageOutcome[],
  options: ListingOptions = {},
): ListingState {
  const query = state.pending[0];
  if (query === undefined || pages.length === 0) return state;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const resultWindow = options.resultWindow ?? RESULT_WINDOW;
  const sorted = [...pages].sort((a, b) => a.offset - b.offset);
  const last = sorted[sorted.length - 1] as PageOutcome;
  const rest = state.pending.slice(1);
  let truncated = state.truncated;

  if (state.totalCount === null && last.totalCount > resultWindow) {
    const halves = splitWindow(query.window);
    if (halves !== null) {
      return {
        pending: [...halves.map((window) => ({ ...query, window })), ...rest],
        offset: 0,
        totalCount: null,
        truncated,
      };
    }
    truncated = [...truncated, query.window];
  }

  // total_count moves while notices arrive (twice a day): the latest page knows best.
  const totalCount = last.totalCount;
  const offset = last.offset + pageSize;
  const exhausted = sorted.some((p) => p.received < pageSize);
  if (exhausted || offset >= readableEnd(totalCount, options)) {
    return { pending: rest, offset: 0, totalCount: null, truncated };
  }
  return { pending: state.pending, offset, totalCount, truncated };
}

/** Two halves of a window (older first), or null for a single day. */
export function splitWindow(window: DayWindow): [DayWindow, DayWindow] | null {
  const days = dayCount(window);
  if (days <= 1) return null;
  const firstEnd = addDays(window.from, Math.floor(days / 2) - 1);
  return [
    { from: window.from, to: firstEnd },
    { from: addDays(firstEnd, 1), to: window.to },
  ];
}

/** Days in a window, both ends included. */
export function dayCount(window: DayWindow): number {
  return Math.round((dayMs(window.to) - dayMs(window.from)) / 86_400_000) + 1;
}

/** The calendar day `n` days after (or before) a `yyyy-MM-dd` day. */
export function addDays(day: string, n: number): string {
  const d = new Date(dayMs(day) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function readableEnd(totalCount: number, options: ListingOptions): number {
  return Math.min(totalCount, options.resultWindow ?? RESULT_WINDOW);
}

function dayMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}
