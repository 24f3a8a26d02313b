import { CounterBadge, makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { CalendarLtrRegular } from '@fluentui/react-icons/svg/calendar-ltr';
import { NotebookRegular } from '@fluentui/react-icons/svg/notebook';
import { PeopleTeamRegular } from '@fluentui/react-icons/svg/people-team';
import type React from 'react';
import { useEffect, useId, useState } from 'react';

export type PaneTab = 'agenda' | 'schedule' | 'peers';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Three tabs with icons fill a 320 px pane: they may wrap rather than scroll sideways.
  tabs: { marginTop: `calc(-1 * ${tokens.spacingVerticalS})`, flexWrap: 'wrap' },
  cue: { marginLeft: tokens.spacingHorizontalXS },
  // The class's display would otherwise win over the hidden attribute's.
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, '&[hidden]': { display: 'none' } },
});

export interface PaneTabsProps {
  schedule: React.ReactNode;
  /** Rendered the first time the tab is chosen, then kept (with what was typed in it) while the other tab shows. */
  peers: () => React.ReactNode;
  /** Only when the pane is open on one of the pair's sessions: its Agenda view, as the first tab. */
  agenda?: () => React.ReactNode;
  initialTab?: PaneTab;
  /** A new value (a session opened from My peers) brings the Agenda tab forward. */
  agendaRequest?: object | null;
  /** How many invitations wait in My peers: shown on its tab, so they are seen from the first view. */
  peersCue?: number | null;
}

/** ["Agenda" |] "Schedule" | "My peers": arrow keys move between the tabs; both panels keep their state when hidden. */
export const PaneTabs: React.FC<PaneTabsProps> = ({ schedule, peers, agenda, initialTab = 'schedule', agendaRequest = null, peersCue = null }) => {
  const styles = useStyles();
  const [tab, setTab] = useState<PaneTab>(initialTab === 'agenda' && !agenda ? 'schedule' : initialTab);
  const [peersVisited, setPeersVisited] = useState(initialTab === 'peers');
  const [agendaVisited, setAgendaVisited] = useState(initialTab === 'agenda');
  const id = useId();
  const hasAgenda = agenda !== undefined;
  useEffect(() => {
    if (agendaRequest === null || !hasAgenda) return;
    setTab('agenda');
    setAgendaVisited(true);
  }, [agendaRequest, hasAgenda]);
  const tabId = (t: PaneTab) => `${id}-${t}-tab`;
  const panelId = (t: PaneTab) => `${id}-${t}-panel`;

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        aria-label="Views"
        // Both panels stay mounted, so showing the focused one is instant: arrow keys choose as they move.
        selectTabOnFocus
        size={agenda ? 'small' : 'medium'}
        selectedValue={tab}
        onTabSelect={(_event, data) => {
          const next = data.value as PaneTab;
          setTab(next);
          if (next === 'peers') setPeersVisited(true);
          if (next === 'agenda') setAgendaVisited(true);
        }}
      >
        {agenda ? (
          <Tab id={tabId('agenda')} value="agenda" icon={<NotebookRegular />} aria-controls={panelId('agenda')}>
            Agenda
          </Tab>
        ) : null}
        <Tab id={tabId('schedule')} value="schedule" icon={<CalendarLtrRegular />} aria-controls={panelId('schedule')}>
          Schedule
        </Tab>
        <Tab
          id={tabId('peers')}
          value="peers"
          icon={<PeopleTeamRegular />}
          aria-controls={panelId('peers')}
          aria-label={peersCue ? `My peers, ${peersCue === 1 ? '1 invitation' : `${peersCue} invitations`}` : undefined}
        >
          My peers
          {peersCue ? (
            <CounterBadge className={styles.cue} count={peersCue} size="small" color="brand" aria-hidden />
          ) : null}
        </Tab>
      </TabList>
      {agenda ? (
        <div role="tabpanel" id={panelId('agenda')} aria-labelledby={tabId('agenda')} hidden={tab !== 'agenda'} className={styles.panel}>
          {agendaVisited ? agenda() : null}
        </div>
      ) : null}
      <div role="tabpanel" id={panelId('schedule')} aria-labelledby={tabId('schedule')} hidden={tab !== 'schedule'} className={styles.panel}>
        {schedule}
      </div>
      <div role="tabpanel" id={panelId('peers')} aria-labelledby={tabId('peers')} hidden={tab !== 'peers'} className={styles.panel}>
        {peersVisited ? peers() : null}
      </div>
    </div>
  );
};
