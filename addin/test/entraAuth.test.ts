import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api/client';
import { createPaneAuth } from '../src/auth/createPaneAuth';
import { DevTenantAuth } from '../src/auth/devTenantAuth';
import { EntraAuth } from '../src/auth/entraAuth';
import { readClaims } from '../src/auth/jwt';
import { AuthError } from '../src/auth/types';
import { OfficeError } from '../src/office/errors';
import {
  anaAccount,
  apiAccessToken,
  apiClientId,
  apiScope,
  entraConfig,
  fakeSeam,
  FakeMsalClient,
  graphToken,
  idToken,
  msalError,
  tokenResult,
  type FakeSeam,
} from './support/fakeMsal';
import { startStubServer, type StubServer } from './support/stubServer';

function entraAuth(seam: FakeSeam, now?: () => number) {
  return new EntraAuth({ config: entraConfig, apiScope, seam, redirectUri: 'https://pm.contoso.com/api/pane/auth-redirect.html', ...(now ? { now } : {}) });
}

const officeFailure = (code: number) => () => Promise.reject(new OfficeError('asyncFailed', `Office error ${code}`, 'Error', code));

async function failureOf(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthError);
    return error as AuthError;
  }
  throw new Error('expected the sign-in to fail');
}

describe('choosing how to sign in', () => {
  it('uses nested app authentication when Office supports it, silently, and never asks Office single sign-on', async () => {
    const nestable = new FakeMsalClient([tokenResult(apiAccessToken())]);
    const seam = fakeSeam({ naa: true, nestable, officeSso: () => Promise.resolve(apiAccessToken()) });
    const auth = entraAuth(seam);

    const account = await auth.signIn({ interactive: false });

    expect(account.username).toBe('ana.souza@contoso.com');
    expect(auth.path()).toBe('nestedAppAuth');
    expect(nestable.calls).toEqual([{ method: 'silent', scopes: [apiScope] }]);
    expect(seam.ssoCalls).toHaveLength(0);
    expect(seam.created.window).toBe(0);
    expect(nestable.active).toEqual(anaAccount);
  });

  it('under NAA, meets a claims challenge by asking MSAL again with the claims (Office prompts when it must)', async () => {
    const claims = '{"access_token":{"capolids":{"essential":true,"values":["p"]}}}';
    const steppedUp = apiAccessToken({ amr: ['pwd', 'mfa'] });
    const nestable = new FakeMsalClient(
      [tokenResult(apiAccessToken()), msalError('interaction_required', 'AADSTS50076: multi-factor authentication required')],
      [tokenResult(steppedUp)],
    );
    const auth = entraAuth(fakeSeam({ naa: true, nestable }));
    await auth.signIn({ interactive: false });

    await expect(auth.getAccessToken(claims)).resolves.toBe(steppedUp);
    expect(nestable.calls.map((c) => [c.method, c.claims ?? null])).toEqual([
      ['silent', null],
      ['silent', claims],
      ['popup', claims],
    ]);
  });

  it('under NAA, asks Office to prompt (acquireTokenPopup) when the silent call needs interaction', async () => {
    const nestable = new FakeMsalClient([msalError('interaction_required', 'AADSTS50058: silent sign-in failed')], [tokenResult(apiAccessToken())]);
    const auth = entraAuth(fakeSeam({ naa: true, nestable }));

    await auth.signIn({ interactive: false });

    expect(nestable.calls.map((c) => c.method)).toEqual(['silent', 'popup']);
    expect(auth.path()).toBe('nestedAppAuth');
  });

  it("falls back to Office's getAccessToken with its sign-in and consent prompts when NAA is not supported", async () => {
    const seam = fakeSeam({ naa: false, officeSso: () => Promise.resolve(apiAccessToken()) });
    const auth = entraAuth(seam);

    await auth.signIn({ interactive: false });

    expect(auth.path()).toBe('officeSso');
    expect(seam.created.nestable).toBe(0);
    expect(seam.ssoCalls).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true }]);
  });

  it('goes on to Office single sign-on when NAA fails in a way a prompt cannot fix', async () => {
    const nestable = new FakeMsalClient([msalError('nested_app_auth_bridge_disabled', 'bridge unavailable')]);
    const seam = fakeSeam({ naa: true, nestable, officeSso: () => Promise.resolve(apiAccessToken()) });
    const auth = entraAuth(seam);

    await auth.signIn({ interactive: false });

    expect(auth.path()).toBe('officeSso');
    expect(nestable.calls.map((c) => c.method)).toEqual(['silent']);
  });

  it('when both quiet ways fail, asks for a click, then opens the sign-in window on "Sign in"', async () => {
    const window = new FakeMsalClient([msalError('no_account_error')], [tokenResult(apiAccessToken())]);
    const seam = fakeSeam({ naa: false, officeSso: officeFailure(13003), window });
    const auth = entraAuth(seam);

    const quiet = await failureOf(auth.signIn({ interactive: false }));
    expect(quiet.kind).toBe('interactionRequired');
    expect(quiet.code).toBe('13003');
    expect(window.calls.filter((c) => c.method === 'popup')).toHaveLength(0);
    expect(auth.account()).toBeNull();

    await auth.signIn({ interactive: true });

    expect(auth.path()).toBe('window');
    expect(window.calls.filter((c) => c.method === 'popup')).toEqual([{ method: 'popup', scopes: [apiScope] }]);
    // The click goes straight to the window: Office is not asked again (its prompt failed a moment ago).
    expect(seam.ssoCalls).toHaveLength(1);
  });

  it('outside Office (no NAA, no getAccessToken) the quiet attempt ends at "Sign in" and the window signs in', async () => {
    const window = new FakeMsalClient([msalError('no_account_error')], [tokenResult(apiAccessToken())]);
    const auth = entraAuth(fakeSeam({ naa: false, officeSso: null, window }));

    expect((await failureOf(auth.signIn({ interactive: false }))).kind).toBe('interactionRequired');
    await auth.signIn({ interactive: true });
    expect(auth.path()).toBe('window');
  });

  it('a closed Office prompt (13002) stops without opening a window', async () => {
    const window = new FakeMsalClient([], [tokenResult(apiAccessToken())]);
    const seam = fakeSeam({ naa: false, officeSso: officeFailure(13002), window });
    const error = await failureOf(entraAuth(seam).signIn({ interactive: false }));
    expect(error.kind).toBe('cancelled');
    expect(window.calls).toHaveLength(0);
  });

  it('consent refused under NAA says so in words and does not try other ways', async () => {
    const nestable = new FakeMsalClient([msalError('consent_required', 'AADSTS65001: The user or administrator has not consented')], [
      msalError('consent_required', 'AADSTS65001'),
    ]);
    const seam = fakeSeam({ naa: true, nestable, officeSso: () => Promise.resolve(apiAccessToken()) });
    const error = await failureOf(entraAuth(seam).signIn({ interactive: false }));
    expect(error.kind).toBe('consentRequired');
    expect(error.userMessage).toMatch(/permission/);
    expect(error.userMessage).toMatch(/admin/);
    expect(seam.ssoCalls).toHaveLength(0);
  });

  it('a user from an organization the app is not registered in gets the tenant message', async () => {
    const nestable = new FakeMsalClient([msalError('interaction_required')], [
      msalError('invalid_request', "AADSTS700016: Application with identifier 'x' was not found in the directory 'Fabrikam'"),
    ]);
    const error = await failureOf(entraAuth(fakeSeam({ naa: true, nestable, officeSso: null })).signIn({ interactive: true }));
    expect(error.kind).toBe('tenantNotAllowed');
    expect(error.userMessage).toMatch(/organization is not set up/);
  });

  it('the dev tenant sign-in is unchanged: devTenant mode gives DevTenantAuth, entra mode EntraAuth', async () => {
    const dev = await createPaneAuth({
      authMode: 'devTenant',
      apiScope: 'api://peermentor365-dev/access_as_user',
      devTenant: { authority: 'http://127.0.0.1:1/t/v2.0', tokenEndpoint: 'http://127.0.0.1:1/t/token', accountsEndpoint: 'http://127.0.0.1:1/dev/accounts', clientId: 'pane' },
      entra: null,
    });
    expect(dev).toBeInstanceOf(DevTenantAuth);
    const entra = await createPaneAuth({ authMode: 'entra', apiScope, devTenant: null, entra: entraConfig }, undefined, fakeSeam({ naa: false }));
    expect(entra).toBeInstanceOf(EntraAuth);
    await expect(createPaneAuth({ authMode: 'entra', apiScope, devTenant: null, entra: null })).rejects.toThrow(AuthError);
  });
});

describe('the token sent to the backend', () => {
  let server: StubServer;
  beforeEach(async () => {
    server = await startStubServer({
      'GET /api/me': () => ({ json: { id: 'ana', displayName: 'Ana Souza', mail: 'ana.souza@contoso.com', timeZone: 'America/Sao_Paulo' } }),
    });
  });
  afterEach(() => server.close());

  const sentTokens = () => server.requests.map((r) => (r.headers.authorization ?? '').replace(/^Bearer /, ''));

  it.each([
    ['nested app authentication', () => fakeSeam({ naa: true, nestable: new FakeMsalClient([tokenResult(apiAccessToken())]) })],
    ['Office single sign-on', () => fakeSeam({ naa: false, officeSso: () => Promise.resolve(apiAccessToken()) })],
  ])('is an access token for our API scope via %s (audience and scp decoded), not the ID token', async (_name, seam) => {
    const auth = entraAuth(seam());
    await auth.signIn({ interactive: false });
    await createApiClient({ auth, baseUrl: server.origin }).getMe();

    const [sent] = sentTokens();
    expect(sent).toBeDefined();
    const claims = readClaims(sent ?? '');
    expect(claims?.aud).toBe(apiClientId);
    expect(claims?.scopes).toEqual(['access_as_user']);
    expect(sent).not.toBe(idToken());
  });

  it.each([
    ['an ID token', idToken],
    ['a Microsoft Graph token', graphToken],
    ['a token for another API', () => apiAccessToken({ aud: 'api://other.contoso.com/app' })],
    ['a token without access_as_user', () => apiAccessToken({ scp: 'User.Read' })],
    ['something that is not a JWT', () => 'opaque-token'],
  ])('refuses %s from MSAL and sends nothing', async (_name, token) => {
    const auth = entraAuth(fakeSeam({ naa: true, nestable: new FakeMsalClient([tokenResult(token())]) }));
    const error = await failureOf(auth.signIn({ interactive: false }));
    expect(error.kind).toBe('unexpectedResponse');
    await expect(createApiClient({ auth, baseUrl: server.origin }).getMe()).rejects.toMatchObject({ kind: 'signInRequired' });
    expect(server.requests).toHaveLength(0);
  });

  it('accepts the App ID URI as audience (v1 tokens) as well as the application id', async () => {
    const auth = entraAuth(fakeSeam({ naa: false, officeSso: () => Promise.resolve(apiAccessToken({ aud: `api://pm.contoso.com/${apiClientId}` })) }));
    await auth.signIn({ interactive: false });
    expect(readClaims(await auth.getAccessToken())?.aud).toBe(`api://pm.contoso.com/${apiClientId}`);
  });
});

describe('keeping the session', () => {
  it('reuses a token until a minute before it expires, then renews it the same way once for concurrent callers', async () => {
    let clock = Date.now();
    const exp = Math.floor(clock / 1000) + 600;
    const first = apiAccessToken({ exp });
    const second = apiAccessToken({ exp: exp + 3600, uti: 'second' });
    const nestable = new FakeMsalClient([tokenResult(first), tokenResult(second)]);
    const auth = entraAuth(fakeSeam({ naa: true, nestable }), () => clock);
    await auth.signIn({ interactive: false });

    expect(await auth.getAccessToken()).toBe(first);
    expect(nestable.calls).toHaveLength(1);

    clock += 541_000; // 59 s before expiry
    const [a, b] = await Promise.all([auth.getAccessToken(), auth.getAccessToken()]);
    expect(a).toBe(second);
    expect(b).toBe(second);
    expect(nestable.calls).toHaveLength(2);
    // The second silent call named the account the first one signed in.
    expect(nestable.calls[1]?.account).toEqual(anaAccount);
  });

  it('after invalidateToken (a 401 from the API) the next call gets a fresh token', async () => {
    const officeTokens = [apiAccessToken({ uti: 'a' }), apiAccessToken({ uti: 'b' })];
    const seam = fakeSeam({ naa: false, officeSso: () => Promise.resolve(officeTokens[seam.ssoCalls.length - 1] ?? '') });
    const auth = entraAuth(seam);
    await auth.signIn({ interactive: false });
    auth.invalidateToken();
    expect(readClaims(await auth.getAccessToken())).toMatchObject({ aud: apiClientId });
    expect(seam.ssoCalls).toHaveLength(2);
  });

  it('a renewal that needs a person sends them back to "Sign in" with the reason', async () => {
    let clock = Date.now();
    const window = new FakeMsalClient([msalError('no_account_error'), msalError('interaction_required')], [tokenResult(apiAccessToken({ exp: Math.floor(clock / 1000) + 120 }))]);
    const auth = entraAuth(fakeSeam({ naa: false, officeSso: null, window }), () => clock);
    await failureOf(auth.signIn({ interactive: false }));
    await auth.signIn({ interactive: true });
    clock += 90_000;
    const error = await failureOf(auth.getAccessToken());
    expect(error.kind).toBe('signInRequired');
  });

  it('sign out forgets the session, remembers the choice for the tab and clears the window cache', async () => {
    const window = new FakeMsalClient([msalError('no_account_error')], [tokenResult(apiAccessToken())]);
    const auth = entraAuth(fakeSeam({ naa: false, officeSso: null, window }));
    await failureOf(auth.signIn({ interactive: false }));
    await auth.signIn({ interactive: true });
    expect(auth.signedOutByUser()).toBe(false);

    auth.signOut();

    expect(auth.account()).toBeNull();
    expect(auth.signedOutByUser()).toBe(true);
    expect((await failureOf(auth.getAccessToken())).kind).toBe('signInRequired');
    await expect.poll(() => window.cleared).toBe(1);
  });
});
