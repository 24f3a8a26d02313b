/** The person the pane acts for. */
export interface SignedInAccount {
  username: string;
}

/**
 * What the rest of the pane needs from sign-in: the dev tenant's password sign-in (DevTenantAuth) and the Microsoft
 * Entra sign-in (EntraAuth: nested app authentication, Office's single sign-on, a sign-in window) implement it.
 */
export interface PaneAuth {
  readonly mode: 'devTenant' | 'entra';
  /** The signed-in account, or null when the person still has to sign in. */
  account(): SignedInAccount | null;
  /**
   * An access token for our API (scope access_as_user); signs in again silently when the cached one expired. With
   * `claims` (a claims challenge the API passed on from Conditional Access, as JSON) it signs in again asking for
   * those claims, for example a second factor, and never answers from the cache.
   */
  getAccessToken(claims?: string): Promise<string>;
  /** Forget the cached token (the API rejected it) so the next getAccessToken gets a fresh one. */
  invalidateToken(): void;
  signOut(): void;
}

export type AuthErrorKind =
  | 'signInRequired'
  | 'rejected'
  | 'network'
  | 'unsupported'
  | 'unexpectedResponse'
  /** Silent sign-in is not possible: the person has to press "Sign in" (a window opens). */
  | 'interactionRequired'
  /** The person closed the sign-in or consent window. */
  | 'cancelled'
  /** The browser blocked the sign-in window. */
  | 'popupBlocked'
  /** Nobody has consented to PeerMentor365 acting for this person (they, or their admin, must). */
  | 'consentRequired'
  /** The person's Microsoft 365 organisation is not one this service accepts. */
  | 'tenantNotAllowed'
  /** Office itself is in a state the person has to fix (signed out of Office on the web, security zones, a call in progress). */
  | 'office';

/** A sign-in failure with a message meant for the person using the pane (never containing a token). */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly kind: AuthErrorKind,
    readonly userMessage: string,
    /** The library's or Office's own code (e.g. "consent_required", "13003"), for support; never a token. */
    readonly code: string | null = null,
  ) {
    super(userMessage);
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
