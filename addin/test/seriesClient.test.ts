import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isApiError, isConcurrencyConflict } from '../src/api/problem';
import { createSeriesClient, isSeriesConflict } from '../src/api/seriesClient';
import { createSeriesWithRetries, isRetryable, newIdempotencyKey, type Sleep } from '../src/series/createSeries';
import { seriesFor } from './support/seriesFixtures';
import { problemJson, startStubServer, type StubReply, type StubServer } from './support/stubServer';

const auth = { getAccessToken: () => Promise.resolve('token'), invalidateToken: () => undefined };
const request = { firstStart: '2026-12-01T12:00:00', anchorTimeZone: 'America/Sao_Paulo', cadence: 'every2Weeks' as const, durationMinutes: 60, end: { date: '2027-06-01' } };
const path = '/api/pairs/p_ab12/series';

let server: StubServer;
let replies: StubReply[];
beforeEach(async () => {
  replies = [];
  server = await startStubServer({ [`POST ${path}`]: () => replies.shift() ?? { status: 201, json: seriesFor('p_ab12') } });
});
afterEach(() => server.close());

/** A sleep that returns at once and remembers how long it was asked to wait. */
function recordingSleep(): Sleep & { delays: number[] } {
  const delays: number[] = [];
  const sleep = ((ms: number) => {
    delays.push(ms);
    return Promise.resolve();
  }) as Sleep & { delays: number[] };
  sleep.delays = delays;
  return sleep;
}

const posts = () => server.requests.filter((r) => r.method === 'POST' && r.path === path);

describe('creating a series with one Idempotency-Key per intent', () => {
  it('retries 503, 409 (still running) and 429 with the same key and body, waiting as Retry-After says, until 201', async () => {
    replies = [
      { status: 503, headers: { ...problemJson, 'Retry-After': '3' }, json: { status: 503, title: 'Graph is throttling' } },
      { status: 409, headers: { ...problemJson, 'Retry-After': '2' }, json: { status: 409, title: 'Creation in progress' } },
      { status: 429, headers: problemJson, json: { status: 429, title: 'Too many requests' } },
    ];
    const sleep = recordingSleep();
    const api = createSeriesClient({ auth, baseUrl: server.origin });
    const key = newIdempotencyKey();

    const created = await createSeriesWithRetries(api, 'p_ab12', request, key, { sleep });

    expect(created.series.id).toBe('e_s1');
    expect(posts()).toHaveLength(4);
    expect(new Set(posts().map((r) => r.headers['idempotency-key']))).toEqual(new Set([key]));
    expect(new Set(posts().map((r) => r.body))).toEqual(new Set([JSON.stringify(request)]));
    // Retry-After wins over a shorter backoff; without it the backoff doubles (1 s, 2 s, 4 s …).
    expect(sleep.delays).toEqual([3000, 2000, 4000]);
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  });

  it('after a dropped connection (the first POST reached the server) the repeat gets the first result', async () => {
    let calls = 0;
    // The outer edge: the request goes through, then the answer is lost on the way back.
    const dropping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (++calls === 1) throw new TypeError('fetch failed');
      return response;
    };
    replies = [
      { status: 201, json: seriesFor('p_ab12') },
      { status: 201, headers: { 'Idempotent-Replayed': 'true' }, json: seriesFor('p_ab12') },
    ];
    const sleep = recordingSleep();

    const created = await createSeriesWithRetries(createSeriesClient({ auth, baseUrl: server.origin, fetch: dropping }), 'p_ab12', request, 'key-0001', { sleep });

    expect(created.replayed).toBe(true);
    expect(posts().map((r) => r.headers['idempotency-key'])).toEqual(['key-0001', 'key-0001']);
    expect(sleep.delays).toEqual([1000]);
  });

  it('gives up after a bounded number of attempts and says Microsoft 365 is busy', async () => {
    server.on(`POST ${path}`, () => ({ status: 503, headers: problemJson, json: { status: 503, title: 'Busy' } }));
    const sleep = recordingSleep();
    const error = await createSeriesWithRetries(createSeriesClient({ auth, baseUrl: server.origin }), 'p_ab12', request, 'key-0002', {
      sleep,
      policy: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 1500 },
    }).catch((e: unknown) => e);

    expect(isApiError(error) && error.kind).toBe('unavailable');
    expect(posts()).toHaveLength(4);
    expect(sleep.delays).toEqual([500, 1000, 1500]);
  });

  it.each([
    ['a 409 naming the existing series', { status: 409, headers: problemJson, json: { status: 409, title: 'The pair has a series', seriesId: 'e_old' } }],
    ['a 422 (same key, other body)', { status: 422, headers: problemJson, json: { status: 422, title: 'Key reused' } }],
    ['a 400', { status: 400, headers: problemJson, json: { status: 400, errors: { 'end.date': ['The end is before the first session.'] } } }],
  ])('does not retry %s', async (_name, reply) => {
    replies = [reply as StubReply];
    const sleep = recordingSleep();
    const error = await createSeriesWithRetries(createSeriesClient({ auth, baseUrl: server.origin }), 'p_ab12', request, 'key-0003', { sleep }).catch((e: unknown) => e);
    expect(posts()).toHaveLength(1);
    expect(sleep.delays).toEqual([]);
    expect(isRetryable(error)).toBe(false);
    if (reply.status === 409) expect(isSeriesConflict(error) && error.existingSeriesId).toBe('e_old');
    if (reply.status === 400) expect(isApiError(error) && error.fieldMessages('date')).toEqual(['The end is before the first session.']);
  });
});

describe('managing a series', () => {
  const series = seriesFor('p_ab12');

  it('moves the whole series with If-Match, and reads a 409 with warnings', async () => {
    const warning = { kind: 'outsideWorkingHours', mail: 'ben.carter@contoso.dev', dates: ['2027-03-09'], message: 'Ben Carter’s session on 9 Mar 2027 starts before their working hours.' };
    server.on(`PATCH ${path}/e_s1`, (r) =>
      JSON.parse(r.body).acceptWarnings
        ? { status: 200, headers: { ETag: 'W/"s2"' }, json: { ...series, etag: 'W/"s2"', firstStart: '2026-12-08T08:00:00' } }
        : { status: 409, headers: problemJson, json: { status: 409, title: 'The new time has warnings', warnings: [warning] } },
    );
    const api = createSeriesClient({ auth, baseUrl: server.origin });

    const error = await api.rescheduleSeries(series, { firstStart: '2026-12-08T08:00:00' }).catch((e: unknown) => e);
    expect(isSeriesConflict(error) && error.warnings.map((w) => w.message)).toEqual([warning.message]);
    expect(isSeriesConflict(error) && error.inProgress).toBe(false);

    const moved = await api.rescheduleSeries(series, { firstStart: '2026-12-08T08:00:00', acceptWarnings: true });
    expect(moved.etag).toBe('W/"s2"');
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['if-match'])).toEqual(['W/"s1"', 'W/"s1"']);
  });

  it('ends with If-Match and the message; a 412 carries the current series', async () => {
    const current = { ...series, etag: 'W/"s3"' };
    server.on(`POST ${path}/e_s1/end`, (r) =>
      r.headers['if-match'] === 'W/"s3"'
        ? { json: { ...current, status: 'ended', endMessage: JSON.parse(r.body).message } }
        : { status: 412, headers: problemJson, json: { status: 412, title: 'Changed', current, changed: ['firstStart'] } },
    );
    const api = createSeriesClient({ auth, baseUrl: server.origin });
    const conflict = await api.endSeries(series, 'Thanks!').catch((e: unknown) => e);
    expect(isConcurrencyConflict(conflict) && (conflict.current as { etag: string }).etag).toBe('W/"s3"');
    const ended = await api.endSeries(current, 'Thanks!');
    expect(ended.status).toBe('ended');
    expect(ended.endMessage).toBe('Thanks!');
  });

  it('lists occurrences and moves or cancels one', async () => {
    server.on(`GET ${path}/e_s1/occurrences`, () => ({
      json: { occurrences: [{ id: 'o1', start: '2026-12-01T15:00:00Z', end: '2026-12-01T16:00:00Z', originalStart: '2026-12-01T15:00:00Z', isException: false, sessionId: 's_1' }] },
    }));
    server.on(`POST ${path}/e_s1/occurrences/reschedule`, () => ({ status: 204 }));
    server.on(`POST ${path}/e_s1/occurrences/cancel`, () => ({ status: 204 }));
    const api = createSeriesClient({ auth, baseUrl: server.origin });

    expect((await api.listOccurrences('p_ab12', 'e_s1')).map((o) => o.id)).toEqual(['o1']);
    await api.rescheduleOccurrence(series, { occurrenceId: 'o1', start: '2026-12-02T15:00:00Z' });
    await api.cancelOccurrence(series, { occurrenceId: 'o1', comment: 'I am ill, sorry.' });
    const bodies = server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as unknown);
    expect(bodies).toEqual([
      { occurrenceId: 'o1', start: '2026-12-02T15:00:00Z' },
      { occurrenceId: 'o1', comment: 'I am ill, sorry.' },
    ]);
  });
});

describe('series helpers', () => {
  it('turns a date and time on a zone’s clock into the instant (Kathmandu +5:45, Los Angeles on both sides of DST)', async () => {
    const { instantAt, localDateAndTime } = await import('../src/series/localTime');
    expect(instantAt('2026-12-01', '09:00', 'Asia/Kathmandu')).toBe('2026-12-01T03:15:00Z');
    expect(instantAt('2027-03-13', '09:00', 'America/Los_Angeles')).toBe('2027-03-13T17:00:00Z');
    expect(instantAt('2027-03-15', '09:00', 'America/Los_Angeles')).toBe('2027-03-15T16:00:00Z');
    expect(localDateAndTime('2026-12-01T15:00:00Z', 'America/Sao_Paulo')).toEqual({ date: '2026-12-01', time: '12:00' });
  });

  it('finds the active pair whose members are exactly me and the chosen peers', async () => {
    const { pairForPeople } = await import('../src/series/createSeries');
    const { activePair } = await import('./support/seriesFixtures');
    const pair = activePair();
    expect(pairForPeople([pair], 'Ana.Souza@contoso.dev', ['BEN.CARTER@contoso.dev'])?.id).toBe('p_ab12');
    expect(pairForPeople([pair], 'ana.souza@contoso.dev', [])).toBeNull();
    expect(pairForPeople([pair], 'ana.souza@contoso.dev', ['ben.carter@contoso.dev', 'bina.shrestha@contoso.dev'])).toBeNull();
    expect(pairForPeople([{ ...pair, status: 'proposed' }], 'ana.souza@contoso.dev', ['ben.carter@contoso.dev'])).toBeNull();
  });
});
