import type { DayOfWeek, Participant, Suggestion, WeekIndex } from '../../src/api/types';

export interface Person {
  mail: string;
  timeZone: string;
}

export const ana: Person & { displayName: string } = { mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo', displayName: 'Ana Souza' };
export const ben: Person & { displayName: string } = { mail: 'ben.carter@contoso.dev', timeZone: 'America/Los_Angeles', displayName: 'Ben Carter' };
export const bina: Person & { displayName: string } = { mail: 'bina.shrestha@contoso.dev', timeZone: 'Asia/Kathmandu', displayName: 'Bina Shrestha' };

/** A participant as the API answers it; what a test leaves out is what the directory and calendars did not give. */
export function participant(p: Person & { displayName?: string | null; officeLocation?: string | null }): Participant {
  return {
    displayName: null,
    officeLocation: null,
    windowsTimeZone: '',
    workingHours: { daysOfWeek: [], startTime: '', endTime: '', timeZone: p.timeZone },
    workingHoursKnown: false,
    timeZoneNote: null,
    ...p,
  };
}

/** ISO local date-time (no offset) of an instant in a zone, computed with Intl independently of src/format. */
export function localIso(instant: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export interface SlotSpec {
  firstStartUtc: string;
  anchor: Person & { windowsTimeZone: string };
  participants: Person[];
  durationMinutes?: number;
  count?: number;
  intervalWeeks?: number;
  day?: DayOfWeek;
  monthly?: WeekIndex;
  rank?: number;
  comfortable?: boolean;
}

/**
 * A suggestion as the API sends it. Occurrences step a fixed number of days in UTC, so only use zones without
 * clock changes in the span (São Paulo, Kathmandu) as the anchor.
 */
export function makeSlot(spec: SlotSpec): Suggestion {
  const duration = spec.durationMinutes ?? 60;
  const count = spec.count ?? 13;
  const first = Date.parse(spec.firstStartUtc);
  const stepDays = spec.monthly ? 28 : 7 * (spec.intervalWeeks ?? 2);
  const starts = Array.from({ length: count }, (_, i) => first + i * stepDays * 86_400_000);
  return {
    rank: spec.rank ?? 1,
    score: 0.9,
    comfortable: spec.comfortable ?? true,
    recurrence: {
      anchorTimeZone: spec.anchor.timeZone,
      anchorWindowsTimeZone: spec.anchor.windowsTimeZone,
      firstStart: localIso(first, spec.anchor.timeZone),
      firstEnd: localIso(first + duration * 60_000, spec.anchor.timeZone),
      durationMinutes: duration,
      pattern: spec.monthly
        ? { type: 'relativeMonthly', interval: 1, daysOfWeek: [spec.day ?? 'tuesday'], index: spec.monthly }
        : { type: 'weekly', interval: spec.intervalWeeks ?? 2, daysOfWeek: [spec.day ?? 'tuesday'], index: null },
      count,
    },
    localTimes: spec.participants.map((p) => ({
      mail: p.mail,
      timeZone: p.timeZone,
      start: localIso(first, p.timeZone),
      end: localIso(first + duration * 60_000, p.timeZone),
      shifts: false,
    })),
    occurrences: starts.map((s) => ({ start: iso(s), end: iso(s + duration * 60_000), conflicts: [], outsideWorkingHours: [] })),
    conflictCount: 0,
    outsideWorkingHoursCount: 0,
    warnings: [],
  };
}

export const anaAnchor = { ...ana, windowsTimeZone: 'E. South America Standard Time' };
export const binaAnchor = { ...bina, windowsTimeZone: 'Nepal Standard Time' };
