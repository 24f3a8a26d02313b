import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from '../src/api/problem';
import { consentRequiredMessage, fromMsalError, fromOfficeSsoError, tenantNotAllowedMessage } from '../src/auth/entraErrors';
import { productionEntraSeam } from '../src/auth/entraSeam';
import { OfficeError } from '../src/office/errors';
import { getOfficeSsoToken, hasOfficeSso, isNestedAppAuthSupported } from '../src/office/sso';
import { msalError } from './support/fakeMsal';

const office = (code: number) => new OfficeError('asyncFailed', 'x', 'Error', code);

describe("Office getAccessToken's documented codes", () => {
  it.each([13000, 13001, 13003, 13005, 13007, 13012, 13013, 50001])('%i falls back to the sign-in window', (code) => {
    const failure = fromOfficeSsoError(office(code));
    expect(failure.tryNext).toBe(true);
    expect(failure.error.kind).toBe('interactionRequired');
    expect(failure.error.code).toBe(String(code));
  });

  it('13004 (manifest resource mismatch) falls back and says the set-up is wrong', () => {
    const failure = fromOfficeSsoError(office(13004));
    expect(failure.tryNext).toBe(true);
    expect(failure.error.userMessage).toMatch(/not set up correctly/);
  });

  it.each([
    [13002, 'cancelled', /cancelled/],
    [13006, 'office', /Sign out of Office, sign in again/],
    [13008, 'office', /still signing you in/],
    [13010, 'office', /security zones/],
  ])('%i stops with its own message', (code, kind, message) => {
    const failure = fromOfficeSsoError(office(code));
    expect(failure.tryNext).toBe(false);
    expect(failure.error.kind).toBe(kind);
    expect(failure.error.userMessage).toMatch(message);
  });

  it('an unknown failure without a code still falls back', () => {
    expect(fromOfficeSsoError(new Error('boom')).tryNext).toBe(true);
  });
});

describe("MSAL's codes", () => {
  it.each([
    ['consent_required', '', 'consentRequired', false],
    ['invalid_grant', 'AADSTS65001: The user or administrator has not consented to use the application', 'consentRequired', false],
    ['invalid_request', 'AADSTS50020: User account from identity provider does not exist in tenant', 'tenantNotAllowed', false],
    ['user_cancelled', '', 'cancelled', false],
    ['popup_window_error', '', 'popupBlocked', false],
    ['empty_window_error', '', 'popupBlocked', false],
    ['interaction_required', '', 'interactionRequired', true],
    ['login_required', '', 'interactionRequired', true],
    ['no_tokens_found', '', 'interactionRequired', true],
    ['no_network_connectivity', '', 'network', true],
    ['something_new', '', 'rejected', true],
  ])('%s %s → %s', (code, message, kind, tryNext) => {
    const failure = fromMsalError(msalError(code, message));
    expect(failure.error.kind).toBe(kind);
    expect(failure.tryNext).toBe(tryNext);
  });
});

describe("the backend's 403 problems", () => {
  const problem = (body: Record<string, unknown>) =>
    apiErrorFromResponse(new Response(JSON.stringify({ status: 403, title: 'Forbidden', ...body }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } }));

  it('consentRequired: true says consent is missing and who can give it', async () => {
    const error = await problem({ detail: 'AADSTS65001 on-behalf-of refused', consentRequired: true });
    expect(error.kind).toBe('forbidden');
    expect(error.userMessage).toBe(consentRequiredMessage);
    expect(error.userMessage).not.toMatch(/AADSTS/);
  });

  it('tenantNotAllowed (flag or problem type) says the organization is not set up', async () => {
    expect((await problem({ tenantNotAllowed: true })).userMessage).toBe(tenantNotAllowedMessage);
    expect((await problem({ type: 'https://peermentor365.dev/problems/tenant-not-allowed' })).userMessage).toBe(tenantNotAllowedMessage);
  });

  it('another 403 keeps its own detail', async () => {
    expect((await problem({ detail: 'Only the organizer can change the series.' })).userMessage).toBe('Only the organizer can change the series.');
  });
});

describe('office.js behind src/office', () => {
  function installOffice(options: { naa: boolean; getAccessToken?: (o: unknown) => Promise<string> }) {
    const seen: unknown[] = [];
    (globalThis as { Office?: unknown }).Office = {
      context: { requirements: { isSetSupported: (name: string, version: string) => options.naa && name === 'NestedAppAuth' && version === '1.1' } },
      auth: options.getAccessToken
        ? {
            getAccessToken: (o: unknown) => {
              seen.push(o);
              return options.getAccessToken!(o);
            },
          }
        : undefined,
    };
    return seen;
  }

  it("asks for the NestedAppAuth 1.1 requirement set and Office's token for our API (no Graph access)", async () => {
    const seen = installOffice({ naa: true, getAccessToken: () => Promise.resolve('token') });
    expect(isNestedAppAuthSupported()).toBe(true);
    expect(productionEntraSeam().nestedAppAuthSupported()).toBe(true);
    expect(hasOfficeSso()).toBe(true);
    expect(await getOfficeSsoToken({ allowSignInPrompt: true, allowConsentPrompt: true })).toBe('token');
    expect(seen).toEqual([{ allowSignInPrompt: true, allowConsentPrompt: true }]);
  });

  it("turns Office's error object into an OfficeError with its code", async () => {
    installOffice({ naa: false, getAccessToken: () => Promise.reject({ code: 13003, name: 'Error', message: 'User type not supported' }) });
    expect(isNestedAppAuthSupported()).toBe(false);
    const error = await getOfficeSsoToken({ allowSignInPrompt: true, allowConsentPrompt: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficeError);
    expect((error as OfficeError).officeErrorCode).toBe(13003);
    expect(fromOfficeSsoError(error).tryNext).toBe(true);
  });

  it('in a plain browser there is neither NAA nor getAccessToken', async () => {
    expect(isNestedAppAuthSupported()).toBe(false);
    expect(hasOfficeSso()).toBe(false);
    await expect(getOfficeSsoToken({ allowSignInPrompt: true, allowConsentPrompt: true })).rejects.toMatchObject({ officeErrorCode: 13000 });
  });
});
