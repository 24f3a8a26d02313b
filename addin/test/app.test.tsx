import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, fetchClientConfig } from '../src/api/client';
import type { ClientConfig } from '../src/api/types';
import { App } from '../src/app/App';
import type { PaneAuth } from '../src/auth';
import { createPaneAuth } from '../src/auth/createPaneAuth';
import type { OfficeConnection } from '../src/office';
import { apiAccessToken, apiScope, entraConfig, fakeSeam, FakeMsalClient, msalError, tokenResult } from './support/fakeMsal';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';

const browser: OfficeConnection = { host: { host: 'browser', platform: null, officeJsReady: true }, appointment: null };
let server: StubServer;
let config: ClientConfig;
let meStatus: number;

beforeEach(async () => {
  meStatus = 200;
  server = await startStubServer({
    'GET /api/client-config': () => ({ json: config }),
    'GET /dev/accounts': () => ({
      json: {
        value: [
          { displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'E. South America Standard Time', officeLocation: 'São Paulo' },
          { displayName: 'Ben Carter', mail: 'ben.carter@contoso.dev', timeZone: 'Pacific Standard Time', officeLocation: 'Seattle' },
        ],
      },
    }),
    'POST /tenant/oauth2/v2.0/token': (r) => ({ json: { access_token: `dev-token-for-${new URLSearchParams(r.body).get('username')}`, expires_in: 3600 } }),
    'GET /api/me': (r) =>
      meStatus === 200
        ? {
            json: {
              id: '1',
              displayName: r.headers.authorization === 'Bearer dev-token-for-ben.carter@contoso.dev' ? 'Ben Carter' : 'Ana Souza',
              mail: 'x@contoso.dev',
              timeZone: 'America/Sao_Paulo',
            },
          }
        : { status: meStatus, headers: problemJson, json: { status: meStatus, title: 'Unauthorized' } },
  });
  config = {
    authMode: 'devTenant',
    apiScope: 'api://peermentor365-dev/access_as_user',
    devTenant: {
      authority: `${server.origin}/tenant/v2.0`,
      tokenEndpoint: `${server.origin}/tenant/oauth2/v2.0/token`,
      accountsEndpoint: `${server.origin}/dev/accounts`,
      clientId: 'peermentor365-pane',
    },
    entra: null,
  };
});
afterEach(() => server.close());

function renderApp() {
  const loadConfig = (signal: AbortSignal) => fetchClientConfig({ baseUrl: server.origin, signal });
  const createApi = (auth: PaneAuth) => createApiClient({ auth, baseUrl: server.origin });
  return render(
    <FluentProvider theme={webLightTheme}>
      <App office={browser} loadConfig={loadConfig} createApi={createApi} peopleSearchDebounceMs={0} />
    </FluentProvider>,
  );
}

async function signInAs(user: ReturnType<typeof userEvent.setup>, option: string) {
  await user.selectOptions(await screen.findByRole('combobox', { name: 'Account' }), option);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('App', () => {
  it('signs in as a seeded person, calls the API with their token, and signs out', async () => {
    const user = userEvent.setup();
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
    expect(await screen.findByRole('option', { name: 'Ben Carter — Seattle' })).toBeInTheDocument();

    await signInAs(user, 'Ben Carter — Seattle');
    expect(await screen.findByRole('combobox', { name: 'Search people' })).toBeVisible();
    expect(screen.getByRole('banner')).toHaveTextContent('Ben Carter · São Paulo');
    expect(server.requests.find((r) => r.path === '/api/me')?.headers.authorization).toBe('Bearer dev-token-for-ben.carter@contoso.dev');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
    expect(window.sessionStorage.length).toBe(0);
  });

  it('asks to sign in again when the API no longer accepts the session', async () => {
    const user = userEvent.setup();
    renderApp();
    meStatus = 401;
    await signInAs(user, 'Ana Souza — São Paulo');
    // Back on the sign-in form, which now says why.
    await waitFor(() =>
      expect(within(screen.getByRole('form', { name: 'Sign in to the dev tenant' })).getByText('Your sign-in has expired. Sign in again to continue.')).toBeVisible(),
    );
  });

  it('with Entra sign-in, offers "Sign in" when Office cannot sign in quietly, then calls the API with the access token', async () => {
    const user = userEvent.setup();
    config = { authMode: 'entra', apiScope, devTenant: null, entra: entraConfig };
    const token = apiAccessToken();
    const window = new FakeMsalClient([msalError('no_account_error')], [tokenResult(token)]);
    const seam = fakeSeam({ naa: false, officeSso: null, window });
    const loadConfig = (signal: AbortSignal) => fetchClientConfig({ baseUrl: server.origin, signal });
    const createApi = (auth: PaneAuth) => createApiClient({ auth, baseUrl: server.origin });
    render(
      <FluentProvider theme={webLightTheme}>
        <App office={browser} loadConfig={loadConfig} createAuth={(c) => createPaneAuth(c, undefined, seam)} createApi={createApi} />
      </FluentProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Sign in with your work account' })).toBeVisible();
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('banner')).toHaveTextContent('Ana Souza'));
    const me = server.requests.find((r) => r.path === '/api/me');
    expect(me?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('says the service is not reachable and can try again', async () => {
    const user = userEvent.setup();
    let attempts = 0;
    server.on('GET /api/client-config', () => (++attempts === 1 ? { status: 502, text: 'Bad gateway' } : { json: config }));
    renderApp();
    expect(await screen.findByRole('alert')).toHaveTextContent('PeerMentor365 is not reachable');
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to the dev tenant' })).toBeVisible();
  });
});
