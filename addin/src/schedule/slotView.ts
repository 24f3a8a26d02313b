import type { Suggestion, SuggestionsResponse } from '../api/types';
import { warningLines } from '../format/holidays';
import { describeConflicts, describeOutsideHours, describeSeries } from '../format/pattern';
import {
  firstName,
  formatClock,
  formatDate,
  formatLocalRange,
  formatLongDate,
  formatUtcOffset,
  localPartsAt,
  parseLocal,
  utcOffsetMinutes,
  zoneName,
} from '../format/time';

/** What the pane knows about a person beyond their mail: from /api/me and the people picker. */
export interface PersonLabel {
  displayName: string;
  /** A city to show with their local time (Graph's officeLocation) when known. */
  place?: string | null;
}

export type PeopleDirectory = ReadonlyMap<string, PersonLabel>;

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
  /** "Ana · Tue 12:00–13:00 São Paulo" */
  text: string;
}

export interface WarningLine {
  kind: string;
  /**
   * The service's sentence (it lists at most five dates and counts the rest; every date is in the card's list of all
   * sessions), or the pane's own: for a clock change whose time moves, by how much and when; for a public holiday one
   * line per holiday ("Thanksgiving (US) for Ben — Thu 26 Nov").
   */
  message: string;
  /** A clock change that keeps everyone inside their hours is news, not a problem. */
  caution: boolean;
}

export interface OccurrenceLine {
  start: string;
  /** "Tue 1 Dec 2026, 12:00 São Paulo time", in the viewer's (organizer's) zone, which it names. */
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
      const place = people.get(directoryKey(lt.mail))?.place?.trim() || zoneName(lt.timeZone);
      const offset = firstOccurrence ? formatUtcOffset(utcOffsetMinutes(firstOccurrence.start, lt.timeZone)) : '';
      return { mail: lt.mail, name, range, place, offset, text: `${name} \u00b7 ${range} ${place}` };
    });

  const anchorStart = parseLocal(suggestion.recurrence.firstStart);
  const anchor = `From ${formatLongDate(anchorStart)} \u00b7 ${formatClock(anchorStart)} ${zoneName(suggestion.recurrence.anchorTimeZone)}`;

  const warnings = suggestion.warnings.flatMap((w): WarningLine[] => {
    const shift = w.kind === 'localTimeShifts' ? clockChangeLine(suggestion, w.mail ?? '', people) : null;
    if (shift !== null) return [{ kind: w.kind, message: shift, caution: false }];
    return warningLines(w, (mail) => nameOf(mail, people)).map((line) => ({
      kind: w.kind,
      message: withNames(line, people),
      caution: w.kind !== 'localTimeShifts',
    }));
  });

  const viewerLabel = zoneName(viewerTimeZone, order[0] ? people.get(directoryKey(order[0]))?.place : null);
  const occurrences = suggestion.occurrences.map((o): OccurrenceLine => {
    const local = localPartsAt(o.start, viewerTimeZone);
    return {
      start: o.start,
      when: `${formatLongDate(local)}, ${formatClock(local)} ${viewerLabel}`,
      clashes: o.conflicts.filter((c) => c.status !== 'free').map((c) => `${nameOf(c.mail, people)} (${c.status === 'oof' ? 'away' : c.status})`),
      outsideHours: o.outsideWorkingHours.map((m) => nameOf(m, people)),
    };
  });

  const total = suggestion.recurrence.count;
  const conflicts = describeConflicts(suggestion.conflictCount, total);
  const outsideHours = describeOutsideHours(suggestion.outsideWorkingHoursCount, total);
  return {
    title: describeSeries(suggestion.recurrence),
    anchor,
    // "Comfortable" never stands beside a caution on the same card.
    comfortable: suggestion.comfortable && conflicts === null && outsideHours === null && warnings.every((w) => !w.caution),
    localTimes,
    conflicts,
    outsideHours,
    warnings,
    occurrences,
  };
}

function minutesOfDay(instant: string, timeZone: string): number {
  const p = localPartsAt(instant, timeZone);
  return p.hour * 60 + p.minute;
}

function amount(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? '' : h === 1 ? '1 hour' : `${h} hours`;
  const mins = m === 0 ? '' : `${m} minutes`;
  return [hours, mins].filter(Boolean).join(' ');
}

/**
 * "Ben’s sessions start 1 hour later, at 08:00 instead of 07:00 Seattle time, from 14 Mar to 4 Apr 2027, because
 * clocks change on different dates": whose time moves, by how much and when, from the sessions' instants on their
 * clock; null when no session moves on it (then the service's own sentence stands).
 */
export function clockChangeLine(suggestion: Suggestion, mail: string, people: PeopleDirectory): string | null {
  const person = suggestion.localTimes.find((lt) => directoryKey(lt.mail) === directoryKey(mail));
  const first = suggestion.occurrences[0];
  if (person === undefined || first === undefined) return null;
  const usual = minutesOfDay(first.start, person.timeZone);
  const moved = suggestion.occurrences
    .map((o) => ({ start: o.start, at: minutesOfDay(o.start, person.timeZone) }))
    .filter((o) => o.at !== usual);
  const firstMoved = moved[0];
  const lastMoved = moved[moved.length - 1];
  if (firstMoved === undefined || lastMoved === undefined) return null;
  // Within ±12 hours: a session at 23:30 that moves to 00:30 moved one hour later, not 23 hours earlier.
  const delta = ((firstMoved.at - usual + 36 * 60) % (24 * 60)) - 12 * 60;
  const clock = (minutes: number) => formatClock({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
  const day = (instant: string) => {
    const p = localPartsAt(instant, person.timeZone);
    return formatDate(`${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`);
  };
  const when =
    moved.length === 1
      ? `on ${day(firstMoved.start)}`
      : `from ${day(firstMoved.start)} to ${day(lastMoved.start)} (${moved.length} sessions)`;
  const place = people.get(directoryKey(mail))?.place?.trim();
  const zone = zoneName(person.timeZone, place);
  return `${nameOf(mail, people)}\u2019s sessions start ${amount(Math.abs(delta))} ${delta > 0 ? 'later' : 'earlier'}, at ${clock(firstMoved.at)} instead of ${clock(usual)} ${zone}, ${when}, because clocks change on different dates.`;
}
