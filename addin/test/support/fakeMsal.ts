// Fakes for the outer edge of the Entra sign-in (MSAL.js clients and Office's single sign-on), injected through
// EntraSeam, plus unsigned JWTs shaped like Entra's tokens.
import type { EntraSeam, MsalAccount, MsalClient, MsalTokenResult } from '../../src/auth/entraSeam';
import type { OfficeSsoOptions } from '../../src/office/sso';

export const apiClientId = '6f1d2c3b-4a5e-4f60-8172-93a4b5c6d7e8';
export const apiScope = `api://pm.contoso.com/${apiClientId}/access_as_user`;
export const tenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const entraConfig = { clientId: apiClientId, tenantId, authority: `https://login.microsoftonline.com/${tenantId}` };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned JWT with these claims (the pane reads claims; only the backend checks signatures). */
export function jwt(claims: Record<string, unknown>): string {
  return `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64url(claims)}.c2lnbmF0dXJl`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** What Entra issues for our API: audience the API's application id, scope access_as_user. */
export function apiAccessToken(overrides: Record<string, unknown> = {}): string {
  return jwt({ aud: apiClientId, scp: 'access_as_user', tid: tenantId, preferred_username: 'ana.souza@contoso.com', name: 'Ana Souza', exp: inAnHour(), ...overrides });
}

/** An ID token for the same app: the right audience but no scope. It must never reach the backend. */
export function idToken(): string {
  return jwt({ aud: apiClientId, tid: tenantId, preferred_username: 'ana.souza@contoso.com', nonce: 'n', exp: inAnHour() });
}

/** A Microsoft Graph access token. It must never reach the backend either. */
export function graphToken(): string {
  return jwt({ aud: '00000003-0000-0000-c000-000000000000', scp: 'User.Read Calendars.ReadWrite', tid: tenantId, exp: inAnHour() });
}

export const anaAccount: MsalAccount = { homeAccountId: 'ana.home', tenantId, username: 'ana.souza@contoso.com', name: 'Ana Souza' };

/** MSAL's error shape: errorCode plus message (the pane reads only these). */
export function msalError(errorCode: string, errorMessage = ''): Error {
  return Object.assign(new Error(`${errorCode}: ${errorMessage}`), { errorCode, errorMessage });
}

type Step = MsalTokenResult | Error | (() => MsalTokenResult | Error);

/** A scripted MSAL client: each call takes the next answer for its method (the last one repeats). */
export class FakeMsalClient implements MsalClient {
  readonly calls: { method: 'silent' | 'popup'; scopes: string[]; account?: MsalAccount; claims?: string }[] = [];
  active: MsalAccount | null = null;
  cleared = 0;

  constructor(
    private readonly silent: Step[],
    private readonly popup: Step[] = [],
  ) {}

  getActiveAccount() {
    return this.active;
  }
  getAllAccounts() {
    return this.active ? [this.active] : [];
  }
  setActiveAccount(account: MsalAccount | null) {
    this.active = account;
  }
  acquireTokenSilent(request: { scopes: string[]; account?: MsalAccount; claims?: string }) {
    this.calls.push({
      method: 'silent',
      scopes: request.scopes,
      ...(request.account ? { account: request.account } : {}),
      ...(request.claims === undefined ? {} : { claims: request.claims }),
    });
    return this.answer(this.silent, this.calls.filter((c) => c.method === 'silent').length);
  }
  acquireTokenPopup(request: { scopes: string[]; claims?: string }) {
    this.calls.push({ method: 'popup', scopes: request.scopes, ...(request.claims === undefined ? {} : { claims: request.claims }) });
    return this.answer(this.popup, this.calls.filter((c) => c.method === 'popup').length);
  }
  clearCache() {
    this.cleared++;
    return Promise.resolve();
  }

  private answer(steps: Step[], n: number): Promise<MsalTokenResult> {
    const step = steps[Math.min(n, steps.length) - 1];
    if (step === undefined) return Promise.reject(msalError('interaction_required', 'nothing scripted'));
    const value = typeof step === 'function' ? step() : step;
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  }
}

export const tokenResult = (accessToken: string, account: MsalAccount | null = anaAccount): MsalTokenResult & { idToken: string } => ({
  accessToken,
  account,
  // MSAL's result carries the ID token too; the pane must send the access token, never this.
  idToken: idToken(),
});

export interface FakeSeam extends EntraSeam {
  created: { nestable: number; window: number };
  ssoCalls: OfficeSsoOptions[];
}

export function fakeSeam(options: {
  naa: boolean;
  nestable?: FakeMsalClient;
  window?: FakeMsalClient;
  /** null: office.js offers no getAccessToken (a plain browser). */
  officeSso?: ((options: OfficeSsoOptions) => Promise<string>) | null;
}): FakeSeam {
  const created = { nestable: 0, window: 0 };
  const ssoCalls: OfficeSsoOptions[] = [];
  return {
    created,
    ssoCalls,
    nestedAppAuthSupported: () => options.naa,
    createNestableClient: () => {
      created.nestable++;
      return options.nestable ? Promise.resolve(options.nestable) : Promise.reject(new Error('no nestable client in this test'));
    },
    createWindowClient: () => {
      created.window++;
      return Promise.resolve(options.window ?? new FakeMsalClient([msalError('no_account_error')], [msalError('user_cancelled')]));
    },
    officeSsoAvailable: () => options.officeSso !== null && options.officeSso !== undefined,
    officeSsoToken: (o) => {
      ssoCalls.push(o);
      return options.officeSso ? options.officeSso(o) : Promise.reject(new Error('no Office single sign-on in this test'));
    },
  };
}
