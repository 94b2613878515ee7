/** Whole days between two `yyyy-MM-dd` days, by calendar arithmetic (no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
}

export function monthOf(day: string): number {
  return Number(day.slice(5, 7));
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

function utcDay(day: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}
