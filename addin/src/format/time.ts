// Local-time arithmetic for display. The backend does the zone math that decides anything (NodaTime); the pane
// only shows local times it was given, or turns the instants it was given into a zone's wall clock via the
// browser's ICU time-zone data (Intl), never via the machine's own zone.

import type { DayOfWeek } from '../api/types';

/** A wall-clock reading: what a person's clock and calendar show. */
export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const weekdayShort = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const weekdayLong = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const monthShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const dayIndex: Record<DayOfWeek, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

const localPattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Reads an ISO local date or date-time without offset ("2026-12-01T07:00:00" or "2026-12-01"). */
export function parseLocal(value: string): LocalParts {
  const m = localPattern.exec(value);
  if (m === null) throw new RangeError(`Not an ISO local date-time: "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return { year, month, day, hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), weekday: weekdayOf(year, month, day) };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` (IANA) at an instant ("2026-12-01T15:00:00Z" or a Date). */
export function localPartsAt(instant: string | Date, timeZone: string): LocalParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: "${String(instant)}"`);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? NaN;
  const month = parts.month ?? NaN;
  const day = parts.day ?? NaN;
  return { year, month, day, hour: parts.hour ?? NaN, minute: parts.minute ?? NaN, weekday: weekdayOf(year, month, day) };
}

/** Minutes east of UTC in `timeZone` at an instant (e.g. 345 for Kathmandu, -180 for São Paulo). */
export function utcOffsetMinutes(instant: string | Date, timeZone: string): number {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const local = localPartsAt(date, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const instantMinutes = Math.floor(date.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - instantMinutes) / 60_000);
}

/** "UTC+5:45", "UTC−3", "UTC". */
export function formatUtcOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '\u2212';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatClock(parts: Pick<LocalParts, 'hour' | 'minute'>): string {
  return `${pad(parts.hour)}:${pad(parts.minute)}`;
}

/** "Tue 12:00–13:00"; an end on the next day reads "Tue 23:30–00:30 (+1 day)". */
export function formatLocalRange(start: LocalParts, end: LocalParts): string {
  const sameDay = start.year === end.year && start.month === end.month && start.day === end.day;
  return `${weekdayShort[start.weekday]} ${formatClock(start)}\u2013${formatClock(end)}${sameDay ? '' : ' (+1 day)'}`;
}

/** "Tue 1 Dec 2026". */
export function formatLongDate(parts: Pick<LocalParts, 'year' | 'month' | 'day' | 'weekday'>): string {
  return `${weekdayShort[parts.weekday]} ${parts.day} ${monthShort[parts.month - 1]} ${parts.year}`;
}

/** "9 Mar 2027" from "2027-03-09". */
export function formatDate(isoDate: string): string {
  const p = parseLocal(isoDate);
  return `${p.day} ${monthShort[p.month - 1]} ${p.year}`;
}

/** "9 Mar, 16 Mar 2027 and 4 Jan 2028": the year is said once per run of dates in the same year. */
export function formatDateList(isoDates: readonly string[]): string {
  const parsed = [...isoDates].sort().map(parseLocal);
  const pieces = parsed.map((p, i) => {
    const next = parsed[i + 1];
    const yearFollows = next === undefined || next.year !== p.year;
    return `${p.day} ${monthShort[p.month - 1]}${yearFollows ? ` ${p.year}` : ''}`;
  });
  if (pieces.length <= 1) return pieces.join('');
  return `${pieces.slice(0, -1).join(', ')} and ${pieces[pieces.length - 1]}`;
}

export function dayName(day: DayOfWeek, form: 'long' | 'short' = 'long'): string {
  const index = dayIndex[day];
  return (form === 'long' ? weekdayLong[index] : weekdayShort[index]) ?? day;
}

export function dayNumber(day: DayOfWeek): number {
  return dayIndex[day];
}

/** Zones whose IANA city is spelled differently from how people write it. */
const cityOverrides: Record<string, string> = {
  'America/Sao_Paulo': 'São Paulo',
  'Asia/Kolkata': 'Kolkata',
  'Asia/Calcutta': 'Kolkata',
  'Asia/Kathmandu': 'Kathmandu',
  'Asia/Katmandu': 'Kathmandu',
  'America/Bogota': 'Bogotá',
  'America/Mexico_City': 'Mexico City',
  'America/Cancun': 'Cancún',
  'Asia/Ho_Chi_Minh': 'Ho Chi Minh City',
  'Asia/Saigon': 'Ho Chi Minh City',
  'America/Asuncion': 'Asunción',
  'Atlantic/Reykjavik': 'Reykjavík',
  'Europe/Zurich': 'Zürich',
  'Europe/Kyiv': 'Kyiv',
  'Europe/Kiev': 'Kyiv',
  UTC: 'UTC',
  'Etc/UTC': 'UTC',
};

/** The place that names an IANA zone, as people write it: "America/Sao_Paulo" → "São Paulo". */
export function zoneCity(timeZone: string): string {
  const override = cityOverrides[timeZone];
  if (override !== undefined) return override;
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

const genericNames = new Map<string, string>();

/**
 * How people name a zone: "Seattle time" when the directory gives the person's office (or city), else the zone's CLDR
 * generic name from the browser's ICU data ("Pacific Time", "Central European Time"), which holds all year, unlike
 * "Pacific Standard Time", and does not send a person in Seattle to "Los Angeles time".
 */
export function zoneName(timeZone: string, place?: string | null): string {
  const office = place?.trim();
  if (office) return `${office} time`;
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  let name = genericNames.get(timeZone);
  if (name === undefined) {
    try {
      const parts = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
      const generic = parts.find((p) => p.type === 'timeZoneName')?.value;
      // ICU falls back to "GMT+05:45" where CLDR has no name; the city reads better then.
      name = generic && !/^GMT|^UTC/.test(generic) ? generic : `${zoneCity(timeZone)} time`;
    } catch {
      name = `${zoneCity(timeZone)} time`;
    }
    genericNames.set(timeZone, name);
  }
  return name;
}

/** First word of a display name ("Ana Souza" → "Ana"); falls back to the mail's local part. */
export function firstName(displayName: string | null | undefined, mail: string): string {
  const name = displayName?.trim();
  if (name) return name.split(/\s+/)[0] ?? name;
  return mail.split('@')[0] ?? mail;
}

/** The zone the viewer reads times in: their mailbox's (from /api/me), else the browser's. */
export function viewerZone(me: { timeZone?: string | null }): string {
  return me.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/** The viewer's zone as people name it: their office when the directory gives one for their mailbox's zone, else its generic name. */
export function viewerZoneName(me: { timeZone?: string | null; officeLocation?: string | null }): string {
  return zoneName(viewerZone(me), me.timeZone ? me.officeLocation : null);
}

/** "Tue 1 Dec 2026, 12:00–13:00" on the wall clock of `timeZone`; an end past midnight adds "(+1 day)". */
export function sessionWhen(start: string, end: string, timeZone: string): string {
  const from = localPartsAt(start, timeZone);
  const to = localPartsAt(end, timeZone);
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day;
  return `${formatLongDate(from)}, ${formatClock(from)}\u2013${formatClock(to)}${sameDay ? '' : ' (+1 day)'}`;
}

/** "Thu 26 Nov" from "2026-11-26": a day of a series, where the year goes without saying. */
export function formatDayMonth(isoDate: string): string {
  const p = parseLocal(isoDate);
  return `${weekdayShort[p.weekday]} ${p.day} ${monthShort[p.month - 1]}`;
}
