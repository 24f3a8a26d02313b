// Calendar dates ("yyyy-MM-dd") as the pairs API sends them: no time and no zone. Arithmetic runs on UTC midnights
// so the machine's own zone never shifts a date; "today" is read in the person's mailbox zone.

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const weekdayShort = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const monthShort = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function toUtc(date: string): Date | null {
  const m = datePattern.exec(date);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const value = new Date(Date.UTC(year, month - 1, day));
  // 2026-02-30 would roll over to March: not a real date.
  if (value.getUTCFullYear() !== year || value.getUTCMonth() !== month - 1 || value.getUTCDate() !== day) return null;
  return value;
}

function fromUtc(value: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
}

export function isCalendarDate(date: string): boolean {
  return toUtc(date) !== null;
}

/** Today's date on the wall calendar of `timeZone` (IANA); the browser's own zone when none is known. */
export function todayIn(timeZone: string | null, now: Date = new Date()): string {
  const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? undefined, year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = Object.fromEntries(formatter.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: string, days: number): string {
  const value = toUtc(date);
  if (value === null) throw new RangeError(`Not a calendar date: "${date}"`);
  value.setUTCDate(value.getUTCDate() + days);
  return fromUtc(value);
}

/** The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const value = toUtc(date);
  if (value === null) throw new RangeError(`Not a calendar date: "${date}"`);
  const day = value.getUTCDate();
  const target = new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return fromUtc(target);
}

/** The first Monday after `date` (a Monday gives the one a week later). */
export function nextMonday(date: string): string {
  const value = toUtc(date);
  if (value === null) throw new RangeError(`Not a calendar date: "${date}"`);
  const weekday = value.getUTCDay();
  return addDays(date, ((8 - weekday) % 7) || 7);
}

/** "Tue 8 Dec 2026"; anything that is not a calendar date is shown as it came. */
export function formatDate(date: string): string {
  const value = toUtc(date);
  if (value === null) return date;
  return `${weekdayShort[value.getUTCDay()]} ${value.getUTCDate()} ${monthShort[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
}

/** "1 Dec 2026 – 1 Jun 2027". */
export function formatDateRange(start: string, end: string): string {
  const short = (date: string) => formatDate(date).replace(/^\w{3} /, '');
  return `${short(start)} – ${short(end)}`;
}

/** A UTC instant's calendar date in `timeZone` ("2027-01-03T10:00:00Z" → "Sun 3 Jan 2027"). */
export function formatInstantDate(instant: string, timeZone: string | null): string {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) return instant;
  return formatDate(todayIn(timeZone, value));
}
