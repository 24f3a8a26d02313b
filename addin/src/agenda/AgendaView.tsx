import { Button, Link, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons/svg/arrow-clockwise';
import { CalendarLtrRegular } from '@fluentui/react-icons/svg/calendar-ltr';
import { NotebookRegular } from '@fluentui/react-icons/svg/notebook';
import { PersonStarRegular } from '@fluentui/react-icons/svg/person-star';
import type React from 'react';
import { useEffect, useId, useMemo } from 'react';
import type { ApiClient } from '../api/client';
import type { PairsApi } from '../api/pairsClient';
import type { Me } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { CommitmentsList } from '../commitments';
import { GoalsList } from '../goals';
import { PaneContext, type PaneContextValue } from '../hooks/paneContext';
import type { PairPeople } from '../format/people';
import type { AgendaApi } from './agendaClient';
import { useAgenda } from './hooks';
import { RatingSection } from './RatingSection';
import type { AgendaPage } from './types';
import { zoneName } from '../format/time';
import { focusLine, myIdAmong, sessionTitle, sessionWhen, viewerZone } from './wording';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  titleRow: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  line: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  icon: { flexShrink: 0, marginTop: '2px', color: tokens.colorBrandForeground1 },
  focus: { fontWeight: tokens.fontWeightSemibold },
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // Touch targets of at least 24 px (WCAG 2.2 target size), though the links sit in running text.
  pageLink: { display: 'inline-flex', alignItems: 'center', minHeight: '24px' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface AgendaViewProps {
  agendaApi: AgendaApi;
  pairsApi: PairsApi;
  peopleApi: ApiClient;
  me: Me;
  pairId: string;
  sessionId: string;
  onSignInNeeded: () => void;
}

/**
 * One session of a pair, as the peers need it during the meeting: when (in the viewer's zone), whose turn it is, the
 * agenda page, both people's open commitments and goals, and my private rating. Everything comes from the session id
 * the Outlook item led to, so reopening the pane on the meeting shows it all again.
 */
export const AgendaView: React.FC<AgendaViewProps> = ({ agendaApi, pairsApi, peopleApi, me, pairId, sessionId, onSignInNeeded }) => {
  const context = useMemo<PaneContextValue>(() => ({ pairsApi, peopleApi, me, onSignInNeeded }), [pairsApi, peopleApi, me, onSignInNeeded]);
  return (
    <PaneContext.Provider value={context}>
      <AgendaContent agendaApi={agendaApi} me={me} pairId={pairId} sessionId={sessionId} onSignInNeeded={onSignInNeeded} />
    </PaneContext.Provider>
  );
};

interface AgendaContentProps {
  agendaApi: AgendaApi;
  me: Me;
  pairId: string;
  sessionId: string;
  onSignInNeeded: () => void;
}

const AgendaContent: React.FC<AgendaContentProps> = ({ agendaApi, me, pairId, sessionId, onSignInNeeded }) => {
  const styles = useStyles();
  const headingId = useId();
  const agenda = useAgenda(agendaApi, pairId, sessionId, onSignInNeeded);
  const zone = viewerZone(me);
  const { reload } = agenda;

  // Back in the meeting after a while in another window: show what the other peer did meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const data = agenda.data;
  if (data === null) {
    return (
      <section className={styles.root} aria-label="This session">
        {agenda.loading ? <Spinner size="small" label="Loading this session…" /> : null}
        {agenda.error ? <ErrorNotice error={agenda.error} title="This session could not be loaded" onRetry={reload} /> : null}
      </section>
    );
  }

  const { session, members } = data;
  const meId = myIdAmong(members, me);
  // The session's pair, as the shared commitments and goals sections need it: a session is only ever of an active pair.
  const pair: PairPeople = { id: pairId, status: 'active', members };
  const focus = focusLine(session.focusUserId, members, meId);

  return (
    <section className={styles.root} aria-labelledby={headingId} data-session-id={session.id}>
      <div className={styles.header}>
        <div className={styles.titleRow}>
          <h2 id={headingId} className={styles.title}>
            {sessionTitle(members, meId)}
          </h2>
          <Button appearance="subtle" size="small" icon={<ArrowClockwiseRegular />} disabled={agenda.loading} onClick={reload}>
            Refresh
          </Button>
        </div>
        <Text className={styles.line}>
          <CalendarLtrRegular aria-hidden className={styles.icon} />
          <span>
            {sessionWhen(session.start, session.end, zone)} <span className={styles.muted}>({zoneName(zone, me.timeZone ? me.officeLocation : null)})</span>
          </span>
        </Text>
        {focus !== null ? (
          <Text className={styles.line}>
            <PersonStarRegular aria-hidden className={styles.icon} />
            <span className={styles.focus}>{focus}</span>
          </Text>
        ) : null}
        <AgendaPageLine page={session.agendaPage} />
      </div>
      {agenda.error ? <ErrorNotice error={agenda.error} title="This session could not be refreshed" onRetry={reload} /> : null}
      <GoalsList pair={pair} meId={meId} goals={agenda.goals} headingLevel={3} />
      {/* No due date typed: the API makes it due at the pair's next session, and the list then shows that date. */}
      <CommitmentsList pair={pair} meId={meId} commitments={agenda.commitments} sessionId={session.id} headingLevel={3} />
      <RatingSection
        api={agendaApi}
        pairId={pairId}
        sessionId={session.id}
        myRating={session.myRating}
        onRated={agenda.setMyRating}
        start={session.start}
      />
    </section>
  );
};

const AgendaPageLine: React.FC<{ page: AgendaPage | null }> = ({ page }) => {
  const styles = useStyles();
  return (
    <Text className={styles.line}>
      <NotebookRegular aria-hidden className={styles.icon} />
      {page === null ? (
        <span className={styles.muted}>The agenda page will be ready before the session.</span>
      ) : (
        <span className={styles.page}>
          <Link className={styles.pageLink} href={page.webUrl} target="_blank" rel="noopener noreferrer">
            Open the agenda in OneNote
          </Link>
          {page.clientUrl !== null ? (
            <Link className={styles.pageLink} href={page.clientUrl}>
              Open it in the OneNote app
            </Link>
          ) : null}
        </span>
      )}
    </Text>
  );
};
