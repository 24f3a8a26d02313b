import { localPartsAt } from '../format/time';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01" and "15:00" of an instant on the clock of `timeZone`. */
export function localDateAndTime(instant: string, timeZone: string): { date: string; time: string } {
  const p = localPartsAt(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/**
 * The instant at which `timeZone`'s clocks read this date and time (ISO, with Z). A time that clocks skip (a DST gap)
 * comes out shifted by the gap, as calendars do; a repeated time takes its first reading.
 */
export function instantAt(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? NaN, (mo ?? NaN) - 1, d ?? NaN, h ?? NaN, mi ?? NaN);
  if (Number.isNaN(wall)) throw new RangeError('Not a date and time');
  let guess = wall;
  // Two rounds settle any offset, including one that changes between the guess and the answer.
  for (let i = 0; i < 3; i++) {
    const p = localPartsAt(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - seen;
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
}
