import type { ApiClientOptions } from '../api/client';
import { authorisedFetch } from '../api/authorisedFetch';
import { apiErrorFromResponse, unexpectedResponse } from '../api/problem';
import type { AgendaSession, MyRating, RatingRequest, SessionAgenda, SessionLookup } from './types';

/** The routes of docs/agenda-api.md the pane calls, plus the session rating of docs/pairs-api.md. */
export interface AgendaApi {
  /** Which session (if any) the Outlook item with this REST id is. */
  lookup(restItemId: string, signal?: AbortSignal): Promise<SessionLookup>;
  getAgenda(pairId: string, sessionId: string, signal?: AbortSignal): Promise<SessionAgenda>;
  /** My own rating: each person owns theirs, so no If-Match. Answers the session with `myRating`. */
  rateSession(pairId: string, sessionId: string, rating: RatingRequest, signal?: AbortSignal): Promise<Pick<AgendaSession, 'id' | 'myRating'>>;
}

type Check<T> = (body: unknown) => body is T;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

const isLookup: Check<SessionLookup> = (b): b is SessionLookup =>
  isObject(b) && (b.match === false || (b.match === true && isString(b.pairId) && isString(b.seriesId) && isString(b.sessionId)));

const isRating = (v: unknown): v is MyRating | null =>
  v === null || v === undefined || (isObject(v) && typeof v.rating === 'number' && (v.privateNote === null || v.privateNote === undefined || isString(v.privateNote)));

const isPage = (v: unknown) => v === null || v === undefined || (isObject(v) && isString(v.webUrl));

const isSession = (v: unknown): v is AgendaSession =>
  isObject(v) && isString(v.id) && isString(v.start) && isString(v.end) && isRating(v.myRating) && isPage(v.agendaPage);

const isAgenda: Check<SessionAgenda> = (b): b is SessionAgenda =>
  isObject(b) &&
  isSession(b.session) &&
  Array.isArray(b.members) &&
  b.members.every((m) => isObject(m) && isString(m.userId)) &&
  Array.isArray(b.commitments) &&
  b.commitments.every((c) => isObject(c) && isString(c.id) && isString(c.etag) && isString(c.text) && isString(c.due)) &&
  Array.isArray(b.goals) &&
  b.goals.every((g) => isObject(g) && isString(g.id) && isString(g.etag) && typeof g.progress === 'number') &&
  (b.nextSession === null || b.nextSession === undefined || (isObject(b.nextSession) && isString(b.nextSession.start)));

const isRatedSession: Check<Pick<AgendaSession, 'id' | 'myRating'>> = (b): b is Pick<AgendaSession, 'id' | 'myRating'> =>
  isObject(b) && isString(b.id) && isRating(b.myRating);

/** Fills what the contract lets the backend leave out, so the view never meets `undefined`. */
function normalised(agenda: SessionAgenda): SessionAgenda {
  const s = agenda.session;
  return {
    ...agenda,
    session: {
      ...s,
      etag: s.etag ?? '',
      focusUserId: s.focusUserId ?? null,
      myRating: s.myRating ? { ...s.myRating, privateNote: s.myRating.privateNote ?? null } : null,
      agendaPage: s.agendaPage ? { ...s.agendaPage, clientUrl: s.agendaPage.clientUrl || null } : null,
    },
    nextSession: agenda.nextSession ?? null,
  };
}

export function createAgendaClient(options: ApiClientOptions): AgendaApi {
  const send = authorisedFetch(options);

  async function call<T>(path: string, init: RequestInit, check: Check<T>, what: string): Promise<T> {
    const response = await send(path, init);
    if (!response.ok) throw await apiErrorFromResponse(response);
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw unexpectedResponse(`${what}: not JSON`);
    }
    if (!check(body)) throw unexpectedResponse(what);
    return body;
  }

  const session = (pairId: string, sessionId: string) => `/api/pairs/${encodeURIComponent(pairId)}/sessions/${encodeURIComponent(sessionId)}`;

  return {
    lookup: (restItemId, signal) =>
      call(`/api/agenda/lookup?${new URLSearchParams({ itemId: restItemId }).toString()}`, { signal: signal ?? null }, isLookup, 'session look-up'),
    async getAgenda(pairId, sessionId, signal) {
      return normalised(await call(`${session(pairId, sessionId)}/agenda`, { signal: signal ?? null }, isAgenda, 'agenda'));
    },
    rateSession: (pairId, sessionId, rating, signal) =>
      call(
        `${session(pairId, sessionId)}/rating`,
        { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rating), signal: signal ?? null },
        isRatedSession,
        'rating',
      ),
  };
}
