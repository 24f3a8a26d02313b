import type { Suggestion } from '../api/types';
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
  /** "9 Mar and 16 Mar 2027", or null when the warning names no dates. */
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

/** Speaks of people the pane can name by their first name rather than their mail address. */
export function withNames(message: string, people: PeopleDirectory): string {
  return message.replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (mail) => {
    const known = people.get(directoryKey(mail));
    return known ? firstName(known.displayName, mail) : mail;
  });
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
    (w): WarningLine => ({ kind: w.kind, message: withNames(w.message, people), dates: w.dates.length > 0 ? formatDateList(w.dates) : null }),
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
