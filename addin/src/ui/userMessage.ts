import { isApiError } from '../api/problem';
import { isAuthError } from '../auth/types';
import { isOfficeError } from '../office/errors';

/** The sentence to show for any failure; never the raw error (which could carry request details). */
export function userMessageOf(error: unknown): string {
  if (isApiError(error) || isAuthError(error)) return error.userMessage;
  if (isOfficeError(error)) return error.message;
  return 'Something unexpected went wrong. Reload the pane and try again.';
}

/** True when the person has to sign in (again) before anything else can work. */
export function needsSignIn(error: unknown): boolean {
  if (isAuthError(error)) return error.kind === 'signInRequired' || error.kind === 'rejected';
  return isApiError(error) && error.kind === 'unauthorized';
}
