import { OfficeError } from './errors';
import { isSetSupported, officeOrUndefined } from './officeGlobal';

/**
 * Nested app authentication cannot be declared in an Outlook manifest; Office answers this at run time
 * (false outside Office, in Outlook.com/Gmail mailboxes and in older clients).
 */
export function isNestedAppAuthSupported(): boolean {
  return isSetSupported('NestedAppAuth', '1.1');
}

/** True when office.js offers the legacy single sign-on call (Office.auth.getAccessToken). */
export function hasOfficeSso(): boolean {
  const office = officeOrUndefined();
  return typeof office?.auth?.getAccessToken === 'function';
}

export interface OfficeSsoOptions {
  allowSignInPrompt: boolean;
  allowConsentPrompt: boolean;
  /** A claims challenge (JSON) for Office to meet, e.g. multi-factor authentication. */
  authChallenge?: string;
}

/**
 * Office's single sign-on token: an access token for the add-in's own resource (webApplicationInfo.resource, scope
 * access_as_user). Never asked for Microsoft Graph access: the backend gets Graph tokens on-behalf-of. Failures are
 * OfficeErrors carrying Office's numeric code (13000-13013, 50001).
 */
export async function getOfficeSsoToken(options: OfficeSsoOptions): Promise<string> {
  const office = officeOrUndefined();
  const auth = office?.auth;
  if (typeof auth?.getAccessToken !== 'function') {
    throw new OfficeError('unsupported', 'This version of Office cannot sign you in by itself.', null, 13000);
  }
  try {
    // forMSGraphAccess stays unset: the token is for our API, and a sideloaded Outlook add-in fails with it set.
    return await auth.getAccessToken({
      allowSignInPrompt: options.allowSignInPrompt,
      allowConsentPrompt: options.allowConsentPrompt,
      ...(options.authChallenge === undefined ? {} : { authChallenge: options.authChallenge }),
    });
  } catch (thrown) {
    const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as { code?: unknown; name?: unknown; message?: unknown };
    const code = typeof error.code === 'number' ? error.code : Number.parseInt(String(error.code ?? ''), 10);
    throw new OfficeError(
      'asyncFailed',
      typeof error.message === 'string' && error.message !== '' ? error.message : 'Office could not sign you in.',
      typeof error.name === 'string' ? error.name : null,
      Number.isFinite(code) ? code : null,
    );
  }
}
