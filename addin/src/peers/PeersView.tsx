import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons/svg/people-add';
import type React from 'react';
import { useId, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { PairsApi } from '../api/pairsClient';
import type { Pair } from '../api/pairTypes';
import type { Me } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { PaneContext, usePaneContext, type PaneContextValue } from '../hooks/paneContext';
import { usePairs } from './hooks';
import { myUserId, pairTitle } from './wording';
import { PairCard } from './PairCard';
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
  pairsApi: PairsApi;
  /** For the people picker's directory search. */
  peopleApi: ApiClient;
  me: Me;
  onSignInNeeded?: () => void;
  peopleSearchDebounceMs?: number;
}

const noop = () => undefined;

/** "My peers": my pairs with their agreements, everyone's goals and the open commitments. */
export const PeersView: React.FC<PeersViewProps> = ({ pairsApi, peopleApi, me, onSignInNeeded = noop, peopleSearchDebounceMs }) => {
  const context = useMemo<PaneContextValue>(
    () => ({ pairsApi, peopleApi, me, onSignInNeeded, peopleSearchDebounceMs }),
    [pairsApi, peopleApi, me, onSignInNeeded, peopleSearchDebounceMs],
  );
  return (
    <PaneContext.Provider value={context}>
      <PairsList />
    </PaneContext.Provider>
  );
};

const PairsList: React.FC = () => {
  const styles = useStyles();
  const { me } = usePaneContext();
  const pairs = usePairs();
  const headingId = useId();
  const [proposing, setProposing] = useState(false);
  // Opened by the person; until they choose, the newest pair that is not closed is open.
  const [opened, setOpened] = useState<ReadonlySet<string> | null>(null);

  const current = pairs.data?.filter((p) => p.status !== 'closed') ?? [];
  const closed = pairs.data?.filter((p) => p.status === 'closed') ?? [];
  const openIds = opened ?? new Set(current[0] ? [current[0].id] : []);
  const toggle = (id: string) => {
    const next = new Set(openIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpened(next);
  };
  const [announcement, setAnnouncement] = useState('');
  const onPairChanged = (pair: Pair) => {
    const before = pairs.data?.find((p) => p.id === pair.id);
    // A closed pair moves to its own list below (its card is drawn anew there), so say where it went.
    if (before && before.status !== 'closed' && pair.status === 'closed') {
      setAnnouncement(`The pair with ${pairTitle(pair, myUserId(pair, me))} is closed. You find it under Closed pairs.`);
      setOpened(new Set([...openIds, pair.id]));
    }
    pairs.upsert(pair, 'start');
  };
  const card = (pair: Pair) => (
    <PairCard key={pair.id} pair={pair} expanded={openIds.has(pair.id)} onToggle={() => toggle(pair.id)} onPairChanged={onPairChanged} />
  );

  return (
    <section className={styles.root} aria-labelledby={headingId}>
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
