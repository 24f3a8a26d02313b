import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientConfig } from '../src/api/types';
import { AuthError, createPaneAuth, DevTenantAuth, isAuthError } from '../src/auth';
import { startStubServer, type StubServer } from './support/stubServer';

const apiScope = 'api://peermentor365-dev/access_as_user';
let server: StubServer;
let now: number;
let issued: number;

function devAuth(storage: Storage = window.sessionStorage) {
  return new DevTenantAuth({
    config: {
      authority: `${server.origin}/tenant/v2.0`,
      tokenEndpoint: `${server.origin}/tenant/oauth2/v2.0/token`,
      accountsEndpoint: `${server.origin}/dev/accounts`,
      clientId: 'peermentor365-pane',
    },
    apiScope,
    storage,
    now: () => now,
  });
}

async function authFailure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (isAuthError(error)) return error;
    throw error;
  }
  throw new Error('expected sign-in to fail');
}

beforeEach(async () => {
  now = Date.parse('2026-12-01T10:00:00Z');
  issued = 0;
  server = await startStubServer({
    'GET /dev/accounts': () => ({
      json: {
        accounts: [
          { username: 'ana.souza@contoso.dev', displayName: 'Ana Souza', timeZone: 'America/Sao_Paulo', officeLocation: 'São Paulo' },
          { mail: 'ben.carter@contoso.dev', displayName: 'Ben Carter' },
          { displayName: 'nobody without an address' },
        ],
      },
    }),
    'POST /tenant/oauth2/v2.0/token': (r) => {
      const form = new URLSearchParams(r.body);
      if (form.get('username') === 'ghost@contoso.dev') {
        return { status: 400, json: { error: 'invalid_grant', error_description: 'AADSTS50034: The user account does not exist.\r\nTrace ID: 1' } };
      }
      issued++;
      return { json: { token_type: 'Bearer', access_token: `token-${issued}-for-${form.get('username')}`, expires_in: 3600 } };
    },
  });
});
afterEach(() => server.close());

describe('dev tenant sign-in', () => {
  it('lists the seeded accounts that have an address', async () => {
    const accounts = await devAuth().listAccounts();
    expect(accounts).toEqual([
      { username: 'ana.souza@contoso.dev', displayName: 'Ana Souza', timeZone: 'America/Sao_Paulo', officeLocation: 'São Paulo' },
      { username: 'ben.carter@contoso.dev', displayName: 'Ben Carter', timeZone: null, officeLocation: null },
    ]);
  });

  it('signs in with the password grant for our API scope and keeps the session in sessionStorage', async () => {
    const auth = devAuth();
    expect(auth.account()).toBeNull();
    await auth.signIn('ana.souza@contoso.dev');
    const form = new URLSearchParams(server.requests.at(-1)?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'password',
      username: 'ana.souza@contoso.dev',
      password: 'dev',
      client_id: 'peermentor365-pane',
      scope: apiScope,
    });
    expect(server.requests.at(-1)?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(auth.account()).toEqual({ username: 'ana.souza@contoso.dev' });
    // A second instance (a reload of the pane in the same tab) finds the session.
    await expect(devAuth().getAccessToken()).resolves.toBe('token-1-for-ana.souza@contoso.dev');
    expect(issued).toBe(1);
  });

  it('signs in again by itself when the token is about to expire', async () => {
    const auth = devAuth();
    await auth.signIn('ana.souza@contoso.dev');
    now += 58 * 60_000;
    await expect(auth.getAccessToken()).resolves.toBe('token-1-for-ana.souza@contoso.dev');
    now += 2 * 60_000;
    await expect(auth.getAccessToken()).resolves.toBe('token-2-for-ana.souza@contoso.dev');
  });

  it('meets a claims challenge by signing in again with the claims, not from its cache', async () => {
    const auth = devAuth();
    await auth.signIn('ana.souza@contoso.dev');
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["p"]}}}';
    await expect(auth.getAccessToken(claims)).resolves.toBe('token-2-for-ana.souza@contoso.dev');
    const tokenRequests = server.requests.filter((r) => r.path.endsWith('/token')).map((r) => new URLSearchParams(r.body));
    expect(tokenRequests.map((form) => form.get('claims'))).toEqual([null, claims]);
    await expect(auth.getAccessToken()).resolves.toBe('token-2-for-ana.souza@contoso.dev');
  });

  it('shares one token request between concurrent callers', async () => {
    const auth = devAuth();
    await auth.signIn('ana.souza@contoso.dev');
    auth.invalidateToken();
    const tokens = await Promise.all([auth.getAccessToken(), auth.getAccessToken(), auth.getAccessToken()]);
    expect(new Set(tokens)).toEqual(new Set(['token-2-for-ana.souza@contoso.dev']));
    expect(issued).toBe(2);
  });

  it('asks to sign in when there is no session', async () => {
    expect((await authFailure(devAuth().getAccessToken())).kind).toBe('signInRequired');
  });

  it("says why the dev tenant refused, without the trace lines", async () => {
    const error = await authFailure(devAuth().signIn('ghost@contoso.dev'));
    expect(error.kind).toBe('rejected');
    expect(error.userMessage).toBe('Sign-in failed: AADSTS50034: The user account does not exist.');
  });

  it('forgets the session on sign-out', async () => {
    const auth = devAuth();
    await auth.signIn('ana.souza@contoso.dev');
    auth.signOut();
    expect(auth.account()).toBeNull();
    expect(window.sessionStorage.length).toBe(0);
  });

  it('never writes the password into storage', async () => {
    const auth = devAuth();
    await auth.signIn('ana.souza@contoso.dev');
    const stored = Object.values({ ...window.sessionStorage }).join('\n');
    expect(stored).not.toMatch(/password|"dev"/);
  });
});

describe('createPaneAuth', () => {
  const base: ClientConfig = { authMode: 'devTenant', apiScope, devTenant: { authority: 'a', tokenEndpoint: 't', accountsEndpoint: 'x', clientId: 'c' }, entra: null };

  it('uses the dev tenant when the service says so', async () => {
    expect(await createPaneAuth(base)).toBeInstanceOf(DevTenantAuth);
  });

  it('says plainly when the service asks for Entra sign-in without saying which app registration', async () => {
    const error: unknown = await createPaneAuth({ ...base, authMode: 'entra', devTenant: null, entra: null }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAuthError(error) && error.kind).toBe('unexpectedResponse');
  });
});
