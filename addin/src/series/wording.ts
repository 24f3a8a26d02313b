import type { Pair } from '../api/pairTypes';
import type { Series } from '../api/seriesTypes';
import type { Me } from '../api/types';
import { describePattern } from '../format/pattern';
import { formatClock, formatDate, formatLongDate, localPartsAt, zoneName } from '../format/time';
import { cadenceOptions, durationLabel } from '../format/sessionOptions';

const cadenceLabel = (cadence: string) => cadenceOptions.find((o) => o.value === cadence)?.label ?? cadence;

/** "Every 2 weeks · 1 hour · until 1 Jun 2027": what "Create series" will set up, from the agreement. */
export function agreementLine(pair: Pair): string {
  return `${cadenceLabel(pair.agreement.cadence)} · ${durationLabel(pair.agreement.durationMinutes)} · until ${formatDate(pair.agreement.plannedEndDate)}`;
}

/** "Every 2 weeks on Tuesday, until 1 Jun 2027" or "…, 12 sessions". */
export function seriesPatternLine(series: Series): string {
  const end = series.end.sessions !== null ? `${series.end.sessions} sessions` : series.end.date ? `until ${formatDate(series.end.date)}` : null;
  return end ? `${describePattern(series.pattern)}, ${end}` : describePattern(series.pattern);
}

/** "Tue 1 Dec 2026, 12:00–13:00 Seattle time" (the viewer's office) or "… Pacific Time". */
export function sessionWhen(start: string, end: string, timeZone: string, place?: string | null): string {
  const s = localPartsAt(start, timeZone);
  const e = localPartsAt(end, timeZone);
  return `${formatLongDate(s)}, ${formatClock(s)}\u2013${formatClock(e)} ${zoneName(timeZone, place)}`;
}

export function viewerZone(me: Me, series: Series): string {
  return me.timeZone ?? series.anchorTimeZone;
}

/** The viewer's office names their zone only when the times are in their own zone. */
export function viewerPlace(me: Me): string | null {
  return me.timeZone ? (me.officeLocation ?? null) : null;
}

/** A member's name for an address (the directory's, else the address). */
export function nameForMail(pair: Pair | null, mail: string): string {
  return pair?.members.find((m) => m.mail.toLowerCase() === mail.toLowerCase())?.displayName ?? mail;
}

export function nameForUser(pair: Pair | null, userId: string, me: Me): string {
  if (userId === me.id) return 'You';
  return pair?.members.find((m) => m.userId === userId)?.displayName ?? 'another member';
}

export const defaultEndMessage =
  'Thank you for the sessions we shared. I am closing our series here; it has been good to learn together, and I am glad to stay in touch.';
