import { Badge, Button, Divider, Link, makeStyles, mergeClasses, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { CalendarLtrRegular } from '@fluentui/react-icons/svg/calendar-ltr';
import { ChevronDownRegular } from '@fluentui/react-icons/svg/chevron-down';
import { ChevronUpRegular } from '@fluentui/react-icons/svg/chevron-up';
import { HistoryRegular } from '@fluentui/react-icons/svg/history';
import { NotebookRegular } from '@fluentui/react-icons/svg/notebook';
import { PersonStarRegular } from '@fluentui/react-icons/svg/person-star';
import type React from 'react';
import { useId, useState } from 'react';
import type { Pair, PairStatus } from '../api/pairTypes';
import { CommitmentsSection } from '../commitments';
import { formatDateRange } from '../format/dates';
import { focusLine, memberName } from '../format/people';
import { sessionWhen, viewerZone, viewerZoneName } from '../format/time';
import { GoalsSection } from '../goals';
import { usePaneContext } from '../hooks/paneContext';
import { PairAgreement } from './PairAgreement';
import type { PairSummary } from '../api/pairTypes';
import type { AgendaLinks } from './agendaLinks';
import {
  cadenceLabel,
  commitmentsLine,
  durationLabel,
  goalsLine,
  isInvitation,
  joinNames,
  myUserId,
  pairTitle,
  sessionsHeldLine,
  statusLabel,
  waitingFor,
} from './wording';

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
  invitation: { border: `2px solid ${tokens.colorBrandStroke1}` },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  titleRow: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400, overflowWrap: 'anywhere', minWidth: 0 },
  badge: { flexShrink: 0 },
  summary: { color: tokens.colorNeutralForeground2 },
  note: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  facts: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyle: 'none' },
  fact: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere', minWidth: 0 },
  factText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  icon: { flexShrink: 0, marginTop: '2px', color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  focus: { fontWeight: tokens.fontWeightSemibold },
  // A touch target of at least 24 px (WCAG 2.2 target size).
  agendaLink: { display: 'inline-flex', alignItems: 'center', minHeight: '24px', alignSelf: 'flex-start' },
  toggle: { alignSelf: 'flex-start' },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fold: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  foldHeading: { margin: 0 },
  foldButton: { paddingLeft: 0, justifyContent: 'flex-start', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
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
  /** The pair's next session and history; null while it loads or when it could not be read. */
  summary: PairSummary | null;
  /** How a session's Agenda view is opened from here; without it the card offers no link. */
  agenda?: AgendaLinks;
}

/**
 * One pair: who, its status and a line about the agreement, the next session in my time with whose turn it is and a
 * link to its agenda, a short history; opened, the agreement (folded once everyone accepted it), goals and commitments.
 */
export const PairCard: React.FC<PairCardProps> = ({ pair, expanded, onToggle, onPairChanged, summary, agenda }) => {
  const styles = useStyles();
  const { me } = usePaneContext();
  const headingId = useId();
  const detailsId = useId();
  const meId = myUserId(pair, me);
  const a = pair.agreement;
  const invited = isInvitation(pair, meId);
  const waiting = pair.status === 'proposed' && !invited ? waitingFor(pair, meId) : [];
  const proposer = pair.members.find((m) => m.userId === pair.proposedBy);

  return (
    <article
      className={mergeClasses(styles.card, invited && styles.invitation)}
      aria-labelledby={headingId}
      data-pair-id={pair.id}
      data-status={pair.status}
    >
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
      {invited ? (
        <p className={styles.note}>
          {proposer && proposer.userId !== meId
            ? `${memberName(proposer)} invites you to meet as peers. Read the agreement, then accept or decline it.`
            : 'The agreement changed since you accepted it. Read it, then accept or decline it.'}
        </p>
      ) : null}
      {waiting.length > 0 ? <p className={styles.note}>Waiting for {joinNames(waiting)} to accept.</p> : null}
      {summary !== null && pair.status !== 'proposed' ? <PairFacts pair={pair} meId={meId} summary={summary} agenda={agenda} /> : null}
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
          <AgreementFold pair={pair}>
            <PairAgreement pair={pair} meId={meId} onPairChanged={onPairChanged} />
          </AgreementFold>
          <Divider />
          <GoalsSection pair={pair} meId={meId} />
          <Divider />
          <CommitmentsSection pair={pair} meId={meId} />
        </div>
      ) : null}
    </article>
  );
};

/** The next session (when, in my zone; whose turn; its agenda) and the history in one line each. */
const PairFacts: React.FC<{ pair: Pair; meId: string; summary: PairSummary; agenda: AgendaLinks | undefined }> = ({ pair, meId, summary, agenda }) => {
  const styles = useStyles();
  const { me } = usePaneContext();
  const next = summary.nextSession;
  const history = [sessionsHeldLine(summary.sessionsHeld), commitmentsLine(summary.commitments), goalsLine(summary.goals)].filter((l) => l !== null);
  const turn = next ? focusLine(next.focusUserId, pair.members, meId) : null;
  return (
    <ul className={styles.facts} aria-label="Next session and history">
      {next ? (
        <li className={styles.fact}>
          <CalendarLtrRegular aria-hidden className={styles.icon} />
          <span className={styles.factText}>
            <span>
              Next: {sessionWhen(next.start, next.end, viewerZone(me))} <span className={styles.muted}>({viewerZoneName(me)})</span>
            </span>
            {turn !== null ? (
              <span className={styles.focus}>
                <PersonStarRegular aria-hidden className={styles.icon} /> {turn}
              </span>
            ) : null}
            {agenda ? (
              <Link
                className={styles.agendaLink}
                href={agenda.href({ pairId: pair.id, sessionId: next.sessionId })}
                onClick={(event) => {
                  // A plain click opens it here; a click meant for a new tab or window goes its own way.
                  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  agenda.open({ pairId: pair.id, sessionId: next.sessionId });
                }}
              >
                <NotebookRegular aria-hidden className={styles.icon} />
                &nbsp;Open the agenda
              </Link>
            ) : null}
          </span>
        </li>
      ) : pair.status !== 'closed' ? (
        <li className={styles.fact}>
          <CalendarLtrRegular aria-hidden className={styles.icon} />
          <span className={styles.muted}>No session planned yet. Find a time on the Schedule tab.</span>
        </li>
      ) : null}
      <li className={styles.fact}>
        <HistoryRegular aria-hidden className={styles.icon} />
        <span>{history.join(' · ')}</span>
      </li>
    </ul>
  );
};

/** The agreement behind a heading that opens and folds it: open while someone's acceptance is pending, folded once all accepted. */
const AgreementFold: React.FC<{ pair: Pair; children: React.ReactNode }> = ({ pair, children }) => {
  const styles = useStyles();
  const panelId = useId();
  const buttonId = useId();
  // Until the person chooses, the pair's state decides, so accepting folds it away.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const open = chosen ?? pair.status === 'proposed';
  return (
    <div className={styles.fold}>
      <h4 className={styles.foldHeading}>
        <Button
          id={buttonId}
          className={styles.foldButton}
          appearance="transparent"
          icon={open ? <ChevronUpRegular /> : <ChevronDownRegular />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setChosen(!open)}
        >
          Agreement
        </Button>
      </h4>
      <div id={panelId} role="region" aria-labelledby={buttonId} hidden={!open}>
        {children}
      </div>
    </div>
  );
};
