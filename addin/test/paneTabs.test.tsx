import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, fetchClientConfig } from '../src/api/client';
import { createPairsClient } from '../src/api/pairsClient';
import { App } from '../src/app/App';
import type { PaneAuth } from '../src/auth';
import type { OfficeConnection } from '../src/office';
import { makeCommitment, makePair, PairsBackend } from './support/pairsBackend';
import { startStubServer, type StubServer } from './support/stubServer';

const browser: OfficeConnection = { host: { host: 'browser', platform: null, officeJsReady: true }, appointment: null };
let server: StubServer;

beforeEach(async () => {
  server = await startStubServer({
    'GET /dev/accounts': () => ({ json: { value: [{ displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo' }] } }),
    'POST /tenant/oauth2/v2.0/token': () => ({ json: { access_token: 'dev-token', expires_in: 3600 } }),
    'GET /api/me': () => ({ json: { id: 'ana-id', displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo' } }),
    'GET /api/people': () => ({ json: { people: [] } }),
  });
  server.on('GET /api/client-config', () => ({
    json: {
      authMode: 'devTenant',
      apiScope: 'api://peermentor365-dev/access_as_user',
      devTenant: {
        authority: `${server.origin}/tenant/v2.0`,
        tokenEndpoint: `${server.origin}/tenant/oauth2/v2.0/token`,
        accountsEndpoint: `${server.origin}/dev/accounts`,
        clientId: 'peermentor365-pane',
      },
    },
  }));
  const backend = new PairsBackend(server);
  backend.addPair(makePair());
  backend.addCommitment(makeCommitment());
});
afterEach(() => server.close());

function renderApp() {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App
        office={browser}
        loadConfig={(signal) => fetchClientConfig({ baseUrl: server.origin, signal })}
        createApi={(auth: PaneAuth) => createApiClient({ auth, baseUrl: server.origin })}
        createPairsApi={(auth: PaneAuth) => createPairsClient({ auth, baseUrl: server.origin })}
        peopleSearchDebounceMs={0}
      />
    </FluentProvider>,
  );
}

describe('Pane tabs', () => {
  it('switches between Schedule and My peers from the keyboard, loads My peers on first use and keeps what was typed in each', async () => {
    const user = userEvent.setup();
    renderApp();
    await screen.findByRole('option', { name: /Ana Souza/ });
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const tabs = await screen.findByRole('tablist', { name: 'Views' });
    const schedule = within(tabs).getByRole('tab', { name: 'Schedule' });
    const peers = within(tabs).getByRole('tab', { name: 'My peers' });
    expect(schedule).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Schedule' })).toBeVisible();
    // My peers is not loaded until it is opened: only the list of pairs is asked for, for the tab's count of invitations.
    await waitFor(() => expect(server.requests.filter((r) => r.path === '/api/pairs')).toHaveLength(1));
    expect(server.requests.some((r) => r.path.startsWith('/api/pairs/'))).toBe(false);

    await user.type(screen.getByRole('combobox', { name: 'Search people' }), 'Be');

    // A tab is a button: Enter chooses it. (Arrow keys between tabs are Tabster's, which needs a real layout:
    // the e2e suite presses them in Chromium.)
    peers.focus();
    await user.keyboard('{Enter}');
    expect(peers).toHaveAttribute('aria-selected', 'true');
    const peersPanel = screen.getByRole('tabpanel', { name: 'My peers' });
    expect(await within(peersPanel).findByRole('article', { name: 'Ben Carter' })).toBeVisible();
    expect(screen.queryByRole('tabpanel', { name: 'Schedule' })).toBeNull();
    const pairLists = server.requests.filter((r) => r.path === '/api/pairs').length;

    // Back on Schedule, the search text is still there; My peers keeps its state too (no second load).
    schedule.focus();
    await user.keyboard(' ');
    expect(schedule).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('combobox', { name: 'Search people' })).toHaveValue('Be');
    await user.click(peers);
    expect(within(screen.getByRole('tabpanel', { name: 'My peers' })).getByRole('article', { name: 'Ben Carter' })).toBeVisible();
    expect(server.requests.filter((r) => r.path === '/api/pairs')).toHaveLength(pairLists);
  });
});
