import type { DevTenantClientConfig } from '../api/types';
import { AuthError, type PaneAuth, type SignedInAccount } from './types';

/** A seeded person one can sign in as on the dev tenant. */
export interface DevAccount {
  username: string;
  displayName: string;
  timeZone: string | null;
  officeLocation: string | null;
}

interface StoredSession {
  username: string;
  accessToken: string | null;
  expiresAt: number;
}

/** The dev tenant accepts this password for every seeded account; it is not a secret. */
const devPassword = 'dev';

/** Renew a little before expiry so a token does not lapse between the check and the API call. */
const expirySkewMs = 60_000;

export interface DevTenantAuthOptions {
  config: DevTenantClientConfig;
  apiScope: string;
  storage?: Storage;
  fetch?: typeof fetch;
  now?: () => number;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function toAccount(raw: unknown): DevAccount | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const username = text(r.username) ?? text(r.userPrincipalName) ?? text(r.mail);
  if (username === null) return null;
  return {
    username,
    displayName: text(r.displayName) ?? username,
    timeZone: text(r.timeZone),
    officeLocation: text(r.officeLocation),
  };
}

/**
 * Sign-in against the dev tenant: the person picks a seeded account and the pane gets a token from the dev
 * tenant's token endpoint with the password grant. The session lives in sessionStorage (this tab only).
 */
export class DevTenantAuth implements PaneAuth {
  readonly mode = 'devTenant' as const;
  private readonly storage: Storage;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly storageKey: string;
  private pending: Promise<string> | null = null;

  constructor(private readonly options: DevTenantAuthOptions) {
    this.storage = options.storage ?? window.sessionStorage;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? (() => Date.now());
    this.storageKey = `peermentor365.devTenant.${options.config.clientId}.${options.config.tokenEndpoint}`;
  }

  account(): SignedInAccount | null {
    const session = this.read();
    return session === null ? null : { username: session.username };
  }

  /** The seeded accounts, for the sign-in picker. */
  async listAccounts(signal?: AbortSignal): Promise<DevAccount[]> {
    let response: Response;
    try {
      response = await this.fetchFn(this.options.config.accountsEndpoint, { headers: { Accept: 'application/json' }, signal: signal ?? null });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AuthError('network', "Can't reach the dev tenant to list its accounts. Is it running?");
    }
    if (!response.ok) {
      throw new AuthError('unexpectedResponse', `The dev tenant did not list its accounts (HTTP ${response.status}).`);
    }
    const body: unknown = await response.json().catch(() => null);
    const list = Array.isArray(body)
      ? body
      : typeof body === 'object' && body !== null
        ? ((body as Record<string, unknown>).accounts ?? (body as Record<string, unknown>).value)
        : null;
    if (!Array.isArray(list)) {
      throw new AuthError('unexpectedResponse', 'The dev tenant sent an account list the pane does not understand.');
    }
    return list.map(toAccount).filter((a): a is DevAccount => a !== null);
  }

  /** Signs in as a seeded account and keeps the session for this tab. */
  async signIn(username: string, signal?: AbortSignal): Promise<SignedInAccount> {
    await this.requestToken(username, signal);
    return { username };
  }

  getAccessToken(claims?: string): Promise<string> {
    const session = this.read();
    if (session === null) {
      return Promise.reject(new AuthError('signInRequired', 'Sign in to continue.'));
    }
    // A claims challenge: sign in again asking for them (the dev tenant then shows a second factor in the token).
    if (claims !== undefined) return this.requestToken(session.username, undefined, claims);
    if (session.accessToken !== null && session.expiresAt - expirySkewMs > this.now()) {
      return Promise.resolve(session.accessToken);
    }
    // Concurrent callers share one token request.
    this.pending ??= this.requestToken(session.username).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  invalidateToken(): void {
    const session = this.read();
    if (session !== null) this.write({ ...session, accessToken: null, expiresAt: 0 });
  }

  signOut(): void {
    this.storage.removeItem(this.storageKey);
  }

  private async requestToken(username: string, signal?: AbortSignal, claims?: string): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'password',
      username,
      password: devPassword,
      client_id: this.options.config.clientId,
      scope: this.options.apiScope,
    });
    if (claims !== undefined) form.set('claims', claims);
    let response: Response;
    try {
      response = await this.fetchFn(this.options.config.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AuthError('network', "Can't reach the dev tenant to sign in. Is it running?");
    }
    const body: unknown = await response.json().catch(() => null);
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    if (!response.ok) {
      // OAuth error responses carry error/error_description; they never contain a token.
      this.signOut();
      const description = text(fields.error_description)?.split(/\r?\n/)[0];
      throw new AuthError('rejected', description ? `Sign-in failed: ${description}` : `Sign-in failed (HTTP ${response.status}).`);
    }
    const accessToken = text(fields.access_token);
    const expiresIn = typeof fields.expires_in === 'number' ? fields.expires_in : Number(fields.expires_in);
    if (accessToken === null || !Number.isFinite(expiresIn)) {
      throw new AuthError('unexpectedResponse', 'The dev tenant answered the sign-in without a usable token.');
    }
    this.write({ username, accessToken, expiresAt: this.now() + expiresIn * 1000 });
    return accessToken;
  }

  private read(): StoredSession | null {
    const raw = this.storage.getItem(this.storageKey);
    if (raw === null) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredSession>;
      if (typeof parsed.username !== 'string') return null;
      return {
        username: parsed.username,
        accessToken: typeof parsed.accessToken === 'string' ? parsed.accessToken : null,
        expiresAt: typeof parsed.expiresAt === 'number' ? parsed.expiresAt : 0,
      };
    } catch {
      return null;
    }
  }

  private write(session: StoredSession): void {
    this.storage.setItem(this.storageKey, JSON.stringify(session));
  }
}
