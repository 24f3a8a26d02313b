import { createHttp, isObject, read, withFields, type ApiClientOptions, type Check, type Schemas } from './http';
import type { MyRating, RatingRequest, SessionAgenda, SessionLookup, SessionLookupAnswer } from './agendaTypes';

type AgendaAnswer = Schemas['AgendaResponse'];
type RatedSession = Pick<Schemas['SessionResponse'], 'id' | 'myRating'>;

/** The routes of docs/agenda-api.md the pane calls, plus the session rating of docs/pairs-api.md. */
export interface AgendaApi {
  /** Which session (if any) the Outlook item with this REST id is. */
  lookup(restItemId: string, signal?: AbortSignal): Promise<SessionLookup>;
  getAgenda(pairId: string, sessionId: string, signal?: AbortSignal): Promise<SessionAgenda>;
  /** My own rating: each person owns theirs, so no If-Match. Answers the session with `myRating`. */
  rateSession(pairId: string, sessionId: string, rating: RatingRequest, signal?: AbortSignal): Promise<RatedSession>;
}

const isString = (v: unknown): v is string => typeof v === 'string';

const isLookup: Check<SessionLookupAnswer> = (b): b is SessionLookupAnswer =>
  isObject(b) && (b.match === false || (b.match === true && isString(b.pairId) && isString(b.seriesId) && isString(b.sessionId)));

const isRating = (v: unknown): v is MyRating | null => v === null || v === undefined || withFields<MyRating>('rating', 'ratedAt')(v);

const isSession = (v: unknown): v is AgendaAnswer['session'] =>
  withFields<AgendaAnswer['session']>('id', 'start', 'end')(v) && isRating(v.myRating) && (v.agendaPage === null || v.agendaPage === undefined || withFields<Schemas['AgendaPageResponse']>('webUrl')(v.agendaPage));

const isAgenda: Check<AgendaAnswer> = (b): b is AgendaAnswer =>
  withFields<AgendaAnswer>('session', 'members', 'commitments', 'goals')(b) &&
  isSession(b.session) &&
  Array.isArray(b.members) &&
  b.members.every(withFields<AgendaAnswer['members'][number]>('userId')) &&
  Array.isArray(b.commitments) &&
  b.commitments.every(withFields<AgendaAnswer['commitments'][number]>('id', 'etag', 'text', 'due')) &&
  Array.isArray(b.goals) &&
  b.goals.every(withFields<AgendaAnswer['goals'][number]>('id', 'etag', 'progress'));

const isRatedSession: Check<Schemas['SessionResponse']> = (b): b is Schemas['SessionResponse'] => withFields<Schemas['SessionResponse']>('id')(b) && isRating(b.myRating);

/** The answer as the view takes it: a page without the OneNote app's link has none (null), not an empty one. */
function forView(agenda: AgendaAnswer): SessionAgenda {
  const { session } = agenda;
  return {
    ...(agenda as Omit<SessionAgenda, 'session'>),
    session: { ...session, agendaPage: session.agendaPage ? { ...session.agendaPage, clientUrl: session.agendaPage.clientUrl || null } : null },
    nextSession: agenda.nextSession ?? null,
  };
}

function asLookup(answer: SessionLookupAnswer): SessionLookup {
  return answer.match && answer.pairId !== null && answer.seriesId !== null && answer.sessionId !== null
    ? { match: true, pairId: answer.pairId, seriesId: answer.seriesId, sessionId: answer.sessionId }
    : { match: false };
}

export function createAgendaClient(options: ApiClientOptions): AgendaApi {
  const http = createHttp(options);
  return {
    async lookup(restItemId, signal) {
      return asLookup(await read(http.GET('/api/agenda/lookup', { params: { query: { itemId: restItemId } }, signal: signal ?? null }), isLookup, 'session look-up'));
    },
    async getAgenda(pairId, sessionId, signal) {
      const call = http.GET('/api/pairs/{pairId}/sessions/{sessionId}/agenda', { params: { path: { pairId, sessionId } }, signal: signal ?? null });
      return forView(await read(call, isAgenda, 'agenda'));
    },
    rateSession: (pairId, sessionId, rating, signal) =>
      read(http.PUT('/api/pairs/{pairId}/sessions/{sessionId}/rating', { params: { path: { pairId, sessionId } }, body: rating, signal: signal ?? null }), isRatedSession, 'rating'),
  };
}
