// The pane's names for the shapes of docs/api.md, all generated from the API's OpenAPI document (addin/openapi.json,
// src/api/schema.d.ts): a change to the contract changes these, and the type check then shows every place it
// touches. Instants are ISO-8601 UTC strings ending in Z; local times have no offset and travel with their IANA zone.
// Where the document says only "string" for a field with a documented set of values (the backend writes its enums as
// strings), Narrow names the values; it accepts only fields the schema has, of a type the schema allows.

import type { JsonBody, Narrow, Schemas } from './http';

export type AuthMode = 'devTenant' | 'entra';
export type DevTenantClientConfig = Schemas['DevTenantSignIn'];
export type EntraClientConfig = Schemas['EntraSignIn'];
export type ClientConfig = Narrow<Schemas['ClientConfigResponse'], { authMode: AuthMode }>;
export type Me = Schemas['MeResponse'];
export type Person = Schemas['Person'];

export type SuggestionsRequest = JsonBody<'SuggestSlots'>;
export type Cadence = NonNullable<SuggestionsRequest['cadence']>;

export type DayOfWeek = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export type WeekIndex = 'first' | 'second' | 'third' | 'fourth' | 'last';

export type RecurrencePattern = Narrow<Schemas['PatternDto'], { type: 'weekly' | 'relativeMonthly'; daysOfWeek: DayOfWeek[]; index: WeekIndex | null }>;
export type SeriesRecurrence = Narrow<Schemas['RecurrenceDto'], { pattern: RecurrencePattern }>;
export type SlotWarning = Schemas['WarningDto'];
export type Suggestion = Narrow<Schemas['SuggestionDto'], { recurrence: SeriesRecurrence }>;
export type WorkingHours = Narrow<Schemas['WorkingHoursDto'], { daysOfWeek: DayOfWeek[] }>;
export type Participant = Narrow<Schemas['ParticipantInfo'], { workingHours: WorkingHours }>;
export type SuggestionsResponse = Narrow<Schemas['SuggestionResponse'], { participants: Participant[]; suggestions: Suggestion[] }>;
/** A public holiday where a person works: the local date they have off, its English name, the ISO country code. */
export type PublicHoliday = Schemas['HolidayDto'];
