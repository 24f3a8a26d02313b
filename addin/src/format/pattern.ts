import type { RecurrencePattern, SeriesRecurrence } from '../api/types';
import { dayName } from './time';

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "Every 2 weeks on Tuesday", "Every week on Monday and Thursday", "Monthly on the last Friday". */
export function describePattern(pattern: RecurrencePattern): string {
  const days = joinWords(pattern.daysOfWeek.map((d) => dayName(d)));
  if (pattern.type === 'relativeMonthly') {
    const which = pattern.index ?? 'first';
    const every = pattern.interval <= 1 ? 'Monthly' : `Every ${pattern.interval} months`;
    return `${every} on the ${which} ${days}`;
  }
  const every = pattern.interval <= 1 ? 'Every week' : `Every ${pattern.interval} weeks`;
  return `${every} on ${days}`;
}

export function sessionCount(count: number): string {
  return count === 1 ? '1 session' : `${count} sessions`;
}

/** "Every 2 weeks on Tuesday, 13 sessions". */
export function describeSeries(recurrence: Pick<SeriesRecurrence, 'pattern' | 'count'>): string {
  return `${describePattern(recurrence.pattern)}, ${sessionCount(recurrence.count)}`;
}

/** "2 of 13 sessions clash", or null when none do. */
export function describeConflicts(conflictCount: number, total: number): string | null {
  if (conflictCount <= 0) return null;
  return `${conflictCount} of ${sessionCount(total)} ${conflictCount === 1 ? 'clashes' : 'clash'}`;
}

/** "1 of 13 sessions falls outside working hours", or null. */
export function describeOutsideHours(count: number, total: number): string | null {
  if (count <= 0) return null;
  return `${count} of ${sessionCount(total)} ${count === 1 ? 'falls' : 'fall'} outside working hours`;
}
