import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import { CalendarLtrRegular } from '@fluentui/react-icons/svg/calendar-ltr';
import { NotebookRegular } from '@fluentui/react-icons/svg/notebook';
import { PeopleTeamRegular } from '@fluentui/react-icons/svg/people-team';
import type React from 'react';
import { useId, useState } from 'react';

export type PaneTab = 'agenda' | 'schedule' | 'peers';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Three tabs with icons fill a 320 px pane: they may wrap rather than scroll sideways.
  tabs: { marginTop: `calc(-1 * ${tokens.spacingVerticalS})`, flexWrap: 'wrap' },
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
}

/** ["Agenda" |] "Schedule" | "My peers": arrow keys move between the tabs; both panels keep their state when hidden. */
export const PaneTabs: React.FC<PaneTabsProps> = ({ schedule, peers, agenda, initialTab = 'schedule' }) => {
  const styles = useStyles();
  const [tab, setTab] = useState<PaneTab>(initialTab === 'agenda' && !agenda ? 'schedule' : initialTab);
  const [peersVisited, setPeersVisited] = useState(initialTab === 'peers');
  const [agendaVisited, setAgendaVisited] = useState(initialTab === 'agenda');
  const id = useId();
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
        <Tab id={tabId('peers')} value="peers" icon={<PeopleTeamRegular />} aria-controls={panelId('peers')}>
          My peers
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
