import type { Cadence } from '../api/types';

export const cadenceOptions: readonly { value: Cadence; label: string }[] = [
  { value: 'weekly', label: 'Every week' },
  { value: 'every2Weeks', label: 'Every 2 weeks' },
  { value: 'every3Weeks', label: 'Every 3 weeks' },
  { value: 'every4Weeks', label: 'Every 4 weeks' },
  { value: 'monthly', label: 'Monthly (same weekday)' },
];

export const defaultCadence: Cadence = 'every2Weeks';

export const durationOptions: readonly number[] = [30, 45, 60, 75, 90, 120];

export const defaultDurationMinutes = 60;

/** "30 minutes", "1 hour", "1 h 15 min", "2 hours". */
export function durationLabel(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${hours} h ${rest} min`;
}

/** The longest length the form offers that is at most `minutes` (the longest that would give suggestions), or null. */
export function longestOfferedLength(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined) return null;
  const fitting = durationOptions.filter((option) => option <= minutes);
  return fitting.length > 0 ? Math.max(...fitting) : null;
}
