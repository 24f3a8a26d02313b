import type { Suggestion, SuggestionsResponse } from '../api/types';
import { describeConflicts, describeOutsideHours, describeSeries } from '../format/pattern';
import {
  firstName,
  formatClock,
  formatDateList,
  formatLocalRange,
  formatLongDate,
  formatUtcOffset,
  localPartsAt,
  parseLocal,
  utcOffsetMinutes,
  zoneCity,
} from '../format/time';

/** What the pane knows about a person beyond their mail: from /api/me and the people picker. */
export interface PersonLabel {
  displayName: string;
  /** A city to show with their local time (Graph's officeLocation) when known. */
  place?: string | null;
}

export type PeopleDirectory = ReadonlyMap<string, PersonLabel>;

/** The service's warning messages list up to this many dates themselves (docs/scheduling.md). */
const datesInMessages = 5;

export function directoryKey(mail: string): string {
  return mail.toLowerCase();
}

export interface LocalTimeLine {
  mail: string;
  name: string;
  /** "Tue 12:00–13:00" */
  range: string;
  /** "São Paulo" */
  place: string;
  /** "UTC−3", for the tooltip and screen readers. */
  offset: string;
  /** The local time moves during the series because clocks change on different dates. */
  shifts: boolean;
  /** "Ana · Tue 12:00–13:00 São Paulo" */
  text: string;
}

export interface WarningLine {
  kind: string;
  message: string;
  /**
   * Every date concerned ("9 Mar, 16 Mar, … and 11 May 2027") when the message lists only some of them (the service's
   * messages name at most five and count the rest); null when the message already says them all, or names no dates.
   */
  dates: string | null;
}

export interface OccurrenceLine {
  start: string;
  /** "Tue 1 Dec 2026 12:00", in the viewer's (organizer's) zone. */
  when: string;
  clashes: string[];
  outsideHours: string[];
}

export interface SlotView {
  title: string;
  /** "From Tue 1 Dec 2026 · 15:00 London time" */
  anchor: string;
  comfortable: boolean;
  localTimes: LocalTimeLine[];
  conflicts: string | null;
  outsideHours: string | null;
  warnings: WarningLine[];
  occurrences: OccurrenceLine[];
}

function nameOf(mail: string, people: PeopleDirectory): string {
  return firstName(people.get(directoryKey(mail))?.displayName, mail);
}

/**
 * Everyone an answer is about: the names and offices the service found in the directory, else what the pane already
 * knew (the signed-in user, the people picked).
 */
export function answerDirectory(response: SuggestionsResponse, known: PeopleDirectory): PeopleDirectory {
  const map = new Map(known);
  for (const participant of response.participants) {
    const key = directoryKey(participant.mail);
    const before = known.get(key);
    const displayName = participant.displayName?.trim() || before?.displayName;
    if (!displayName) continue;
    map.set(key, { displayName, place: participant.officeLocation?.trim() || before?.place || null });
  }
  return map;
}

/**
 * The service names people in its messages, by mail only when its directory lookup failed: then name those the pane
 * knows, in the service's style (the full name).
 */
export function withNames(message: string, people: PeopleDirectory): string {
  return message.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (mail) => people.get(directoryKey(mail))?.displayName?.trim() || mail);
}

/** Everything a slot card says, in words. `order` lists mails organizer first; `viewerTimeZone` dates the sessions. */
export function slotView(suggestion: Suggestion, people: PeopleDirectory, order: readonly string[], viewerTimeZone: string): SlotView {
  const rankOf = (mail: string) => {
    const index = order.findIndex((m) => directoryKey(m) === directoryKey(mail));
    return index < 0 ? order.length : index;
  };
  const firstOccurrence = suggestion.occurrences[0];
  const localTimes = [...suggestion.localTimes]
    .sort((a, b) => rankOf(a.mail) - rankOf(b.mail))
    .map((lt): LocalTimeLine => {
      const name = nameOf(lt.mail, people);
      const range = formatLocalRange(parseLocal(lt.start), parseLocal(lt.end));
      const place = people.get(directoryKey(lt.mail))?.place?.trim() || zoneCity(lt.timeZone);
      const offset = firstOccurrence ? formatUtcOffset(utcOffsetMinutes(firstOccurrence.start, lt.timeZone)) : '';
      return { mail: lt.mail, name, range, place, offset, shifts: lt.shifts, text: `${name} \u00b7 ${range} ${place}` };
    });

  const anchorStart = parseLocal(suggestion.recurrence.firstStart);
  const anchor = `From ${formatLongDate(anchorStart)} \u00b7 ${formatClock(anchorStart)} ${zoneCity(suggestion.recurrence.anchorTimeZone)} time`;

  const warnings = suggestion.warnings.map(
    (w): WarningLine => ({ kind: w.kind, message: withNames(w.message, people), dates: w.dates.length > datesInMessages ? formatDateList(w.dates) : null }),
  );

  const occurrences = suggestion.occurrences.map((o): OccurrenceLine => {
    const local = localPartsAt(o.start, viewerTimeZone);
    return {
      start: o.start,
      when: `${formatLongDate(local)} ${formatClock(local)}`,
      clashes: o.conflicts.filter((c) => c.status !== 'free').map((c) => `${nameOf(c.mail, people)} (${c.status === 'oof' ? 'away' : c.status})`),
      outsideHours: o.outsideWorkingHours.map((m) => nameOf(m, people)),
    };
  });

  const total = suggestion.recurrence.count;
  return {
    title: describeSeries(suggestion.recurrence),
    anchor,
    comfortable: suggestion.comfortable,
    localTimes,
    conflicts: describeConflicts(suggestion.conflictCount, total),
    outsideHours: describeOutsideHours(suggestion.outsideWorkingHoursCount, total),
    warnings,
    occurrences,
  };
}
