// The agenda routes of docs/agenda-api.md (look-up, the view's data) and the session rating of docs/pairs-api.md, in
// memory on the stub HTTP server, on top of PairsBackend's commitments and goals (so writes and 412s are the same).
import type { AgendaMember, AgendaSession, MyRating, SessionLookup } from '../../src/api/agendaTypes';
import { anaMember, benMember, PairsBackend } from './pairsBackend';
import { problemJson, type StubServer } from './stubServer';

export const sessionId = 's1';
export const sessionRestId = 'AAMkAGI2-session-occurrence';

export function makeSession(overrides: Partial<AgendaSession> = {}): AgendaSession {
  return {
    id: sessionId,
    etag: 'W/"s1-0"',
    start: '2026-12-01T15:00:00Z',
    end: '2026-12-01T16:00:00Z',
    focusUserId: 'ana-id',
    myRating: null,
    agendaPage: {
      id: '1-page',
      title: 'Peer mentoring – 2026-12-01',
      webUrl: 'https://onenote.dev.example/pages/1-page',
      clientUrl: 'onenote:https://onenote.dev.example/pages/1-page',
    },
    ...overrides,
  };
}

export class AgendaBackend extends PairsBackend {
  session: AgendaSession = makeSession();
  members: AgendaMember[] = [anaMember, benMember].map(({ userId, displayName, mail }) => ({ userId, displayName, mail }));
  nextSessionStart: string | null = '2026-12-15T15:00:00Z';
  /** REST ids the look-up knows, and which session each is. */
  readonly items = new Map<string, SessionLookup>([[sessionRestId, { match: true, pairId: 'p1', seriesId: 'e1', sessionId }]]);
  /** The next rating answers with this problem instead (status and body). */
  ratingFailure: { status: number; json: unknown } | null = null;

  constructor(server: StubServer) {
    super(server);
    server.on('GET /api/agenda/lookup', (r) => {
      const itemId = r.query.get('itemId') ?? '';
      if (!/^[A-Za-z0-9_=+/-]{1,512}$/.test(itemId)) {
        return { status: 400, headers: problemJson, json: { title: 'Bad item id', status: 400, errors: { itemId: ['Not an item id.'] } } };
      }
      return { json: this.items.get(itemId) ?? { match: false } };
    });
    server.on(`GET /api/pairs/p1/sessions/${sessionId}/agenda`, () => ({
      json: {
        session: this.session,
        members: this.members,
        commitments: [...this.commitments.values()].filter((c) => c.status === 'open'),
        goals: [...this.goals.values()].filter((g) => g.status === 'active').reverse(),
        nextSession: this.nextSessionStart === null ? null : { start: this.nextSessionStart },
      },
    }));
    server.on(`PUT /api/pairs/p1/sessions/${sessionId}/rating`, (r) => {
      if (this.ratingFailure !== null) {
        const failure = this.ratingFailure;
        this.ratingFailure = null;
        return { status: failure.status, headers: problemJson, json: failure.json };
      }
      const body = JSON.parse(r.body) as { rating: number; privateNote?: string };
      const myRating: MyRating = { rating: body.rating, privateNote: body.privateNote ?? null, ratedAt: '2026-12-01T15:55:00Z' };
      this.session = { ...this.session, myRating };
      return { json: { id: this.session.id, etag: 'W/"s1-1"', pairId: 'p1', start: this.session.start, end: this.session.end, focusUserId: this.session.focusUserId, myRating } };
    });
  }
}
