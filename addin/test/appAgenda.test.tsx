import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, fetchClientConfig } from '../src/api/client';
import { createPairsClient } from '../src/api/pairsClient';
import type { ClientConfig } from '../src/api/types';
import { createAgendaClient } from '../src/api/agendaClient';
import { App } from '../src/app/App';
import type { PaneAuth } from '../src/auth';
import type { OfficeConnection, OutlookItem } from '../src/office';
import { AgendaBackend, sessionId, sessionRestId } from './support/agendaBackend';
import { anaMember, makeCommitment, makePair } from './support/pairsBackend';
import { problemJson, startStubServer, type StubServer } from './support/stubServer';

// The pane opened from an Outlook item: which view it starts in, decided by the session look-up alone.

let server: StubServer;
let backend: AgendaBackend;

beforeEach(async () => {
  server = await startStubServer({
    'GET /dev/accounts': () => ({ json: { value: [{ displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'E. South America Standard Time' }] } }),
    'POST /tenant/oauth2/v2.0/token': () => ({ json: { access_token: 'dev-token-for-ana', expires_in: 3600 } }),
    'GET /api/me': () => ({ json: { id: 'ana-id', displayName: 'Ana Souza', mail: 'ana.souza@contoso.dev', timeZone: 'America/Sao_Paulo' } }),
  });
  const config: ClientConfig = {
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
  server.on('GET /api/client-config', () => ({ json: config }));
  backend = new AgendaBackend(server);
  backend.addPair(makePair());
  backend.addCommitment(makeCommitment());
});
afterEach(() => server.close());

const outlook = (item: OutlookItem): OfficeConnection => ({ host: { host: 'outlook', platform: 'OfficeOnline', officeJsReady: true }, appointment: null, item });

async function openPaneOn(office: OfficeConnection) {
  const loadConfig = (signal: AbortSignal) => fetchClientConfig({ baseUrl: server.origin, signal });
  const user = userEvent.setup();
  render(
    <FluentProvider theme={webLightTheme}>
      <App
        office={office}
        loadConfig={loadConfig}
        createApi={(auth: PaneAuth) => createApiClient({ auth, baseUrl: server.origin })}
        createPairsApi={(auth: PaneAuth) => createPairsClient({ auth, baseUrl: server.origin })}
        createAgendaApi={(auth: PaneAuth) => createAgendaClient({ auth, baseUrl: server.origin })}
        peopleSearchDebounceMs={0}
      />
    </FluentProvider>,
  );
  const account = await screen.findByRole('combobox', { name: 'Account' });
  await screen.findByRole('option', { name: /Ana Souza/ });
  await user.selectOptions(account, 'ana.souza@contoso.dev');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

const lookups = () => server.requests.filter((r) => r.path === '/api/agenda/lookup');

describe('the start view', () => {
  it('is the Agenda view when the pane opens on one of the pair’s sessions (read mode)', async () => {
    await openPaneOn(outlook({ kind: 'appointmentRead', itemId: 'AAMk-ews', restId: sessionRestId }));
    const agendaTab = await screen.findByRole('tab', { name: 'Agenda' });
    expect(agendaTab).toHaveAttribute('aria-selected', 'true');
    const region = await screen.findByRole('region', { name: 'Session with Ben Carter' });
    expect(await within(region).findByRole('listitem', { name: 'Send Ben the RFC draft' })).toBeVisible();
    expect(lookups().map((r) => r.query.get('itemId'))).toEqual([sessionRestId]);
    // The other views are still there.
    expect(screen.getByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'false');
    expect(screen.getByRole('tab', { name: 'My peers' })).toBeVisible();
  });

  it('is the Schedule view, with no error, on a meeting that is not one of ours', async () => {
    await openPaneOn(outlook({ kind: 'appointmentRead', itemId: 'AAMk-other', restId: 'AAMk-foreign-meeting' }));
    expect(await screen.findByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('tab', { name: 'Agenda' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(lookups()).toHaveLength(1);
  });

  it('does not look anything up for a message or a meeting being composed', async () => {
    await openPaneOn(outlook({ kind: 'message' }));
    expect(await screen.findByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');
    expect(lookups()).toHaveLength(0);
  });

  it('says when it could not tell, offers to try again, and then opens the Agenda view', async () => {
    server.on('GET /api/agenda/lookup', () => ({ status: 503, headers: { ...problemJson, 'Retry-After': '2' }, json: { title: 'Busy', status: 503 } }));
    const user = await openPaneOn(outlook({ kind: 'appointmentRead', itemId: 'AAMk-ews', restId: sessionRestId }));
    const alert = await screen.findByRole('alert', {});
    expect(alert).toHaveTextContent('could not tell whether this meeting is one of your sessions');
    expect(screen.getByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');

    server.on('GET /api/agenda/lookup', () => ({ json: { match: true, pairId: 'p1', seriesId: 'e1', sessionId: 's1' } }));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('tab', { name: 'Agenda' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows a pinned pane to another item: a session there opens its Agenda view', async () => {
    let moveTo: ((item: OutlookItem) => void) | null = null;
    const office: OfficeConnection = {
      ...outlook({ kind: 'message' }),
      watchItem: (onChange) => {
        moveTo = onChange;
        return () => {
          moveTo = null;
        };
      },
    };
    await openPaneOn(office);
    expect(await screen.findByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');
    expect(moveTo).not.toBeNull();
    act(() => moveTo?.({ kind: 'appointmentRead', itemId: 'AAMk-ews', restId: sessionRestId }));
    expect(await screen.findByRole('tab', { name: 'Agenda' })).toHaveAttribute('aria-selected', 'true');
    expect(lookups().map((r) => r.query.get('itemId'))).toEqual([sessionRestId]);
  });

  it('opens a session’s Agenda view from My peers, in a plain browser as in Outlook, and says on the My peers tab that an invitation waits', async () => {
    const chloe = { userId: 'chloe-id', mail: 'chloe.martin@contoso.dev', displayName: 'Chloé Martin', acceptedAt: '2026-11-22T09:00:00Z' };
    backend.addPair(makePair({ id: 'p2', etag: 'W/"p2-0"', status: 'proposed', proposedBy: 'chloe-id', members: [chloe, { ...anaMember, acceptedAt: null }] }));
    backend.summaries.set('p1', {
      nextSession: { sessionId, start: '2026-12-01T15:00:00Z', end: '2026-12-01T16:00:00Z', focusUserId: 'ana-id', seriesId: 'e1' },
      sessionsHeld: 0,
      commitments: { open: 1, overdue: 0, done: 0, dropped: 0 },
      goals: { active: 0, achieved: 0, averageProgress: null },
    });
    const user = await openPaneOn({ host: { host: 'browser', platform: null, officeJsReady: true }, appointment: null });

    // The first view is Schedule; the My peers tab carries the cue.
    expect(await screen.findByRole('tab', { name: 'Schedule' })).toHaveAttribute('aria-selected', 'true');
    const peersTab = await screen.findByRole('tab', { name: 'My peers, 1 invitation' });
    await user.click(peersTab);
    const invitation = await screen.findByRole('region', { name: 'An invitation for you' });
    expect(within(invitation).getByRole('article', { name: 'Chloé Martin' })).toBeVisible();

    const withBen = await screen.findByRole('article', { name: 'Ben Carter' });
    await user.click(await within(withBen).findByRole('link', { name: 'Open the agenda' }));
    const agendaTab = await screen.findByRole('tab', { name: 'Agenda' });
    expect(agendaTab).toHaveAttribute('aria-selected', 'true');
    const region = await screen.findByRole('region', { name: 'Session with Ben Carter' });
    expect(await within(region).findByRole('listitem', { name: 'Send Ben the RFC draft' })).toBeVisible();
    expect(lookups()).toHaveLength(0);

    // Back in My peers, the same link brings the Agenda view forward again.
    await user.click(screen.getByRole('tab', { name: /My peers/ }));
    await user.click(within(withBen).getByRole('link', { name: 'Open the agenda' }));
    expect(screen.getByRole('tab', { name: 'Agenda' })).toHaveAttribute('aria-selected', 'true');

    // Accepted, the invitation leaves the tab's cue.
    await user.click(screen.getByRole('tab', { name: /My peers/ }));
    await user.click(within(within(invitation).getByRole('article', { name: 'Chloé Martin' })).getByRole('button', { name: 'Accept the agreement' }));
    expect(await screen.findByRole('tab', { name: 'My peers' })).not.toHaveAttribute('aria-label');
  });
});
