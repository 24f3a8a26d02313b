import type { SlotWarning } from '../api/types';
import { formatDayMonth } from './time';

/**
 * What a warning says, one line per fact: a public-holiday warning gives one line per holiday, "Thanksgiving (US) for
 * Ben — Thu 26 Nov" (the person's own date); every other warning (or one whose person the pane cannot name) keeps the
 * service's sentence.
 */
export function warningLines(warning: SlotWarning, nameOf: (mail: string) => string | null): string[] {
  const holidays = warning.kind === 'publicHoliday' ? (warning.holidays ?? []) : [];
  const name = warning.mail ? nameOf(warning.mail) : null;
  if (holidays.length === 0 || !name) return [warning.message];
  return holidays.map((h) => `${h.name} (${h.country}) for ${name} \u2014 ${formatDayMonth(h.date)}`);
}
