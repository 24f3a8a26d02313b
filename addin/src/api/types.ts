// The pane's view of the HTTP contract in docs/api.md. Instants are ISO-8601 UTC strings ending in Z; local
// times are ISO-8601 without an offset and always travel with their IANA zone.

import type { components } from './schema';

/** The answers' shapes, generated from the API's OpenAPI document (addin/openapi.json) at every build. */
type Schemas = components['schemas'];

export type AuthMode = 'devTenant' | 'entra';
export type DevTenantClientConfig = Schemas['DevTenantSignIn'];
export type EntraClientConfig = Schemas['EntraSignIn'];
export type ClientConfig = Schemas['ClientConfigResponse'];
export type Me = Schemas['MeResponse'];
export type Person = Schemas['Person'];
export type PeopleResponse = Schemas['PeopleResponse'];

export type Cadence = 'weekly' | 'every2Weeks' | 'every3Weeks' | 'every4Weeks' | 'monthly';

export interface SuggestionsRequest {
  peers: string[];
  durationMinutes?: number;
  cadence?: Cadence;
  horizonMonths?: number;
  earliestStart?: string;
  maxSuggestions?: number;
}

export type DayOfWeek = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

export interface RecurrencePattern {
  type: 'weekly' | 'relativeMonthly';
  interval: number;
  daysOfWeek: DayOfWeek[];
  index: WeekIndex | null;
}

export interface SeriesRecurrence {
  anchorTimeZone: string;
  anchorWindowsTimeZone: string;
  firstStart: string;
  firstEnd: string;
  durationMinutes: number;
  pattern: RecurrencePattern;
  count: number;
}

export interface ParticipantLocalTime {
  mail: string;
  timeZone: string;
  start: string;
  end: string;
  shifts: boolean;
}

export type ConflictStatus = 'busy' | 'oof' | 'tentative' | 'workingElsewhere' | 'free' | 'unknown';

export interface Occurrence {
  start: string;
  end: string;
  conflicts: { mail: string; status: ConflictStatus | string }[];
  outsideWorkingHours: string[];
}

export type WarningKind = 'outsideWorkingHours' | 'conflict' | 'tentative' | 'localTimeShifts' | 'workingHoursUnknown' | 'publicHoliday';

/** A public holiday where a person works: the local date they have off, its English name, the ISO country code. */
export interface PublicHoliday {
  date: string;
  name: string;
  country: string;
}

export interface SlotWarning {
  kind: WarningKind | string;
  mail?: string | null;
  dates: string[];
  message: string;
  /** A publicHoliday warning: the holiday on each of `dates`, in order. */
  holidays?: PublicHoliday[] | null;
}

export interface Suggestion {
  rank: number;
  score: number;
  comfortable: boolean;
  recurrence: SeriesRecurrence;
  localTimes: ParticipantLocalTime[];
  occurrences: Occurrence[];
  conflictCount: number;
  outsideWorkingHoursCount: number;
  warnings: SlotWarning[];
}

export interface WorkingHours {
  daysOfWeek: DayOfWeek[];
  startTime: string;
  endTime: string;
  timeZone: string;
}

export interface Participant {
  mail: string;
  /** The directory's name for them; null when the service could not look it up (it then names them by mail). */
  displayName?: string | null;
  /** Graph's officeLocation (a city, for the dev tenant's people); null when the directory has none. */
  officeLocation?: string | null;
  timeZone: string;
  windowsTimeZone?: string;
  workingHours?: WorkingHours | null;
  workingHoursKnown?: boolean;
}

export type NoSuggestionsCause = 'workingHoursTooFarApart' | 'workingDaysNeverMeet' | 'groupNeverMeets' | 'sessionTooLong' | 'seriesCannotRecur';

/** Why there are no suggestions, for acting on it; the sentence to show is `noSuggestionsReason`. */
export interface NoSuggestionsDetail {
  cause: NoSuggestionsCause | string;
  /** Whom the sentence names, in its order. */
  participants: string[];
  /** The longest session (minutes) that would give suggestions, when a shorter one would. */
  shorterSessionMinutes: number | null;
}

export interface SuggestionsResponse {
  organizer: string;
  window: { start: string; end: string };
  participants: Participant[];
  hasComfortableSlots: boolean;
  suggestions: Suggestion[];
  /** Why `suggestions` is empty, with what to try; null when there are suggestions. */
  noSuggestionsReason?: string | null;
  noSuggestionsDetail?: NoSuggestionsDetail | null;
}
