import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorisedFetch, claimsChallenge, fetchOrNetworkError } from '../src/api/authorisedFetch';
import { ApiError, isApiError } from '../src/api/problem';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';

class CountingAuth {
  constructor(private readonly tokens: string[]) {}
  handedOut = 0;
  invalidated = 0;
  getAccessToken = () => Promise.resolve(this.tokens[this.handedOut++] ?? 'token-n');
  invalidateToken = () => void this.invalidated++;
}

/** Hands out tokens and records the claims each was asked for (null: an ordinary token). */
class ClaimsAuth {
  askedFor: (string | null)[] = [];
  getAccessToken = (claims?: string) => {
    this.askedFor.push(claims ?? null);
    return Promise.resolve(claims === undefined ? 'token-plain' : 'token-stepped-up');
  };
  invalidateToken = () => undefined;
}

const stepUpClaims = '{"access_token":{"capolids":{"essential":true,"values":["c0a1d2e3-5fa0-4d3e-8a7b-0c1d2e3f4a51"]}}}';
const challenge = {
  ...problemJson,
  'WWW-Authenticate': `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(stepUpClaims).toString('base64')}"`,
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

let server: StubServer;
let auth: CountingAuth;

beforeEach(async () => {
  server = await startStubServer();
  auth = new CountingAuth(['token-1', 'token-2', 'token-3']);
});
afterEach(() => server.close());

describe('authorised fetch', () => {
  it('sends the bearer token and asks for JSON, keeping the caller’s own headers, method and body', async () => {
    server.on('POST /api/things', () => ({ status: 201, json: { ok: true } }));
    const send = authorisedFetch({ auth });
    const response = await send(
      new Request(`${server.origin}/api/things`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/plain', 'If-Match': 'W/"7"' },
        body: JSON.stringify({ name: 'Ana' }),
      }),
    );
    expect(response.status).toBe(201);
    const request = server.requests[0];
    expect(request?.headers.authorization).toBe('Bearer token-1');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['if-match']).toBe('W/"7"');
    expect(request?.body).toBe('{"name":"Ana"}');
    expect(auth.invalidated).toBe(0);
  });

  it('after a 401 drops the token and tries once more with a fresh one, body and headers intact', async () => {
    server.on('PUT /api/things', (r) =>
      r.headers.authorization === 'Bearer token-1' ? { status: 401, headers: problemJson, json: { status: 401 } } : { json: { saved: r.body } },
    );
    const send = authorisedFetch({ auth });
    const response = await send(new Request(`${server.origin}/api/things`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' }));
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ saved: '{"n":1}' });
    expect(auth.invalidated).toBe(1);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(server.requests.map((r) => r.headers['content-type'])).toEqual(['application/json', 'application/json']);
  });

  it('retries only once: a second 401 is handed back to the client to report', async () => {
    server.on('GET /api/things', () => ({ status: 401, headers: problemJson, json: { status: 401 } }));
    const send = authorisedFetch({ auth });
    const response = await send(new Request(`${server.origin}/api/things`, {}));
    expect(response.status).toBe(401);
    expect(auth.invalidated).toBe(1);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry other failures', async () => {
    server.on('GET /api/things', () => ({ status: 403, headers: problemJson, json: { status: 403 } }));
    const response = await authorisedFetch({ auth })(new Request(`${server.origin}/api/things`, {}));
    expect(response.status).toBe(403);
    expect(auth.invalidated).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('turns "nothing answered" into the pane’s network error', async () => {
    const closed = server.origin;
    await server.close();
    server = await startStubServer();
    const error = await rejection(authorisedFetch({ auth })(new Request(`${closed}/api/things`, {})));
    expect(isApiError(error)).toBe(true);
    expect((error as ApiError).kind).toBe('network');
    expect((error as ApiError).userMessage).toMatch(/Can't reach PeerMentor365/);
  });

  it('rethrows the caller’s abort as it is, not as a network error', async () => {
    let release: () => void = () => undefined;
    server.on('GET /api/slow', () => new Promise((resolve) => (release = () => resolve({ json: {} }))));
    const controller = new AbortController();
    const pending = authorisedFetch({ auth })(new Request(`${server.origin}/api/slow`, { signal: controller.signal }));
    await expect.poll(() => server.requests.length).toBe(1);
    controller.abort();
    const error = await rejection(pending);
    expect(isApiError(error)).toBe(false);
    expect(error).toMatchObject({ name: 'AbortError' });
    release();
  });

  it('uses the fetch it is given, at the request’s URL', async () => {
    server.on('GET /api/things', () => ({ json: {} }));
    const seen: string[] = [];
    const fetchThrough: typeof fetch = (input, init) => {
      seen.push(String(input));
      return globalThis.fetch(input, init);
    };
    await authorisedFetch({ auth, fetch: fetchThrough })(new Request(`${server.origin}/api/things`, {}));
    expect(seen).toEqual([`${server.origin}/api/things`]);
  });

  it('fetchOrNetworkError alone sends no token (the anonymous client configuration uses it)', async () => {
    server.on('GET /api/client-config', () => ({ json: {} }));
    const response = await fetchOrNetworkError(globalThis.fetch, `${server.origin}/api/client-config`, {});
    expect(response.status).toBe(200);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('meets a claims challenge: signs in again with the decoded claims and retries once, body intact', async () => {
    const claimsAuth = new ClaimsAuth();
    server.on('POST /api/series', (r) =>
      r.headers.authorization === 'Bearer token-stepped-up'
        ? { status: 201, json: { saved: r.body } }
        : { status: 401, headers: challenge, json: { status: 401, claims: 'x' } },
    );
    const send = authorisedFetch({ auth: claimsAuth });
    const response = await send(new Request(`${server.origin}/api/series`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"n":1}' }));
    expect(response.status).toBe(201);
    await expect(response.json()).resolves.toEqual({ saved: '{"n":1}' });
    expect(claimsAuth.askedFor).toEqual([null, stepUpClaims]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-plain', 'Bearer token-stepped-up']);
  });

  it('retries a claims challenge only once: a second challenge is the answer', async () => {
    const claimsAuth = new ClaimsAuth();
    server.on('GET /api/me', () => ({ status: 401, headers: challenge, json: { status: 401 } }));
    const response = await authorisedFetch({ auth: claimsAuth })(new Request(`${server.origin}/api/me`, {}));
    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(2);
    expect(claimsAuth.askedFor).toEqual([null, stepUpClaims]);
  });

  it('reads only insufficient_claims challenges', () => {
    expect(claimsChallenge(challenge['WWW-Authenticate'])).toBe(stepUpClaims);
    expect(claimsChallenge('Bearer error="invalid_token"')).toBeNull();
    expect(claimsChallenge('Bearer error="insufficient_claims", claims="%%%"')).toBeNull();
    expect(claimsChallenge(null)).toBeNull();
  });
});
