import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, fetchClientConfig, type ApiClient } from '../src/api/client';
import { ApiError, isApiError, leafFieldName, parseRetryAfter } from '../src/api/problem';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';

class CountingAuth {
  tokens = ['token-1', 'token-2', 'token-3'];
  handedOut = 0;
  invalidated = 0;
  getAccessToken = () => Promise.resolve(this.tokens[this.handedOut++] ?? 'token-n');
  invalidateToken = () => void this.invalidated++;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

let server: StubServer;
let auth: CountingAuth;
let api: ApiClient;

beforeEach(async () => {
  server = await startStubServer();
  auth = new CountingAuth();
  api = createApiClient({ auth, baseUrl: server.origin });
});
afterEach(() => server.close());

describe('API client', () => {
  it('sends the bearer token and reads the signed-in user', async () => {
    server.on('GET /api/me', () => ({ json: { id: '1', displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo' } }));
    await expect(api.getMe()).resolves.toMatchObject({ displayName: 'Ana Souza' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('searches people with the query in the URL', async () => {
    server.on('GET /api/people', (r) => ({ json: { people: [{ id: '2', displayName: `found ${r.query.get('search')}`, mail: 'ben.carter@contoso.dev' }] } }));
    const people = await api.searchPeople('Bén & co', undefined, 5);
    expect(people.map((p) => p.displayName)).toEqual(['found Bén & co']);
    expect(server.requests[0]?.query.get('top')).toBe('5');
  });

  it('posts the suggestions request as JSON', async () => {
    server.on('POST /api/suggestions', () => ({ json: { organizer: 'a', window: { start: '', end: '' }, participants: [], hasComfortableSlots: false, suggestions: [] } }));
    await api.getSuggestions({ peers: ['ben.carter@contoso.dev'], cadence: 'monthly', durationMinutes: 45 });
    const request = server.requests[0];
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body ?? '')).toEqual({ peers: ['ben.carter@contoso.dev'], cadence: 'monthly', durationMinutes: 45 });
  });

  it('gets a fresh token once when the API answers 401, then succeeds', async () => {
    server.on('GET /api/me', (r) =>
      r.headers.authorization === 'Bearer token-1'
        ? { status: 401, headers: problemJson, json: { title: 'Unauthorized', status: 401 } }
        : { json: { id: '1', displayName: 'Ana', mail: 'ana@contoso.dev', timeZone: 'UTC' } },
    );
    await expect(api.getMe()).resolves.toMatchObject({ displayName: 'Ana' });
    expect(auth.invalidated).toBe(1);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after the second 401 and says to sign in again', async () => {
    server.on('GET /api/me', () => ({ status: 401, headers: problemJson, json: { title: 'Unauthorized', status: 401 } }));
    const error = await failure(api.getMe());
    expect(error.kind).toBe('unauthorized');
    expect(error.userMessage).toBe('Your sign-in has expired. Sign in again to continue.');
    expect(server.requests).toHaveLength(2);
  });

  it('turns a validation problem into field errors keyed like the request', async () => {
    server.on('POST /api/suggestions', () => ({
      status: 400,
      headers: problemJson,
      json: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { DurationMinutes: ['Choose a length from 15 to 120 minutes.'], 'peers[0]': ['nobody@contoso.dev is not in the directory.'] },
      },
    }));
    const error = await failure(api.getSuggestions({ peers: ['nobody@contoso.dev'], durationMinutes: 7 }));
    expect(error.kind).toBe('validation');
    expect(error.status).toBe(400);
    expect(error.fieldMessages('durationMinutes')).toEqual(['Choose a length from 15 to 120 minutes.']);
    expect(error.fieldMessages('peers')).toEqual(['nobody@contoso.dev is not in the directory.']);
    expect(error.fieldMessages('cadence')).toEqual([]);
    expect(error.userMessage).toBe('Some of the choices need a change. See the notes next to them.');
  });

  it('says when Microsoft 365 is busy, with the wait from Retry-After', async () => {
    server.on('POST /api/suggestions', () => ({
      status: 503,
      headers: { ...problemJson, 'Retry-After': '7' },
      json: { title: 'Service Unavailable', status: 503, detail: 'Microsoft Graph is throttling requests.' },
    }));
    const error = await failure(api.getSuggestions({ peers: ['ben.carter@contoso.dev'] }));
    expect(error.kind).toBe('unavailable');
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.userMessage).toBe('Microsoft Graph is throttling requests. Try again in 7 seconds.');
  });

  it('does not show raw server text for a 500 without problem details', async () => {
    server.on('GET /api/me', () => ({ status: 500, text: 'System.NullReferenceException at …' }));
    const error = await failure(api.getMe());
    expect(error.kind).toBe('server');
    expect(error.userMessage).toBe('Something went wrong on our side (HTTP 500). Try again in a moment.');
  });

  it('rejects a 200 whose body is not what the contract says', async () => {
    server.on('GET /api/people', () => ({ json: { value: [] } }));
    expect((await failure(api.searchPeople('x'))).kind).toBe('unexpectedResponse');
  });

  it('says it cannot reach the service when nothing answers', async () => {
    const closed = server.origin;
    await server.close();
    server = await startStubServer();
    const offline = createApiClient({ auth, baseUrl: closed });
    const error = await failure(offline.getMe());
    expect(error.kind).toBe('network');
    expect(error.userMessage).toMatch(/Can't reach PeerMentor365/);
  });

  it('cancels with the AbortSignal and reports the abort, not a network error', async () => {
    let release: () => void = () => undefined;
    server.on('GET /api/me', () => new Promise((resolve) => (release = () => resolve({ json: {} }))));
    const controller = new AbortController();
    const call = api.getMe(controller.signal);
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    release();
  });

  it('reads the anonymous client configuration', async () => {
    server.on('GET /api/client-config', (r) => ({
      json: { authMode: 'devTenant', apiScope: 'api://peermentor365-dev/access_as_user', devTenant: { clientId: 'pane', tokenEndpoint: 't', accountsEndpoint: 'a', authority: 'x' }, auth: r.headers.authorization ?? null },
    }));
    await expect(fetchClientConfig({ baseUrl: server.origin })).resolves.toMatchObject({ authMode: 'devTenant', auth: null });
  });
});

describe('problem details helpers', () => {
  it.each([
    ['peers', 'peers'],
    ['Peers', 'peers'],
    ['$.durationMinutes', 'durationMinutes'],
    ['peers[3]', 'peers'],
    ['$', 'body'],
    ['', 'body'],
  ])('normalizes the field name %j to %j', (raw, field) => {
    expect(leafFieldName(raw)).toBe(field);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
