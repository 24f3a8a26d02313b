import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons/svg/sign-out';
import type React from 'react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { createApiClient, fetchClientConfig, type ApiClient } from '../api/client';
import { createPairsClient, type PairsApi } from '../api/pairsClient';
import { createSeriesClient, type SeriesApi } from '../api/seriesClient';
import type { ClientConfig, Me } from '../api/types';
import { PaneContext, type PaneApis, type PaneContextValue } from '../hooks/paneContext';
import { createPaneAuth } from '../auth/createPaneAuth';
import type { DevTenantAuth } from '../auth/devTenantAuth';
import type { EntraAuth } from '../auth/entraAuth';
import type { PaneAuth, SignedInAccount } from '../auth/types';
import { zoneCity } from '../format/time';
import { useAsync } from '../hooks/useAsync';
import type { OfficeConnection, OutlookItem } from '../office';
import { createAgendaClient, type AgendaApi } from '../api/agendaClient';
import type { AgendaLinks, AgendaTarget } from '../peers/agendaLinks';
import type { Pair } from '../api/pairTypes';
import { useInvitationCount } from '../peers/invitations';
import type { SlotsFrameProps } from '../schedule/ScheduleView';
import { agendaHash, agendaTargetOf } from './agendaRoute';
import { ErrorNotice } from '../ui/ErrorNotice';
import { needsSignIn } from '../ui/userMessage';
import { LoadBoundary } from './LoadBoundary';

const useStyles = makeStyles({
  shell: {
    boxSizing: 'border-box',
    minWidth: '280px',
    maxWidth: '640px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500, margin: 0 },
  who: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export interface AppProps {
  office: OfficeConnection;
  loadConfig?: (signal: AbortSignal) => Promise<ClientConfig>;
  createAuth?: (config: ClientConfig) => Promise<PaneAuth>;
  createApi?: (auth: PaneAuth) => ApiClient;
  createPairsApi?: (auth: PaneAuth) => PairsApi;
  createAgendaApi?: (auth: PaneAuth) => AgendaApi;
  createSeriesApi?: (auth: PaneAuth) => SeriesApi;
  peopleSearchDebounceMs?: number;
}

/** "Ana Souza · São Paulo": the place from the directory when known, else the mailbox zone's city. */
function whoLine(me: Me): string {
  const place = me.officeLocation?.trim() || (me.timeZone ? zoneCity(me.timeZone) : null);
  return place ? `${me.displayName} · ${place}` : me.displayName;
}

const defaultLoadConfig = (signal: AbortSignal) => fetchClientConfig({ signal });
const defaultCreateApi = (auth: PaneAuth) => createApiClient({ auth });
const defaultCreatePairsApi = (auth: PaneAuth) => createPairsClient({ auth });
const defaultCreateAgendaApi = (auth: PaneAuth) => createAgendaClient({ auth });
const defaultCreateSeriesApi = (auth: PaneAuth) => createSeriesClient({ auth });
const noItem: OutlookItem = { kind: 'none' };
// Every screen loads when it is first shown, so the pane's page holds only the shell (docs/pane.md, "Fast to open").
// Only the sign-in of the mode the service asks for is loaded: the dev tenant's never loads MSAL.
const DevSignIn = lazy(() => import('../signin/DevSignIn').then((m) => ({ default: m.DevSignIn })));
const EntraSignIn = lazy(() => import('../auth/EntraSignIn').then((m) => ({ default: m.EntraSignIn })));
// The tabs and the Schedule form: what a signed-in person sees first.
const loadPaneTabs = () => import('./PaneTabs');
const loadScheduleView = () => import('../schedule/ScheduleView');
const PaneTabs = lazy(() => loadPaneTabs().then((m) => ({ default: m.PaneTabs })));
const ScheduleView = lazy(() => loadScheduleView().then((m) => ({ default: m.ScheduleView })));
// A pair's series around the slots: it loads while the person fills in the form; until then the slots show without it.
const PairSeriesFrame = lazy(() => import('../series').then((m) => ({ default: m.PairSeriesFrame })));
// The Schedule view knows nothing of series: the pair's series and "Create series" come in around its slots (the
// slots show at once, the series part when its code has arrived).
const SeriesFrame: React.FC<SlotsFrameProps> = (props) => (
  <Suspense fallback={props.children()}>
    <PairSeriesFrame {...props} />
  </Suspense>
);
// The start view on one of the pair's sessions; it shares My peers' commitments and goals code.
const AgendaView = lazy(() => import('../agenda/AgendaView').then((m) => ({ default: m.AgendaView })));
// Loaded the first time someone opens "My peers", so scheduling from a meeting does not wait for it.
const PeersView = lazy(() => import('../peers/PeersView').then((m) => ({ default: m.PeersView })));

const loading = <Spinner size="small" label="Loading…" />;

function isDevTenantAuth(auth: PaneAuth): auth is DevTenantAuth {
  return auth.mode === 'devTenant';
}
function isEntraAuth(auth: PaneAuth): auth is EntraAuth {
  return auth.mode === 'entra';
}

/** The pane: sign-in when needed, then the Schedule and My peers views. */
export const App: React.FC<AppProps> = ({
  office,
  loadConfig = defaultLoadConfig,
  createAuth = createPaneAuth,
  createApi = defaultCreateApi,
  createPairsApi = defaultCreatePairsApi,
  createAgendaApi = defaultCreateAgendaApi,
  createSeriesApi = defaultCreateSeriesApi,
  peopleSearchDebounceMs,
}) => {
  const styles = useStyles();
  const config = useAsync(loadConfig, [loadConfig]);
  const clientConfig = config.data;
  // The auth the service asks for, with whom it still remembers (a session kept for the tab), read once.
  const authResult = useAsync(
    clientConfig
      ? async () => {
          const created = await createAuth(clientConfig);
          return { auth: created, remembered: created.account() };
        }
      : null,
    [clientConfig, createAuth],
  );
  const auth = authResult.data?.auth ?? null;
  // Who is signed in: whom the auth remembered, until someone signs in or out here.
  const [signInState, setSignInState] = useState<{ auth: PaneAuth; account: SignedInAccount | null } | null>(null);
  const account = authResult.data ? (signInState?.auth === authResult.data.auth ? signInState.account : authResult.data.remembered) : null;
  const setAccount = useCallback((next: SignedInAccount | null) => auth && setSignInState({ auth, account: next }), [auth]);
  const [signInReason, setSignInReason] = useState<string | null>(null);
  // Signed in: the tabs and the Schedule form load beside the profile, instead of one after the other behind it.
  useEffect(() => {
    if (!account) return;
    void loadPaneTabs();
    void loadScheduleView();
  }, [account]);
  // The API's clients for the signed-in user, made once and handed to every view through the pane's context.
  const apis = useMemo<PaneApis | null>(
    () =>
      auth && account
        ? { peopleApi: createApi(auth), pairsApi: createPairsApi(auth), seriesApi: createSeriesApi(auth), agendaApi: createAgendaApi(auth) }
        : null,
    [auth, account, createApi, createPairsApi, createSeriesApi, createAgendaApi],
  );
  const me = useAsync(apis ? (signal) => apis.peopleApi.getMe(signal) : null, [apis]);
  // The Outlook item decides the start view: a session of one of the pair's series opens its Agenda view. Nothing is
  // remembered locally: reopening the pane on the meeting looks it up again.
  const [item, setItem] = useState<OutlookItem>(office.item ?? noItem);
  useEffect(() => office.watchItem?.(setItem), [office]);
  const restId = item.kind === 'appointmentRead' ? item.restId : null;
  const lookup = useAsync(apis && restId ? (signal) => apis.agendaApi.lookup(restId, signal) : null, [apis, restId]);
  // A session opened from My peers (or from an address naming one): its Agenda view, in a browser as in Outlook.
  const [agendaTarget, setAgendaTarget] = useState<AgendaTarget | null>(() => agendaTargetOf(window.location.hash));
  const agendaLinks = useMemo<AgendaLinks>(() => ({ href: agendaHash, open: (target) => setAgendaTarget({ ...target }) }), []);
  // The My peers tab shows how many invitations wait, from the first view on; My peers' own loads refresh it.
  const [shownPairs, setShownPairs] = useState<readonly Pair[] | null>(null);
  const invitations = useInvitationCount(apis?.pairsApi ?? null, me.data, shownPairs);

  const signOut = useCallback(() => {
    auth?.signOut();
    setAccount(null);
  }, [auth, setAccount]);
  const onSignInNeeded = useCallback(() => {
    setSignInReason('Your sign-in has expired. Sign in again to continue.');
    signOut();
  }, [signOut]);
  useEffect(() => {
    if (needsSignIn(me.error)) onSignInNeeded();
  }, [me.error, onSignInNeeded]);
  useEffect(() => {
    if (needsSignIn(lookup.error)) onSignInNeeded();
  }, [lookup.error, onSignInNeeded]);
  const context = useMemo<PaneContextValue | null>(
    () => (apis && me.data ? { ...apis, me: me.data, onSignInNeeded, peopleSearchDebounceMs } : null),
    [apis, me.data, onSignInNeeded, peopleSearchDebounceMs],
  );

  const onSignedIn = (signedIn: SignedInAccount) => {
    setSignInReason(null);
    setAccount(signedIn);
  };

  let body: React.ReactNode;
  if (config.loading || authResult.loading) body = <Spinner size="small" label="Starting…" />;
  else if (config.error) body = <ErrorNotice error={config.error} title="PeerMentor365 is not reachable" onRetry={config.reload} />;
  else if (authResult.error) body = <ErrorNotice error={authResult.error} />;
  else if (auth && !account && isDevTenantAuth(auth))
    body = (
      <Suspense fallback={loading}>
        <DevSignIn
          auth={auth}
          reason={signInReason}
          onSignedIn={onSignedIn}
        />
      </Suspense>
    );
  else if (auth && !account && isEntraAuth(auth))
    body = (
      <Suspense fallback={loading}>
        <EntraSignIn
          auth={auth}
          reason={signInReason}
          onSignedIn={onSignedIn}
        />
      </Suspense>
    );
  else if (apis && me.loading) body = <Spinner size="small" label="Loading your profile…" />;
  else if (apis && me.error && !needsSignIn(me.error)) body = <ErrorNotice error={me.error} onRetry={me.reload} />;
  else if (apis && restId !== null && lookup.loading) body = <Spinner size="small" label="Opening this meeting…" />;
  else if (context) {
    const itemSession = lookup.data?.match === true ? lookup.data : null;
    const session = agendaTarget ?? itemSession;
    body = (
      <PaneContext.Provider value={context}>
        {lookup.error && !needsSignIn(lookup.error) ? (
          <ErrorNotice error={lookup.error} title="PeerMentor365 could not tell whether this meeting is one of your sessions" onRetry={lookup.reload} />
        ) : null}
        <Suspense fallback={loading}>
          <PaneTabs
            key={itemSession?.sessionId ?? 'no-session'}
            initialTab={session ? 'agenda' : 'schedule'}
            agendaRequest={agendaTarget}
            peersCue={invitations}
            agenda={
              session
                ? () => (
                    <Suspense fallback={loading}>
                      <AgendaView key={`${session.pairId}/${session.sessionId}`} pairId={session.pairId} sessionId={session.sessionId} />
                    </Suspense>
                  )
                : undefined
            }
            schedule={
              <Suspense fallback={loading}>
                <ScheduleView writer={office.appointment} showOutlookHint={office.appointment === null} slotsFrame={SeriesFrame} />
              </Suspense>
            }
            peers={() => (
              <Suspense fallback={loading}>
                <PeersView agenda={agendaLinks} onPairsShown={setShownPairs} />
              </Suspense>
            )}
          />
        </Suspense>
      </PaneContext.Provider>
    );
  } else body = null;

  return (
    <div className={styles.shell}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <h1 className={styles.title}>PeerMentor365</h1>
          <Text size={200} className={styles.who}>
            {apis && me.data ? whoLine(me.data) : 'Find a recurring time that suits everyone'}
          </Text>
        </div>
        {account ? (
          <Button appearance="subtle" size="small" icon={<SignOutRegular />} onClick={signOut}>
            Sign out
          </Button>
        ) : null}
      </header>
      <main className={styles.main}>
        <LoadBoundary>{body}</LoadBoundary>
      </main>
    </div>
  );
};
