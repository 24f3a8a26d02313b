// Zone arithmetic for the e2e checks, written independently of the pane's own src/format code so that the test
// does not grade the pane with the pane's own arithmetic.

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface WallClock {
  weekday: string;
  minutesOfDay: number;
  isoDate: string;
}

/** The wall clock in an IANA zone at an instant, via Node's ICU data. */
export function wallClock(instant: string, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    weekday: String(parts.weekday),
    minutesOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    isoDate: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

/** Minutes east of UTC in a zone at an instant. */
export function offsetMinutes(instant: string, timeZone: string): number {
  const date = new Date(instant);
  const clock = wallClock(instant, timeZone);
  const [y, m, d] = clock.isoDate.split('-').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, m - 1, d) + clock.minutesOfDay * 60_000;
  return Math.round((asUtc - date.getTime()) / 60_000);
}

export interface ShownLocalTime {
  weekday: string;
  startMinutes: number;
  endMinutes: number;
}

/** Reads "Tue 12:00–13:00" out of a line of the pane such as "Ana · Tue 12:00–13:00 São Paulo". */
export function parseShownLocalTime(text: string): ShownLocalTime {
  const m = /\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (\d{2}):(\d{2})\s*[–-]\s*(\d{2}):(\d{2})/.exec(text);
  if (m === null) throw new Error(`No local time range in "${text}"`);
  return {
    weekday: m[1] as string,
    startMinutes: Number(m[2]) * 60 + Number(m[3]),
    endMinutes: Number(m[4]) * 60 + Number(m[5]),
  };
}

/** Minutes since the start of the week (Sunday 00:00) of a shown time, to compare two people across midnight. */
export function minutesOfWeek(shown: Pick<ShownLocalTime, 'weekday' | 'startMinutes'>): number {
  const day = weekdays.indexOf(shown.weekday);
  if (day < 0) throw new Error(`Unknown weekday ${shown.weekday}`);
  return day * 24 * 60 + shown.startMinutes;
}

/** The difference a - b in minutes of week, folded into (-3.5 days, +3.5 days]. */
export function weekDifference(a: number, b: number): number {
  const week = 7 * 24 * 60;
  let d = (((a - b) % week) + week) % week;
  if (d > week / 2) d -= week;
  return d;
}
