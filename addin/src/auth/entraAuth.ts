import type { EntraClientConfig } from '../api/types';
import { fromMsalError, fromOfficeSsoError, type SignInFailure } from './entraErrors';
import type { EntraSeam, MsalAccount, MsalClient, MsalClientConfig } from './entraSeam';
import { checkApiAccessToken, type TokenClaims } from './jwt';
import { AuthError, type PaneAuth, type SignedInAccount } from './types';

/** How the pane got its token: Office's broker (NAA), Office's single sign-on, or a sign-in window. */
export type EntraPath = 'nestedAppAuth' | 'officeSso' | 'window';

export interface EntraAuthOptions {
  config: EntraClientConfig;
  /** The scope of our API, e.g. api://pm.contoso.com/<client id>/access_as_user. */
  apiScope: string;
  seam: EntraSeam;
  /** Where the sign-in window returns to (a page served with the pane). */
  redirectUri: string;
  storage?: Storage;
  now?: () => number;
}

/** MSAL's `claims` request field, only when there is a challenge to meet. */
function withClaims(claims: string | undefined): { claims?: string } {
  return claims === undefined ? {} : { claims };
}

/** Renew a little before expiry so a token does not lapse between the check and the API call. */
const expirySkewMs = 60_000;

interface Session {
  path: EntraPath;
  token: string | null;
  expiresAt: number;
  account: SignedInAccount;
  msalAccount: MsalAccount | null;
}

/**
 * Microsoft Entra ID sign-in for the pane. In that order: nested app authentication (when Office says NestedAppAuth
 * 1.1 is supported: MSAL's acquireTokenSilent, then acquireTokenPopup brokered by Office), Office's single sign-on
 * (getAccessToken with its own sign-in and consent prompts), and as the last resort a sign-in window (MSAL's popup),
 * which only opens when the person presses "Sign in". Every token is checked before use: it must be an access token
 * for our API (audience and access_as_user scope), never an ID token or a Graph token.
 */
export class EntraAuth implements PaneAuth {
  readonly mode = 'entra' as const;
  private session: Session | null = null;
  private nestable: Promise<MsalClient> | null = null;
  private windowClient: Promise<MsalClient> | null = null;
  private pending: Promise<string> | null = null;
  /** Why the last silent attempt could not sign in, when it ended at "press Sign in". */
  private lastFailure: AuthError | null = null;
  private readonly storage: Storage;
  private readonly now: () => number;
  private readonly signedOutKey: string;

  constructor(private readonly options: EntraAuthOptions) {
    this.storage = options.storage ?? window.sessionStorage;
    this.now = options.now ?? (() => Date.now());
    this.signedOutKey = `peermentor365.entra.${options.config.clientId}.signedOut`;
  }

  account(): SignedInAccount | null {
    return this.session?.account ?? null;
  }

  /** How the current session was signed in, or null. */
  path(): EntraPath | null {
    return this.session?.path ?? null;
  }

  /** True after the person pressed "Sign out" in this tab: the pane then waits for "Sign in" instead of signing in silently. */
  signedOutByUser(): boolean {
    return this.storage.getItem(this.signedOutKey) !== null;
  }

  /**
   * Signs in. Without `interactive`, only ways that need no click are tried (NAA, Office's single sign-on); when none
   * works, it fails with `interactionRequired` and the reason. With `interactive` (a click on "Sign in") the sign-in
   * window opens at once if the quiet ways already failed.
   */
  async signIn(options: { interactive: boolean }): Promise<SignedInAccount> {
    this.storage.removeItem(this.signedOutKey);
    if (options.interactive && this.lastFailure !== null) {
      await this.viaWindow(true);
    } else {
      await this.quietly(options.interactive);
    }
    const account = this.account();
    if (account === null) throw new AuthError('signInRequired', 'Sign in to continue.');
    return account;
  }

  getAccessToken(claims?: string): Promise<string> {
    const session = this.session;
    if (session === null) return Promise.reject(new AuthError('signInRequired', 'Sign in to continue.'));
    // A claims challenge is met by signing in again with those claims, by the same path as before.
    if (claims !== undefined) return this.renew(session, claims);
    if (session.token !== null && session.expiresAt - expirySkewMs > this.now()) return Promise.resolve(session.token);
    // Concurrent callers share one renewal.
    this.pending ??= this.renew(session).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidateToken(): void {
    if (this.session !== null) this.session = { ...this.session, token: null, expiresAt: 0 };
  }

  signOut(): void {
    const client = this.session?.path === 'window' ? this.windowClient : null;
    this.session = null;
    this.lastFailure = null;
    this.storage.setItem(this.signedOutKey, '1');
    // Under NAA Office owns the account (MSAL cannot sign out there); the window's cache is ours to clear.
    void client?.then((c) => c.clearCache()).catch(() => undefined);
  }

  private get scopes(): string[] {
    return [this.options.apiScope];
  }

  private msalConfig(): MsalClientConfig {
    return { clientId: this.options.config.clientId, authority: this.options.config.authority, redirectUri: this.options.redirectUri };
  }

  private async quietly(interactive: boolean): Promise<void> {
    let failure: SignInFailure | null = null;
    const seam = this.options.seam;
    if (seam.nestedAppAuthSupported()) {
      try {
        await this.viaNestedAppAuth();
        return;
      } catch (error) {
        failure = fromMsalError(error);
        if (!failure.tryNext) throw failure.error;
      }
    }
    if (seam.officeSsoAvailable()) {
      try {
        await this.viaOfficeSso();
        return;
      } catch (error) {
        failure = error instanceof AuthError ? { error, tryNext: false } : fromOfficeSsoError(error);
        if (!failure.tryNext) throw failure.error;
      }
    }
    // The last resort, a sign-in window, needs a click so that the browser lets it open.
    this.lastFailure = failure?.error ?? new AuthError('interactionRequired', 'Sign in with your work account to continue.');
    this.windowClient ??= seam.createWindowClient(this.msalConfig());
    if (interactive) {
      await this.viaWindow(true);
      return;
    }
    // A window sign-in from earlier in this tab may still be in MSAL's cache.
    try {
      await this.viaWindow(false);
    } catch {
      throw new AuthError('interactionRequired', this.lastFailure.userMessage, this.lastFailure.code);
    }
  }

  private async viaNestedAppAuth(claims?: string): Promise<string> {
    this.nestable ??= this.options.seam.createNestableClient(this.msalConfig());
    const client = await this.nestable;
    const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
    let result;
    try {
      result = await client.acquireTokenSilent({ scopes: this.scopes, ...(account ? { account } : {}), ...withClaims(claims) });
    } catch (silentError) {
      const mapped = fromMsalError(silentError);
      // Only what a person can resolve is worth a prompt; Office brokers it, so no click is needed under NAA.
      if (mapped.error.kind !== 'interactionRequired' && mapped.error.kind !== 'consentRequired') throw silentError;
      result = await client.acquireTokenPopup({ scopes: this.scopes, ...withClaims(claims) });
    }
    if (result.account) client.setActiveAccount(result.account);
    return this.adopt('nestedAppAuth', result.accessToken, result.account);
  }

  private async viaOfficeSso(claims?: string): Promise<string> {
    const token = await this.options.seam.officeSsoToken({
      allowSignInPrompt: true,
      allowConsentPrompt: true,
      ...(claims === undefined ? {} : { authChallenge: claims }),
    });
    return this.adopt('officeSso', token, null);
  }

  private async viaWindow(interactive: boolean, claims?: string): Promise<string> {
    this.windowClient ??= this.options.seam.createWindowClient(this.msalConfig());
    const client = await this.windowClient;
    let result;
    try {
      if (interactive) {
        result = await client.acquireTokenPopup({ scopes: this.scopes, ...withClaims(claims) });
      } else {
        const account = this.session?.msalAccount ?? client.getActiveAccount() ?? client.getAllAccounts()[0];
        if (!account) throw new AuthError('signInRequired', 'Sign in to continue.');
        result = await client.acquireTokenSilent({ scopes: this.scopes, account, ...withClaims(claims) });
      }
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw fromMsalError(error).error;
    }
    if (result.account) client.setActiveAccount(result.account);
    this.lastFailure = null;
    return this.adopt('window', result.accessToken, result.account);
  }

  private async renew(session: Session, claims?: string): Promise<string> {
    try {
      switch (session.path) {
        case 'nestedAppAuth':
          return await this.viaNestedAppAuth(claims);
        case 'officeSso':
          return await this.viaOfficeSso(claims);
        case 'window':
          return await this.viaWindow(false, claims);
      }
    } catch (error) {
      const mapped = error instanceof AuthError ? error : session.path === 'officeSso' ? fromOfficeSsoError(error).error : fromMsalError(error).error;
      // Whatever cannot be renewed quietly sends the person back to "Sign in", with the reason.
      if (mapped.kind === 'interactionRequired' || mapped.kind === 'cancelled' || mapped.kind === 'popupBlocked') {
        throw new AuthError('signInRequired', mapped.userMessage, mapped.code);
      }
      throw mapped;
    }
  }

  /** Keeps a token only if it is an access token for our API. */
  private adopt(path: EntraPath, token: string, msalAccount: MsalAccount | null): string {
    const check = checkApiAccessToken(token, this.options.apiScope, this.options.config.clientId);
    if (!check.ok) {
      throw new AuthError(
        'unexpectedResponse',
        'Microsoft answered the sign-in with a token that is not for PeerMentor365, so the pane did not use it. Tell whoever set up PeerMentor365 for your organization.',
        check.why,
      );
    }
    const claims: TokenClaims = check.claims;
    const username = claims.username ?? msalAccount?.username ?? claims.name ?? 'you';
    this.session = {
      path,
      token,
      expiresAt: claims.exp !== null ? claims.exp * 1000 : this.now() + 5 * 60_000,
      account: { username },
      msalAccount: msalAccount ?? this.session?.msalAccount ?? null,
    };
    return token;
  }
}
