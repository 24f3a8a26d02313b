import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPairsClient, type PairsApi } from '../src/api/pairsClient';
import { isApiError, isConcurrencyConflict, leafFieldName } from '../src/api/problem';
import { makeCommitment, makeGoal, makePair, sampleAgreement } from './support/pairsBackend';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';

let server: StubServer;
let api: PairsApi;
let tokens: string[];
let invalidated: number;

beforeEach(async () => {
  server = await startStubServer();
  tokens = ['token-1', 'token-2'];
  invalidated = 0;
  api = createPairsClient({
    auth: { getAccessToken: () => Promise.resolve(tokens.shift() ?? 'token-n'), invalidateToken: () => void invalidated++ },
    baseUrl: server.origin,
  });
});
afterEach(() => server.close());

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('pairs API client', () => {
  it('lists pairs, goals and open commitments with the bearer token', async () => {
    server.on('GET /api/pairs', () => ({ json: { pairs: [makePair()] } }));
    server.on('GET /api/pairs/p1/goals', () => ({ json: { goals: [makeGoal()] } }));
    server.on('GET /api/pairs/p1/commitments', () => ({ json: { commitments: [makeCommitment()] } }));
    expect((await api.listPairs()).map((p) => p.id)).toEqual(['p1']);
    expect((await api.listGoals('p1')).map((g) => g.title)).toEqual(['Run a design review']);
    expect((await api.listCommitments('p1')).map((c) => c.text)).toEqual(['Send Ben the RFC draft']);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-n']);
    expect(server.requests[2]?.query.get('status')).toBe('open');
  });

  it('sends If-Match with the item’s ETag on every change, and none on creation', async () => {
    const pair = makePair({ etag: 'W/"cGFpcg"' });
    for (const route of ['PUT /api/pairs/p1/agreement', 'POST /api/pairs/p1/accept', 'POST /api/pairs/p1/pause', 'POST /api/pairs/p1/resume', 'POST /api/pairs/p1/close'])
      server.on(route, () => ({ json: makePair({ etag: 'W/"bmV3"' }) }));
    server.on('POST /api/pairs', () => ({ status: 201, json: makePair() }));
    server.on('PATCH /api/pairs/p1/goals/g1', () => ({ json: makeGoal({ progress: 60 }) }));
    server.on('PATCH /api/pairs/p1/commitments/c1', () => ({ json: makeCommitment({ status: 'done' }) }));

    await api.updateAgreement(pair, sampleAgreement);
    await api.acceptPair(pair);
    await api.pausePair(pair);
    await api.resumePair(pair);
    await api.closePair(pair, 'Thank you');
    await api.updateGoal(makeGoal({ etag: 'W/"Z29hbA"' }), { progress: 60 });
    await api.updateCommitment(makeCommitment({ etag: 'W/"Yw"' }), { status: 'done' });
    await api.proposePair({ peers: ['ben.carter@contoso.dev'], agreement: sampleAgreement });

    expect(server.requests.map((r) => [`${r.method} ${r.path}`, r.headers['if-match']])).toEqual([
      ['PUT /api/pairs/p1/agreement', 'W/"cGFpcg"'],
      ['POST /api/pairs/p1/accept', 'W/"cGFpcg"'],
      ['POST /api/pairs/p1/pause', 'W/"cGFpcg"'],
      ['POST /api/pairs/p1/resume', 'W/"cGFpcg"'],
      ['POST /api/pairs/p1/close', 'W/"cGFpcg"'],
      ['PATCH /api/pairs/p1/goals/g1', 'W/"Z29hbA"'],
      ['PATCH /api/pairs/p1/commitments/c1', 'W/"Yw"'],
      ['POST /api/pairs', undefined],
    ]);
    expect(JSON.parse(server.requests[4]?.body ?? '')).toEqual({ note: 'Thank you' });
    expect(JSON.parse(server.requests[6]?.body ?? '')).toEqual({ status: 'done' });
    expect(server.requests[6]?.headers['content-type']).toBe('application/json');
  });

  it('turns a 412 into a conflict carrying the resource as it is now and what changed', async () => {
    const now = makeCommitment({ etag: 'W/"djI"', due: '2026-12-15' });
    server.on('PATCH /api/pairs/p1/commitments/c1', () => ({
      status: 412,
      headers: { ...problemJson, ETag: now.etag },
      json: { title: 'Changed by someone else', status: 412, detail: 'This was changed since you read it (due).', current: now, changed: ['due', 7] },
    }));
    const error = await failure(api.updateCommitment(makeCommitment(), { text: 'New text' }));
    expect(isConcurrencyConflict(error)).toBe(true);
    if (!isConcurrencyConflict(error)) return;
    expect(error.status).toBe(412);
    expect(error.current).toEqual(now);
    expect(error.changed).toEqual(['due']);
    expect(error.userMessage).toMatch(/changed this while you were working on it/);
  });

  it('keeps a 412 whose current is not a readable resource as a conflict without one', async () => {
    server.on('POST /api/pairs/p1/accept', () => ({ status: 412, headers: problemJson, json: { title: 'Changed', status: 412, current: { id: 'p1' } } }));
    const error = await failure(api.acceptPair(makePair()));
    expect(isConcurrencyConflict(error) && error.current === null && error.changed.length === 0).toBe(true);
  });

  it('keys validation messages by the last part of the field path, for nested agreement fields too', async () => {
    server.on('POST /api/pairs', () => ({
      status: 400,
      headers: problemJson,
      json: {
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { 'agreement.purpose': ['purpose is required.'], 'Agreement.PlannedEndDate': ['plannedEndDate must be after startDate.'], 'peers[1]': ['x is you.'] },
      },
    }));
    const error = await failure(api.proposePair({ peers: ['a@contoso.dev'], agreement: sampleAgreement }));
    expect(isApiError(error)).toBe(true);
    if (!isApiError(error)) return;
    expect(error.kind).toBe('validation');
    expect(error.fieldMessages('purpose')).toEqual(['purpose is required.']);
    expect(error.fieldMessages('plannedEndDate')).toEqual(['plannedEndDate must be after startDate.']);
    expect(error.fieldMessages('peers')).toEqual(['x is you.']);
  });

  it('reads names the way the pane keys its fields', () => {
    expect(leafFieldName('$.agreement.durationMinutes')).toBe('durationMinutes');
    expect(leafFieldName('Agreement.StartDate')).toBe('startDate');
    expect(leafFieldName('peers[0]')).toBe('peers');
    expect(leafFieldName('If-Match')).toBe('if-Match');
    expect(leafFieldName('$')).toBe('body');
  });

  it('says what a closed pair refuses (409) in the API’s words', async () => {
    server.on('POST /api/pairs/p1/commitments', () => ({
      status: 409,
      headers: problemJson,
      json: { title: 'Not possible now', status: 409, detail: 'This pair is closed: nothing in it can change.' },
    }));
    const error = await failure(api.addCommitment('p1', { text: 'x' }));
    expect(isApiError(error) && error.userMessage).toBe('This pair is closed: nothing in it can change.');
  });

  it('takes the ETag from the header when the body has none, and refuses answers that are not the contract', async () => {
    server.on('GET /api/pairs/p1', () => {
      const { etag: _etag, ...withoutEtag } = makePair();
      return { headers: { ETag: 'W/"aGVhZGVy"' }, json: withoutEtag };
    });
    expect((await api.getPair('p1')).etag).toBe('W/"aGVhZGVy"');
    server.on('GET /api/pairs', () => ({ json: { pairs: [{ id: 'p1' }] } }));
    const error = await failure(api.listPairs());
    expect(isApiError(error) && error.kind).toBe('unexpectedResponse');
  });

  it('gets a fresh token once when the API answers 401', async () => {
    server.on('GET /api/pairs', (r) =>
      r.headers.authorization === 'Bearer token-1' ? { status: 401, headers: problemJson, json: { status: 401 } } : { json: { pairs: [] } },
    );
    await expect(api.listPairs()).resolves.toEqual([]);
    expect(invalidated).toBe(1);
  });

  it('escapes ids in paths', async () => {
    server.on('GET /api/pairs/p%2F1/goals', () => ({ json: { goals: [] } }));
    await expect(api.listGoals('p/1')).resolves.toEqual([]);
  });
});
