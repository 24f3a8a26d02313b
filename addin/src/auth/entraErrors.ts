import { isOfficeError } from '../office/errors';
import { AuthError, type AuthErrorKind } from './types';

// The sentences the pane shows when Microsoft Entra sign-in cannot go on. They say what happened and who can fix it.

export const consentRequiredMessage =
  'PeerMentor365 needs permission to work with your calendar and OneNote for you, and nobody has given it yet. ' +
  'Sign in again and accept, or ask your Microsoft 365 admin to approve PeerMentor365 for your organization.';

export const tenantNotAllowedMessage =
  'Your Microsoft 365 organization is not set up to use this PeerMentor365 service. ' +
  'If it should be, ask whoever runs PeerMentor365 for you to add your organization.';

const cancelledMessage = 'Sign-in was cancelled. Press "Sign in" when you are ready.';
const popupBlockedMessage = 'The browser blocked the sign-in window. Allow pop-ups for this page, then press "Sign in" again.';
const interactionMessage = 'Sign in with your work account to continue.';
const networkMessage = "Can't reach Microsoft to sign you in. Check your connection and try again.";

/** What to do after a failed attempt: stop and show the message, or try the next way of signing in. */
export interface SignInFailure {
  error: AuthError;
  /** True when another way of signing in (Office's single sign-on, the sign-in window) may still work. */
  tryNext: boolean;
}

const stop = (kind: AuthErrorKind, message: string, code: string | null): SignInFailure => ({ error: new AuthError(kind, message, code), tryNext: false });
const next = (kind: AuthErrorKind, message: string, code: string | null): SignInFailure => ({ error: new AuthError(kind, message, code), tryNext: true });

// MSAL's codes (msal-common InteractionRequiredAuthErrorCodes, msal-browser BrowserAuthErrorCodes) that only a
// person at the keyboard can resolve by signing in.
const interactionCodes = new Set([
  'interaction_required',
  'login_required',
  'no_tokens_found',
  'refresh_token_expired',
  'bad_token',
  'interrupted_user',
  'native_account_unavailable',
  'ui_not_allowed',
  'no_account_error',
  'no_account_in_silent_request',
]);
const networkCodes = new Set(['no_network_connectivity', 'endpoints_resolution_error', 'post_request_failed', 'network_error']);

/** Maps an error thrown by MSAL.js (nested or in a window) to the pane's terms. */
export function fromMsalError(thrown: unknown): SignInFailure {
  if (thrown instanceof AuthError) return { error: thrown, tryNext: false };
  const e = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { errorCode?: unknown; errorMessage?: unknown; message?: unknown };
  const code = typeof e.errorCode === 'string' ? e.errorCode : null;
  const text = `${typeof e.errorMessage === 'string' ? e.errorMessage : ''} ${typeof e.message === 'string' ? e.message : ''}`;
  // Entra's own error numbers travel in the message: AADSTS65001 no consent; AADSTS50020 a user from another
  // organization; AADSTS700016 the app is not registered in the user's organization.
  if (code === 'consent_required' || /AADSTS65001\b/.test(text)) return stop('consentRequired', consentRequiredMessage, code ?? 'AADSTS65001');
  if (/AADSTS(50020|700016)\b/.test(text)) return stop('tenantNotAllowed', tenantNotAllowedMessage, /AADSTS\d+/.exec(text)?.[0] ?? code);
  if (code === 'user_cancelled') return stop('cancelled', cancelledMessage, code);
  if (code === 'popup_window_error' || code === 'empty_window_error') return stop('popupBlocked', popupBlockedMessage, code);
  if (code !== null && interactionCodes.has(code)) return next('interactionRequired', interactionMessage, code);
  if (code !== null && networkCodes.has(code)) return next('network', networkMessage, code);
  return next('rejected', `Microsoft could not sign you in${code ? ` (${code})` : ''}. Press "Sign in" to try again.`, code);
}

/**
 * Maps a failure of Office's getAccessToken, by its documented code ("Troubleshoot error messages for single
 * sign-on"), to the pane's terms. Where Microsoft says to fall back to another way of signing in, the pane goes on
 * to the sign-in window.
 */
export function fromOfficeSsoError(thrown: unknown): SignInFailure {
  const officeCode = isOfficeError(thrown) ? thrown.officeErrorCode : null;
  const code = officeCode === null ? null : String(officeCode);
  switch (officeCode) {
    case 13000: // the Office version or the manifest does not support single sign-on
    case 13001: // not signed in to Office (we allow the sign-in prompt, so Office could not show it)
    case 13003: // the account type is not supported (an on-premises account, modern auth off)
    case 13005: // invalid grant: Office is not pre-authorised for our API, or the profile consent was revoked
    case 13007: // Office could not get a token for our API (e.g. a personal account where a work one is needed)
    case 13012: // this platform does not offer getAccessToken
    case 13013: // called too often and throttled: do not call it again in a loop
    case 50001: // an old office.js, or an Office too old for single sign-on
      return next('interactionRequired', interactionMessage, code);
    case 13004: // the manifest's webApplicationInfo.resource does not match the add-in's domain
      return next(
        'interactionRequired',
        "Office's single sign-on is not set up correctly for PeerMentor365 (the manifest's resource does not match its web address), so sign in with your work account instead.",
        code,
      );
    case 13002: // the person closed the sign-in or consent prompt
      return stop('cancelled', cancelledMessage, code);
    case 13006: // Office on the web: its own session is broken
      return stop('office', 'Office could not sign you in. Sign out of Office, sign in again, then reopen PeerMentor365.', code);
    case 13008: // an earlier getAccessToken is still running
      return stop('office', 'Office is still signing you in. Wait a moment, then press "Sign in" again.', code);
    case 13010: // Edge: Microsoft 365 and the sign-in page are in different security zones
      return stop(
        'office',
        "Your browser keeps Microsoft 365 and Microsoft's sign-in page in different security zones, so Office cannot sign you in. Put both in the same zone (or ask your IT team), then reload.",
        code,
      );
    default:
      return next('interactionRequired', interactionMessage, code);
  }
}
