import { Badge, Button, Divider, makeStyles, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { ChevronDownRegular } from '@fluentui/react-icons/svg/chevron-down';
import { ChevronUpRegular } from '@fluentui/react-icons/svg/chevron-up';
import type React from 'react';
import { useId } from 'react';
import type { Pair, PairStatus } from '../api/pairTypes';
import { CommitmentsSection } from '../commitments';
import { formatDateRange } from '../format/dates';
import { GoalsSection } from '../goals';
import { usePaneContext } from '../hooks/paneContext';
import { PairAgreement } from './PairAgreement';
import { cadenceLabel, durationLabel, myUserId, pairTitle, statusLabel } from './wording';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  titleRow: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400, overflowWrap: 'anywhere', minWidth: 0 },
  badge: { flexShrink: 0 },
  summary: { color: tokens.colorNeutralForeground2 },
  toggle: { alignSelf: 'flex-start' },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

const badgeColors: Record<PairStatus, BadgeProps['color']> = {
  proposed: 'warning',
  active: 'success',
  paused: 'informative',
  closed: 'subtle',
};

export interface PairCardProps {
  pair: Pair;
  expanded: boolean;
  onToggle: () => void;
  onPairChanged: (pair: Pair) => void;
}

/** One pair: who, its status and a line about the agreement; opened, the agreement, goals and commitments. */
export const PairCard: React.FC<PairCardProps> = ({ pair, expanded, onToggle, onPairChanged }) => {
  const styles = useStyles();
  const { me } = usePaneContext();
  const headingId = useId();
  const detailsId = useId();
  const meId = myUserId(pair, me);
  const a = pair.agreement;

  return (
    <article className={styles.card} aria-labelledby={headingId} data-pair-id={pair.id} data-status={pair.status}>
      <div className={styles.header}>
        <div className={styles.titleRow}>
          <h3 id={headingId} className={styles.title}>
            {pairTitle(pair, meId)}
          </h3>
          <Badge className={styles.badge} appearance="tint" color={badgeColors[pair.status] ?? 'informative'}>
            {statusLabel(pair.status)}
          </Badge>
        </div>
        <Text size={200} className={styles.summary}>
          {cadenceLabel(a.cadence)} · {durationLabel(a.durationMinutes)} · {formatDateRange(a.startDate, a.plannedEndDate)}
        </Text>
      </div>
      <Button
        className={styles.toggle}
        size="small"
        appearance="subtle"
        icon={expanded ? <ChevronUpRegular /> : <ChevronDownRegular />}
        aria-expanded={expanded}
        aria-controls={detailsId}
        onClick={onToggle}
      >
        {expanded ? 'Hide details' : 'Show details'}
      </Button>
      {expanded ? (
        <div id={detailsId} className={styles.details}>
          <PairAgreement pair={pair} meId={meId} onPairChanged={onPairChanged} />
          <Divider />
          <GoalsSection pair={pair} meId={meId} />
          <Divider />
          <CommitmentsSection pair={pair} meId={meId} />
        </div>
      ) : null}
    </article>
  );
};
