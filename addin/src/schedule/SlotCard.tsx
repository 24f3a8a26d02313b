import {
  Badge,
  Button,
  Card,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons/svg/arrow-sync';
import { CalendarCancelRegular } from '@fluentui/react-icons/svg/calendar-cancel';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { ChevronDownRegular } from '@fluentui/react-icons/svg/chevron-down';
import { ChevronUpRegular } from '@fluentui/react-icons/svg/chevron-up';
import { ClockAlarmRegular } from '@fluentui/react-icons/svg/clock-alarm';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import type React from 'react';
import { useId, useState } from 'react';
import type { Suggestion } from '../api/types';
import { userMessageOf } from '../ui/userMessage';
import type { AppointmentWriter, Attendee } from '../office';
import type { SlotView } from './slotView';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  header: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  headerText: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, margin: 0 },
  anchor: { color: tokens.colorNeutralForeground3 },
  badge: { flexShrink: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  localTime: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  name: { fontWeight: tokens.fontWeightSemibold },
  place: { color: tokens.colorNeutralForeground2 },
  fact: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS },
  factIcon: { flexShrink: 0, marginTop: '2px' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  caution: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  occurrences: { listStyleType: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200 },
  occurrence: { display: 'flex', flexDirection: 'column', paddingBlock: tokens.spacingVerticalXXS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
});

export interface SlotCardProps {
  suggestion: Suggestion;
  view: SlotView;
  /** Present only inside an Outlook meeting being composed. */
  writer: AppointmentWriter | null;
  attendees: readonly Attendee[];
  subjectIfEmpty: string;
  /** Another action for this slot (e.g. "Create series" for a pair), given the id of the card's title. */
  action?: (titleId: string) => React.ReactNode;
}

type ApplyState = { status: 'idle' } | { status: 'applying' } | { status: 'done' } | { status: 'failed'; error: unknown };

/** One ranked recurring slot: the pattern, everyone's local time, clashes and warnings with dates. */
export const SlotCard: React.FC<SlotCardProps> = ({ suggestion, view, writer, attendees, subjectIfEmpty, action }) => {
  const styles = useStyles();
  const titleId = useId();
  const datesId = useId();
  const [showDates, setShowDates] = useState(false);
  const [apply, setApply] = useState<ApplyState>({ status: 'idle' });

  const useThisTime = async () => {
    if (writer === null) return;
    setApply({ status: 'applying' });
    try {
      await writer.useSlot(suggestion, attendees, subjectIfEmpty);
      setApply({ status: 'done' });
    } catch (error) {
      setApply({ status: 'failed', error });
    }
  };

  return (
    <Card className={styles.card} role="article" aria-labelledby={titleId} data-testid="slot-card" data-rank={suggestion.rank}>
      <div className={styles.header}>
        <div className={styles.headerText}>
          <h3 id={titleId} className={styles.title}>
            {view.title}
          </h3>
          <Text size={200} className={styles.anchor}>
            {view.anchor}
          </Text>
        </div>
        {view.comfortable ? (
          <Badge className={styles.badge} appearance="tint" color="success" icon={<CheckmarkCircleRegular />}>
            Comfortable
          </Badge>
        ) : null}
      </div>

      <ul className={styles.list} aria-label="Local times">
        {view.localTimes.map((line) => (
          <li key={line.mail} className={styles.localTime} data-testid="local-time" data-mail={line.mail} title={`${line.place}, ${line.offset}`}>
            <span className={styles.name}>{line.name}</span> <span aria-hidden>·</span> <span>{line.range}</span>{' '}
            <span className={styles.place}>{line.place}</span>
          </li>
        ))}
      </ul>

      <ul className={styles.list} aria-label="Checks over the series">
        <li className={styles.fact}>
          {view.conflicts === null ? (
            <>
              <CheckmarkCircleRegular className={mergeClasses(styles.factIcon, styles.ok)} aria-hidden />
              <Text size={200}>No clashes in any session</Text>
            </>
          ) : (
            <>
              <CalendarCancelRegular className={mergeClasses(styles.factIcon, styles.caution)} aria-hidden />
              <Text size={200}>{view.conflicts}</Text>
            </>
          )}
        </li>
        {view.outsideHours !== null ? (
          <li className={styles.fact}>
            <ClockAlarmRegular className={mergeClasses(styles.factIcon, styles.caution)} aria-hidden />
            <Text size={200}>{view.outsideHours}</Text>
          </li>
        ) : null}
        {view.warnings.map((warning, index) => (
          <li key={`${warning.kind}-${index}`} className={styles.fact} data-testid="slot-warning" data-kind={warning.kind}>
            {warning.caution ? (
              <WarningRegular className={mergeClasses(styles.factIcon, styles.caution)} aria-hidden />
            ) : (
              <ArrowSyncRegular className={mergeClasses(styles.factIcon, styles.info)} aria-hidden />
            )}
            <Text size={200}>{warning.message}</Text>
          </li>
        ))}
      </ul>

      {showDates ? (
        <ol id={datesId} className={styles.occurrences} aria-label="All sessions">
          {view.occurrences.map((o) => (
            <li key={o.start} className={styles.occurrence}>
              <span>{o.when}</span>
              {o.clashes.length > 0 ? <span className={styles.caution}>Clash: {o.clashes.join(', ')}</span> : null}
              {o.outsideHours.length > 0 ? <span className={styles.caution}>Outside working hours: {o.outsideHours.join(', ')}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}

      <div className={styles.actions}>
        <Button
          appearance="subtle"
          size="small"
          icon={showDates ? <ChevronUpRegular /> : <ChevronDownRegular />}
          aria-expanded={showDates}
          aria-describedby={titleId}
          aria-controls={showDates ? datesId : undefined}
          onClick={() => setShowDates((v) => !v)}
        >
          {showDates ? 'Hide dates' : `All ${view.occurrences.length} dates`}
        </Button>
        {writer !== null ? (
          <Button
            appearance="primary"
            size="small"
            aria-describedby={titleId}
            disabled={apply.status === 'applying'}
            icon={apply.status === 'applying' ? <Spinner size="extra-tiny" /> : undefined}
            onClick={() => void useThisTime()}
          >
            Use this time
          </Button>
        ) : null}
      </div>
      {action ? action(titleId) : null}
      {apply.status === 'done' ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Added to your meeting: attendees, time and recurrence.</MessageBarBody>
        </MessageBar>
      ) : null}
      {apply.status === 'failed' ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{userMessageOf(apply.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
    </Card>
  );
};
