/**
 * Wall-clock reading of an instant in a time zone, and back, for Utilities.formatDate,
 * MailApp's Date header and the trigger clock. Time zone ids follow Java's
 * `TimeZone.getTimeZone`, which Apps Script uses: IANA ids, `GMT+h[:mm]` custom ids, and an
 * unknown id silently becoming GMT.
 */
export type Zone =
  { kind: 'iana'; id: string } | { kind: 'fixed'; id: string; offsetMinutes: number };

export interface ZonedFields {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** ISO day number: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  offsetMinutes: number;
}

const GMT: Zone = { kind: 'fixed', id: 'GMT', offsetMinutes: 0 };
const formatters = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, Zone>();

function fieldFormatter(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    formatters.set(id, f);
  }
  return f;
}

export function resolveZone(timeZone: string): Zone {
  const cached = zones.get(timeZone);
  if (cached !== undefined) return cached;
  let zone: Zone;
  const custom = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(timeZone.trim());
  if (custom !== null && timeZone.trim() !== '') {
    const sign = custom[1] === '-' ? -1 : 1;
    const minutes = Number(custom[2]) * 60 + Number(custom[3] ?? 0);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    zone = {
      kind: 'fixed',
      id: minutes === 0 ? 'GMT' : `GMT${sign < 0 ? '-' : '+'}${hh}:${mm}`,
      offsetMinutes: sign * minutes,
    };
  } else if (timeZone === 'GMT' || timeZone === 'UTC') {
    zone = { kind: 'fixed', id: timeZone, offsetMinutes: 0 };
  } else {
    try {
      fieldFormatter(timeZone);
      zone = { kind: 'iana', id: timeZone };
    } catch {
      zone = GMT;
    }
  }
  zones.set(timeZone, zone);
  return zone;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function zonedFields(epochMs: number, zone: Zone): ZonedFields {
  if (zone.kind === 'fixed') {
    const shifted = new Date(epochMs + zone.offsetMinutes * 60_000);
    return {
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
      hour: shifted.getUTCHours(),
      minute: shifted.getUTCMinutes(),
      second: shifted.getUTCSeconds(),
      millisecond: shifted.getUTCMilliseconds(),
      isoWeekday: ((shifted.getUTCDay() + 6) % 7) + 1,
      offsetMinutes: zone.offsetMinutes,
    };
  }
  const parts: Record<string, string> = {};
  for (const p of fieldFormatter(zone.id).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  const bc = parts.era === 'BC';
  const year = bc ? 1 - Number(parts.year) : Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const millisecond = ((epochMs % 1000) + 1000) % 1000;
  // Date.UTC maps years 0..99 to 1900..1999; setting the full year afterwards avoids that.
  const utcDate = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  utcDate.setUTCFullYear(year);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond,
    isoWeekday: WEEKDAYS[parts.weekday ?? 'Mon'] ?? 1,
    offsetMinutes: Math.round((utcDate.getTime() - epochMs) / 60_000),
  };
}

/** The instant at which the wall clock of `zone` reads the given fields (DST gaps move forward). */
export function zonedToEpoch(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millisecond));
  d.setUTCFullYear(year);
  const wall = d.getTime();
  const first = wall - zonedFields(wall, zone).offsetMinutes * 60_000;
  return wall - zonedFields(first, zone).offsetMinutes * 60_000;
}

function gmtName(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `GMT${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Java's `z` (short) and `zzzz` (long) names, e.g. CET / Central European Standard Time. */
export function zoneName(epochMs: number, zone: Zone, style: 'short' | 'long'): string {
  if (zone.kind === 'fixed')
    return zone.offsetMinutes === 0 ? zone.id : gmtName(zone.offsetMinutes);
  const date = new Date(epochMs);
  // en-US knows the American abbreviations, en-GB the European ones (CET, CEST, BST).
  for (const locale of style === 'short' ? ['en-US', 'en-GB'] : ['en-US']) {
    const name = new Intl.DateTimeFormat(locale, { timeZone: zone.id, timeZoneName: style })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name !== undefined && !/^GMT[+-]/.test(name)) return name;
  }
  return gmtName(zonedFields(epochMs, zone).offsetMinutes);
}
