/** The person the pane acts for. */
export interface SignedInAccount {
  username: string;
}

/**
 * What the rest of the pane needs from sign-in. The dev tenant's password sign-in implements it today;
 * the Microsoft Entra sign-in (nested app authentication) plugs in behind the same interface.
 */
export interface PaneAuth {
  readonly mode: 'devTenant' | 'entra';
  /** The signed-in account, or null when the person still has to sign in. */
  account(): SignedInAccount | null;
  /** An access token for our API (scope access_as_user); signs in again silently when the cached one expired. */
  getAccessToken(): Promise<string>;
  /** Forget the cached token (the API rejected it) so the next getAccessToken gets a fresh one. */
  invalidateToken(): void;
  signOut(): void;
}

export type AuthErrorKind = 'signInRequired' | 'rejected' | 'network' | 'unsupported' | 'unexpectedResponse';

/** A sign-in failure with a message meant for the person using the pane (never containing a token). */
export class AuthError extends Error {
  override readonly name = 'AuthError';

  constructor(
    readonly kind: AuthErrorKind,
    readonly userMessage: string,
  ) {
    super(userMessage);
  }
}

export function isAuthError(error: unknown): error is AuthError {
  return error instanceof AuthError;
}
