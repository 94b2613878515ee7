/**
 * Record identifiers: a tab prefix and a zero-padded number (`CT-000123`). Numbers only grow, so
 * an ID is never reused, even after a record is archived or a row deleted by hand.
 */
const ID_PATTERN = /^([A-Z]+)-(\d+)$/;
export const ID_DIGITS = 6;

export function formatRecordId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(ID_DIGITS, '0')}`;
}

/** The number of an ID of this prefix, or null for anything else. */
export function recordIdNumber(prefix: string, id: string): number | null {
  const match = ID_PATTERN.exec(id.trim().toUpperCase());
  if (!match || match[1] !== prefix) return null;
  return Number(match[2]);
}

/** `count` new IDs after both the stored counter and every ID present in the tab. */
export function nextRecordIds(
  prefix: string,
  lastAllocated: number,
  existingIds: Iterable<string>,
  count: number,
): { ids: string[]; lastAllocated: number } {
  let last = lastAllocated;
  for (const id of existingIds) {
    const n = recordIdNumber(prefix, id);
    if (n !== null && n > last) last = n;
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(formatRecordId(prefix, ++last));
  return { ids, lastAllocated: last };
}
