// The pane's names for the shapes of docs/agenda-api.md (which session an Outlook item is, and everything its Agenda
// view shows), all generated from the API's OpenAPI document; see types.ts.
import type { JsonBody, Narrow, Schemas } from './http';
import type { Commitment, Goal } from './pairTypes';

/** GET /api/agenda/lookup: one of our sessions, or not (a foreign meeting is never an error). */
export type SessionLookup = { match: true; pairId: string; seriesId: string; sessionId: string } | { match: false };
export type SessionLookupAnswer = Schemas['LookupAnswer'];

/** The session's page in the pair's OneNote notebook; `clientUrl` (the OneNote app, "onenote:…") is null when the API sent none. */
export type AgendaPage = Omit<Schemas['AgendaPageResponse'], 'clientUrl'> & { clientUrl: string | null };
/** Only the signed-in person's own rating and note are ever sent. */
export type MyRating = Schemas['RatingResponse'];
export type AgendaSession = Omit<Schemas['AgendaSessionResponse'], 'agendaPage'> & { agendaPage: AgendaPage | null };
export type AgendaMember = Schemas['AgendaMemberResponse'];
/** GET /api/pairs/{pairId}/sessions/{sessionId}/agenda */
export type SessionAgenda = Narrow<Omit<Schemas['AgendaResponse'], 'session'>, { commitments: Commitment[]; goals: Goal[] }> & { session: AgendaSession };
/** PUT …/sessions/{sessionId}/rating */
export type RatingRequest = JsonBody<'RateSession'>;
