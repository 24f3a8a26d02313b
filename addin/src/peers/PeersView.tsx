import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons/svg/people-add';
import type React from 'react';
import { useCallback, useEffect, useId, useState } from 'react';
import type { Pair } from '../api/pairTypes';
import { ErrorNotice } from '../ui/ErrorNotice';
import { usePaneContext } from '../hooks/paneContext';
import { usePairs, usePairSummary } from './hooks';
import { isInvitation, myUserId, pairTitle } from './wording';
import { PairCard, type PairCardProps } from './PairCard';
import type { AgendaLinks } from './agendaLinks';
import { useRefreshOnReturn } from '../hooks/useRefreshOnReturn';
import { ProposePairForm } from './ProposePairForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground2 },
});

export interface PeersViewProps {
  /** Opens a session's Agenda view; without it the cards offer no agenda link. */
  agenda?: AgendaLinks;
  /** The pairs My peers shows, each time it has loaded them, and null once it closes: the pane's cue for invitations counts these instead of asking again. */
  onPairsShown?: (pairs: readonly Pair[] | null) => void;
}

const noop = () => undefined;

/** "My peers": invitations first, then my pairs with their next session, agreements, everyone's goals and the open commitments. */
export const PeersView: React.FC<PeersViewProps> = ({ agenda, onPairsShown = noop }) => {
  const styles = useStyles();
  const { me } = usePaneContext();
  const pairs = usePairs();
  const headingId = useId();
  const invitationsHeadingId = useId();
  const [proposing, setProposing] = useState(false);
  // Opened by the person; until they choose, every invitation and the newest other pair that is not closed are open.
  const [opened, setOpened] = useState<ReadonlySet<string> | null>(null);
  // Bumped whenever the pairs are loaded again, so each card's next session and history follow.
  const [refresh, setRefresh] = useState(0);
  const { reload } = pairs;
  const refreshAll = useCallback(() => {
    reload();
    setRefresh((r) => r + 1);
  }, [reload]);
  // Back in the pane after a while elsewhere: what a peer did meanwhile (accepted, declined) shows.
  useRefreshOnReturn(refreshAll);
  useEffect(() => {
    if (pairs.data !== null) onPairsShown(pairs.data);
  }, [pairs.data, onPairsShown]);
  useEffect(() => () => onPairsShown(null), [onPairsShown]);

  const all = pairs.data ?? [];
  const invitations = all.filter((p) => isInvitation(p, myUserId(p, me)));
  const current = all.filter((p) => p.status !== 'closed' && !invitations.includes(p));
  const closed = all.filter((p) => p.status === 'closed');
  const openIds = opened ?? new Set([...invitations.map((p) => p.id), ...(current[0] ? [current[0].id] : [])]);
  const toggle = (id: string) => {
    const next = new Set(openIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpened(next);
  };
  const [announcement, setAnnouncement] = useState('');
  const onPairChanged = (pair: Pair) => {
    const before = pairs.data?.find((p) => p.id === pair.id);
    const title = pairTitle(pair, myUserId(pair, me));
    // A closed pair moves to its own list below (its card is drawn anew there), so say where it went.
    if (before && before.status !== 'closed' && pair.status === 'closed') {
      setAnnouncement(`The pair with ${title} is closed. You find it under Closed pairs.`);
      setOpened(new Set([...openIds, pair.id]));
    } else if (before && before.status === 'proposed' && pair.status === 'active') {
      setAnnouncement(`You and ${title} agreed: the pair is active.`);
      setOpened(new Set([...openIds, pair.id]));
    } else if (before && isInvitation(before, myUserId(before, me)) && !isInvitation(pair, myUserId(pair, me))) {
      // Accepted, still waiting for others: it leaves the invitations for the list below.
      setOpened(new Set([...openIds, pair.id]));
    }
    pairs.upsert(pair, 'start');
    // After every action, the rest as it stands now (a peer may have acted meanwhile).
    refreshAll();
  };
  const card = (pair: Pair) => (
    <SummarisedPairCard
      key={pair.id}
      pair={pair}
      expanded={openIds.has(pair.id)}
      onToggle={() => toggle(pair.id)}
      onPairChanged={onPairChanged}
      refresh={refresh}
      agenda={agenda}
    />
  );

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      {invitations.length > 0 ? (
        <section className={styles.list} aria-labelledby={invitationsHeadingId}>
          <h2 id={invitationsHeadingId} className={styles.heading}>
            {invitations.length === 1 ? 'An invitation for you' : `${invitations.length} invitations for you`}
          </h2>
          {invitations.map(card)}
        </section>
      ) : null}
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          My pairs
        </h2>
        {!proposing ? (
          <Button icon={<PeopleAddRegular />} onClick={() => setProposing(true)}>
            Propose a pair
          </Button>
        ) : null}
      </div>
      {proposing ? (
        <ProposePairForm
          onProposed={(pair) => {
            pairs.upsert(pair, 'start');
            setOpened(new Set([...openIds, pair.id]));
            setProposing(false);
            refreshAll();
          }}
          onCancel={() => setProposing(false)}
        />
      ) : null}
      <div role="status" aria-live="polite">
        {announcement !== '' ? <Text size={200}>{announcement}</Text> : null}
      </div>
      {pairs.loading && pairs.data === null ? <Spinner size="small" label="Loading your pairs…" /> : null}
      {pairs.error ? <ErrorNotice error={pairs.error} onRetry={pairs.reload} /> : null}
      {pairs.data !== null && pairs.data.length === 0 && !proposing ? (
        <Text className={styles.empty}>
          You are not in a mentoring pair yet. Propose one to a peer: you agree together on why you meet, how often and what stays between you.
        </Text>
      ) : null}
      {current.length > 0 ? <div className={styles.list}>{current.map(card)}</div> : null}
      {closed.length > 0 ? (
        <div className={styles.list}>
          <h3 className={styles.group}>Closed pairs</h3>
          {closed.map(card)}
        </div>
      ) : null}
    </section>
  );
};

const SummarisedPairCard: React.FC<Omit<PairCardProps, 'summary'> & { refresh: number }> = ({ refresh, ...props }) => {
  const summary = usePairSummary(props.pair, refresh);
  return <PairCard {...props} summary={summary} />;
};
