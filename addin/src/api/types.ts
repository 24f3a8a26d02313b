// The pane's view of the HTTP contract in docs/api.md. Instants are ISO-8601 UTC strings ending in Z; local
// times are ISO-8601 without an offset and always travel with their IANA zone.

export type AuthMode = 'devTenant' | 'entra';

export interface DevTenantClientConfig {
  authority: string;
  tokenEndpoint: string;
  accountsEndpoint: string;
  clientId: string;
}

export interface EntraClientConfig {
  clientId: string;
  tenantId: string;
  authority: string;
}

export interface ClientConfig {
  authMode: AuthMode;
  apiScope: string;
  devTenant?: DevTenantClientConfig | null;
  entra?: EntraClientConfig | null;
}

export interface Me {
  id: string;
  displayName: string;
  mail: string;
  /** IANA zone of the mailbox; null when the mailbox names none the service can resolve. */
  timeZone: string | null;
  windowsTimeZone?: string | null;
  /** Optional: a city to show next to local times (Graph's officeLocation), when the backend sends it. */
  officeLocation?: string | null;
}

export interface Person {
  id: string;
  displayName: string;
  mail: string;
  jobTitle?: string | null;
  officeLocation?: string | null;
}

export interface PeopleResponse {
  people: Person[];
}

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

export type WarningKind = 'outsideWorkingHours' | 'conflict' | 'tentative' | 'localTimeShifts' | 'workingHoursUnknown';

export interface SlotWarning {
  kind: WarningKind | string;
  mail?: string | null;
  dates: string[];
  message: string;
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
