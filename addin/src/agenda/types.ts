// The pane's view of docs/agenda-api.md: which session an Outlook item is, and everything its Agenda view shows.
import type { Commitment, Goal } from '../api/pairTypes';

/** GET /api/agenda/lookup: one of our sessions, or not (a foreign meeting is never an error). */
export type SessionLookup = { match: true; pairId: string; seriesId: string; sessionId: string } | { match: false };

/** The session's page in the pair's OneNote notebook. */
export interface AgendaPage {
  id: string;
  title: string;
  /** OneNote on the web. */
  webUrl: string;
  /** The OneNote app ("onenote:…"); may be missing. */
  clientUrl: string | null;
}

/** Only the signed-in person's own rating and note are ever sent. */
export interface MyRating {
  rating: number;
  privateNote: string | null;
  ratedAt: string;
}

export interface AgendaSession {
  id: string;
  etag: string;
  start: string;
  end: string;
  focusUserId: string | null;
  myRating: MyRating | null;
  /** null until the page is prepared (the night before at the latest). */
  agendaPage: AgendaPage | null;
}

export interface AgendaMember {
  userId: string;
  displayName: string;
  mail: string;
}

/** GET /api/pairs/{pairId}/sessions/{sessionId}/agenda */
export interface SessionAgenda {
  session: AgendaSession;
  members: AgendaMember[];
  /** Every member's open commitments, overdue ones marked. */
  commitments: Commitment[];
  /** Every member's active goals with progress. */
  goals: Goal[];
  nextSession: { start: string } | null;
}

/** PUT …/sessions/{sessionId}/rating */
export interface RatingRequest {
  rating: number;
  privateNote?: string;
}
