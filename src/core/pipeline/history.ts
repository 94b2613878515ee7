/**
 * The stage history of an opportunity, kept in its "Historique des étapes" cell so that users can
 * read it and the CRM needs no hidden tab: one line per stage entered, oldest first,
 * `2026-09-14 10:05 Qualifié` in the CRM's time zone. Lines a user mistyped are skipped, not fatal.
 */
import { isStage, type Stage } from './stages';

export interface StageEntry {
  readonly stage: Stage;
  /** Calendar day `yyyy-MM-dd` (CRM time zone). */
  readonly day: string;
  /** `HH:mm`, or null when the line gives only the day. */
  readonly time: string | null;
}

const LINE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?\s*(?:[-→:·]\s*)?(.+?)\s*$/;

export function parseHistory(text: unknown): StageEntry[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const entries: StageEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const [, day = '', time, stage] = match;
    if (isStage(stage)) entries.push({ stage, day, time: time ?? null });
  }
  // Users may paste lines out of order; durations need them in time order.
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => compareEntries(a.entry, b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

export function formatHistory(entries: readonly StageEntry[]): string {
  return entries.map((e) => `${e.day}${e.time ? ` ${e.time}` : ''} ${e.stage}`).join('\n');
}

export function appendEntry(text: unknown, entry: StageEntry): string {
  return formatHistory([...parseHistory(text), entry]);
}

/**
 * The history of an opportunity that predates the CRM or was typed by hand: when the cell is
 * empty, its current stage counts as entered on the day given (its creation day, usually).
 */
export function historyOrCurrent(text: unknown, stage: Stage, sinceDay: string): StageEntry[] {
  const entries = parseHistory(text);
  return entries.length > 0 ? entries : [{ stage, day: sinceDay, time: null }];
}

function compareEntries(a: StageEntry, b: StageEntry): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  const ta = a.time ?? '00:00';
  const tb = b.time ?? '00:00';
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}
