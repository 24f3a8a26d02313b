import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EntraAuth } from '../src/auth/entraAuth';
import { EntraSignIn } from '../src/auth/EntraSignIn';
import { OfficeError } from '../src/office/errors';
import { apiAccessToken, apiScope, entraConfig, fakeSeam, FakeMsalClient, msalError, tokenResult, type FakeSeam } from './support/fakeMsal';

function renderSignIn(seam: FakeSeam, reason: string | null = null) {
  const auth = new EntraAuth({ config: entraConfig, apiScope, seam, redirectUri: 'https://pm.contoso.com/api/pane/auth-redirect.html' });
  const onSignedIn = vi.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <EntraSignIn auth={auth} onSignedIn={onSignedIn} reason={reason} />
    </FluentProvider>,
  );
  return { auth, onSignedIn };
}

describe('EntraSignIn', () => {
  it('signs in without a click when Office can (NAA)', async () => {
    const { onSignedIn } = renderSignIn(fakeSeam({ naa: true, nestable: new FakeMsalClient([tokenResult(apiAccessToken())]) }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ username: 'ana.souza@contoso.com' }));
  });

  it('when Office cannot, offers "Sign in", which opens the sign-in window', async () => {
    const window = new FakeMsalClient([msalError('no_account_error')], [tokenResult(apiAccessToken())]);
    const seam = fakeSeam({ naa: false, officeSso: () => Promise.reject(new OfficeError('asyncFailed', 'x', null, 13007)), window });
    const { onSignedIn } = renderSignIn(seam);
    const button = await screen.findByRole('button', { name: 'Sign in' });
    expect(screen.getByText('Sign in with your work account to continue.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();

    await userEvent.setup().click(button);

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(window.calls.filter((c) => c.method === 'popup')).toHaveLength(1);
  });

  it('shows consent missing as an alert in words', async () => {
    const nestable = new FakeMsalClient([msalError('consent_required')], [msalError('consent_required')]);
    renderSignIn(fakeSeam({ naa: true, nestable }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/needs permission to work with your calendar/);
  });

  it('after "Your sign-in has expired" it waits for the click instead of signing in by itself', async () => {
    const nestable = new FakeMsalClient([tokenResult(apiAccessToken())]);
    const { onSignedIn } = renderSignIn(fakeSeam({ naa: true, nestable }), 'Your sign-in has expired. Sign in again to continue.');
    expect(screen.getByText('Your sign-in has expired. Sign in again to continue.')).toBeInTheDocument();
    expect(nestable.calls).toHaveLength(0);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
  });
});
