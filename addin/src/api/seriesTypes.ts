// The pane's view of docs/series-api.md: a pair's recurring series with its Teams meeting and shared OneNote agenda.
// Instants are ISO-8601 UTC strings ending in Z; local date-times have no offset and travel with their IANA zone.

import type { Cadence, RecurrencePattern, SlotWarning } from './types';

export type SeriesStatus = 'creating' | 'active' | 'ended';

export type SeriesEnd = { sessions: number; date?: never } | { date: string; sessions?: never };

export interface CreateSeriesRequest {
  /** Local, in anchorTimeZone: the suggestion's recurrence.firstStart. */
  firstStart: string;
  anchorTimeZone: string;
  cadence?: Cadence;
  durationMinutes?: number;
  end?: SeriesEnd;
  firstFocusUserId?: string;
  /** The person saw the API's warnings about some sessions (clashes, outside working hours) and creates it anyway. */
  acceptWarnings?: boolean;
}

export interface SeriesAgendaPage {
  id: string;
  title: string;
  webUrl: string;
  /** The desktop app's link (onenote:…). */
  clientUrl: string;
}

export interface SharedWith {
  mail: string;
  /** The permission was seen on the notebook's folder after the invite. */
  verified: boolean;
}

export interface Series {
  id: string;
  etag: string;
  pairId: string;
  status: SeriesStatus | string;
  organizerId: string;
  subject: string;
  anchorTimeZone: string;
  anchorWindowsTimeZone: string;
  firstStart: string;
  durationMinutes: number;
  cadence: Cadence | string;
  pattern: RecurrencePattern;
  end: { sessions: number | null; date: string | null };
  firstFocusUserId: string;
  event: { id: string | null; iCalUId: string | null; webLink: string | null; joinUrl: string | null };
  agenda: { notebookId: string | null; notebookWebUrl: string | null; sectionId: string | null; sharedWith: SharedWith[] };
  firstSession: { id: string; start: string; end: string; focusUserId: string; agendaPage: SeriesAgendaPage | null } | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  endMessage: string | null;
}

export interface SeriesOccurrence {
  id: string;
  start: string;
  end: string;
  originalStart: string | null;
  isException: boolean;
  sessionId: string | null;
}

export interface RescheduleSeriesRequest {
  firstStart: string;
  anchorTimeZone?: string;
  durationMinutes?: number;
  cadence?: Cadence;
  acceptWarnings?: boolean;
}

export interface RescheduleOccurrenceRequest {
  occurrenceId: string;
  /** An instant. */
  start: string;
  acceptWarnings?: boolean;
}

export interface CancelOccurrenceRequest {
  occurrenceId: string;
  comment?: string;
}

export type { SlotWarning };
