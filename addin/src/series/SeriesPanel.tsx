import {
  Badge,
  Button,
  Card,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { WarningRegular } from '@fluentui/react-icons/svg/warning';
import type React from 'react';
import { useId, useState } from 'react';
import type { Pair } from '../api/pairTypes';
import { isConcurrencyConflict } from '../api/pairsClient';
import { isApiError } from '../api/problem';
import type { SeriesApi } from '../api/seriesClient';
import type { Series, SeriesOccurrence } from '../api/seriesTypes';
import type { Me } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { zoneName } from '../format/time';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { fieldMessagesOf, pastTimeMessage } from '../ui/fieldErrors';
import { useAsync } from '../hooks/useAsync';
import { instantAt, localDateAndTime } from './localTime';
import { SeriesWarnings } from './SeriesWarnings';
import { useAction } from './useAction';
import { defaultEndMessage, nameForMail, nameForUser, seriesPatternLine, sessionWhen, viewerPlace, viewerZone } from './wording';

const useStyles = makeStyles({
  card: { gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM },
  header: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  title: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0, overflowWrap: 'anywhere' },
  subheading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere' },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0, marginTop: '2px' },
  caution: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0, marginTop: '2px' },
  note: { color: tokens.colorNeutralForeground3 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  occurrence: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBlock: tokens.spacingVerticalXS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
});

export interface SeriesPanelProps {
  seriesApi: SeriesApi;
  series: Series;
  pair: Pair | null;
  me: Me;
  /** The series as the API answered after a change (or a 412's current version). */
  onChange: (series: Series) => void;
  /** Says "Created" above the details, right after the click. */
  justCreated?: boolean;
  headingRef?: React.Ref<HTMLHeadingElement>;
}

/** A pair's series: the Teams meeting and the shared agenda, who can open it, and (for the organizer) its management. */
export const SeriesPanel: React.FC<SeriesPanelProps> = ({ seriesApi, series, pair, me, onChange, justCreated, headingRef }) => {
  const styles = useStyles();
  const headingId = useId();
  const zone = viewerZone(me, series);
  const page = series.firstSession?.agendaPage ?? null;
  const organizer = series.organizerId === me.id;
  const refresh = useAction();

  return (
    <Card className={styles.card} role="region" aria-labelledby={headingId} data-testid="series-panel" data-status={series.status}>
      <div className={styles.header}>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
          {series.subject}
        </h2>
        <Badge appearance="tint" color={series.status === 'active' ? 'success' : series.status === 'ended' ? 'informative' : 'warning'}>
          {series.status === 'active' ? 'Active' : series.status === 'ended' ? 'Ended' : 'Being set up'}
        </Badge>
      </div>
      {justCreated ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Created: the meeting is in everyone’s calendar and the agenda is shared.</MessageBarBody>
        </MessageBar>
      ) : null}
      <Text size={200}>{seriesPatternLine(series)}</Text>
      {series.firstSession ? (
        <Text size={200}>
          First session: {sessionWhen(series.firstSession.start, series.firstSession.end, zone, viewerPlace(me))}. {nameForUser(pair, series.firstSession.focusUserId, me)}{' '}
          {series.firstSession.focusUserId === me.id ? 'take' : 'takes'} the focus first.
        </Text>
      ) : null}

      <ul className={styles.list} aria-label="Links">
        {series.event.joinUrl ? (
          <li>
            <Link href={series.event.joinUrl} target="_blank" rel="noopener noreferrer">
              Join the Teams meeting
            </Link>
          </li>
        ) : null}
        {series.event.webLink ? (
          <li>
            <Link href={series.event.webLink} target="_blank" rel="noopener noreferrer">
              Open the meeting in Outlook
            </Link>
          </li>
        ) : null}
        {page ? (
          <li>
            <Link href={page.webUrl} target="_blank" rel="noopener noreferrer">
              Open the agenda in OneNote
            </Link>{' '}
            <Text size={200}>
              (
              <Link href={page.clientUrl} aria-label="Open the agenda in the OneNote app">
                in the OneNote app
              </Link>
              )
            </Text>
          </li>
        ) : null}
        {series.agenda.notebookWebUrl ? (
          <li>
            <Link href={series.agenda.notebookWebUrl} target="_blank" rel="noopener noreferrer">
              The pair’s notebook
            </Link>
          </li>
        ) : null}
      </ul>

      {series.agenda.sharedWith.length > 0 ? (
        <section aria-label="Agenda shared with">
          <Text size={200} weight="semibold">
            Agenda shared with
          </Text>
          <ul className={styles.list}>
            {series.agenda.sharedWith.map((person) => (
              <li key={person.mail} className={styles.item} data-testid="shared-with" data-verified={person.verified}>
                {person.verified ? <CheckmarkCircleRegular className={styles.ok} aria-hidden /> : <WarningRegular className={styles.caution} aria-hidden />}
                <Text size={200}>
                  {nameForMail(pair, person.mail)} ({person.mail}):{' '}
                  {person.verified
                    ? 'can edit'
                    : 'invited, but access is not confirmed yet. Ask them to open the notebook link; if they cannot, share it again from OneNote.'}
                </Text>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {series.status === 'creating' ? (
        <div className={styles.actions}>
          <Text size={200}>Still being set up.</Text>
          <Button
            size="small"
            disabled={refresh.pending}
            onClick={() => void refresh.run(async (signal) => onChange(await seriesApi.getSeries(series.pairId, series.id, signal)))}
          >
            Check again
          </Button>
        </div>
      ) : null}
      {refresh.error ? <ErrorNotice error={refresh.error} /> : null}

      {series.status === 'ended' ? (
        <Text size={200}>
          Ended{series.endMessage ? ` with this message: “${series.endMessage}”` : '.'} You can create a new series from a suggested time.
        </Text>
      ) : null}

      {series.status === 'active' && organizer ? <ManageSeries seriesApi={seriesApi} series={series} me={me} zone={zone} onChange={onChange} /> : null}
      {series.status === 'active' && !organizer ? (
        <Text size={200} className={styles.note}>
          {nameForUser(pair, series.organizerId, me)} organizes the meeting in Outlook, so only they can move or cancel sessions.
        </Text>
      ) : null}
    </Card>
  );
};

/** A failure next to a form: a 400's field messages when the API gave some, else the sentence for the error. */
const FormError: React.FC<{ error: unknown }> = ({ error }) => {
  const messages = isApiError(error) ? Object.values(error.fieldErrors).flat() : [];
  return messages.length > 0 ? (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{messages.join(' ')}</MessageBarBody>
    </MessageBar>
  ) : (
    <ErrorNotice error={error} />
  );
};

interface ManageProps {
  seriesApi: SeriesApi;
  series: Series;
  me: Me;
  zone: string;
  onChange: (series: Series) => void;
}

type Open = null | 'move' | 'end';

const ManageSeries: React.FC<ManageProps> = ({ seriesApi, series, me, zone, onChange }) => {
  const styles = useStyles();
  const [open, setOpen] = useState<Open>(null);
  // A reload keeps the rows (and anything typed in them) on screen until the new list arrives.
  const occurrences = useAsync((signal) => seriesApi.listOccurrences(series.pairId, series.id, {}, signal), [seriesApi, series.pairId, series.id, series.etag], {
    keepPreviousData: true,
  });

  return (
    <section aria-label="Manage the series" className={styles.form}>
      <h3 className={styles.subheading}>Manage the series</h3>
      <div className={styles.actions}>
        <Button size="small" aria-expanded={open === 'move'} onClick={() => setOpen(open === 'move' ? null : 'move')}>
          Move the whole series
        </Button>
        <Button size="small" aria-expanded={open === 'end'} onClick={() => setOpen(open === 'end' ? null : 'end')}>
          End the series…
        </Button>
      </div>
      {/* Closed forms stay mounted (hidden) so that what was typed in them survives closing and reopening. */}
      <div hidden={open !== 'move'}>
        <MoveSeriesForm seriesApi={seriesApi} series={series} onChange={onChange} onClose={() => setOpen(null)} />
      </div>
      <div hidden={open !== 'end'}>
        <EndSeriesForm seriesApi={seriesApi} series={series} onChange={onChange} onClose={() => setOpen(null)} />
      </div>

      <h3 className={styles.subheading}>Next sessions</h3>
      {occurrences.loading && !occurrences.data ? <Spinner size="tiny" label="Loading sessions…" /> : null}
      {occurrences.error ? <ErrorNotice error={occurrences.error} onRetry={occurrences.reload} /> : null}
      {occurrences.data && occurrences.data.length === 0 ? <Text size={200}>No sessions in the next 90 days.</Text> : null}
      {occurrences.data && occurrences.data.length > 0 ? (
        <ol className={styles.list} aria-label="Next sessions">
          {occurrences.data.map((o) => (
            <OccurrenceRow key={o.id} seriesApi={seriesApi} series={series} occurrence={o} zone={zone} place={viewerPlace(me)} onDone={occurrences.reload} />
          ))}
        </ol>
      ) : null}
    </section>
  );
};

const MoveSeriesForm: React.FC<{ seriesApi: SeriesApi; series: Series; onChange: (s: Series) => void; onClose: () => void }> = ({
  seriesApi,
  series,
  onChange,
  onClose,
}) => {
  const styles = useStyles();
  const [date, setDate] = useState(series.firstStart.slice(0, 10));
  const [time, setTime] = useState(series.firstStart.slice(11, 16));
  const action = useAction();
  const [conflictNote, setConflictNote] = useState<string | null>(null);

  const submit = (acceptWarnings: boolean) =>
    void action
      .run(async (signal) => {
        try {
          onChange(await seriesApi.rescheduleSeries(series, { firstStart: `${date}T${time}:00`, ...(acceptWarnings ? { acceptWarnings } : {}) }, signal));
        } catch (error) {
          if (isConcurrencyConflict(error) && error.current) {
            onChange(error.current as Series);
            setConflictNote('The series changed while you were working on it; it now shows the latest version. Check the time and move it again.');
          }
          throw error;
        }
      })
      .then((ok) => {
        if (ok) {
          setConflictNote(null);
          onClose();
        }
      });

  const fieldErrors = (field: string): readonly string[] => fieldMessagesOf(action.error, field);
  return (
    <form
      className={styles.form}
      aria-label="Move the whole series"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <Text size={200} className={styles.note}>
        The new first session, in {zoneName(series.anchorTimeZone)} (where the series is anchored). Every later session moves with it.
      </Text>
      <div className={styles.row}>
        <Field label="Date" validationState={fieldErrors('firstStart').length > 0 ? 'error' : 'none'} validationMessage={fieldErrors('firstStart').join(' ') || undefined}>
          <Input type="date" value={date} onChange={(_e, d) => setDate(d.value)} />
        </Field>
        <Field label="Start time">
          <Input type="time" value={time} onChange={(_e, d) => setTime(d.value)} />
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={action.pending || date === '' || time === ''}>
          Move series
        </Button>
        <Button size="small" onClick={onClose}>
          Keep it as it is
        </Button>
      </div>
      {action.warnings ? <SeriesWarnings warnings={action.warnings} pending={action.pending} onAccept={() => submit(true)} /> : null}
      {conflictNote ? <Text size={200}>{conflictNote}</Text> : null}
      {action.error && fieldErrors('firstStart').length === 0 ? <FormError error={action.error} /> : null}
    </form>
  );
};

const EndSeriesForm: React.FC<{ seriesApi: SeriesApi; series: Series; onChange: (s: Series) => void; onClose: () => void }> = ({
  seriesApi,
  series,
  onChange,
  onClose,
}) => {
  const styles = useStyles();
  const [message, setMessage] = useState(defaultEndMessage);
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (message.trim() === '') {
      setLocalError('Write a few words to your peers; they will read them at the top of the invitation.');
      return;
    }
    setLocalError(null);
    setConfirming(true);
  };
  const end = () => {
    setConfirming(false);
    void action.run(async (signal) => {
      try {
        onChange(await seriesApi.endSeries(series, message.trim(), signal));
      } catch (error) {
        if (isConcurrencyConflict(error) && error.current) onChange(error.current as Series);
        throw error;
      }
    });
  };

  const fieldError = localError ?? (isApiError(action.error) ? action.error.fieldMessages('message').join(' ') : '');
  return (
    <form className={styles.form} aria-label="End the series" noValidate onSubmit={submit}>
      <Text size={200} className={styles.note}>
        Sessions already held stay in everyone’s calendar; the later ones are removed. Your message goes at the top of the invitation.
      </Text>
      <Field label="Message to your peers" validationState={fieldError ? 'error' : 'none'} validationMessage={fieldError || undefined}>
        <Textarea value={message} maxLength={2000} resize="vertical" onChange={(_e, d) => setMessage(d.value)} />
      </Field>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" size="small" disabled={action.pending}>
          End the series
        </Button>
        <Button size="small" onClick={onClose}>
          Keep it going
        </Button>
      </div>
      {action.error && !fieldError ? <FormError error={action.error} /> : null}
      <ConfirmDialog
        open={confirming}
        title="End the series?"
        confirmLabel="End the series"
        keepLabel="Keep it going"
        onConfirm={end}
        onKeep={() => setConfirming(false)}
      >
        Every session after today is removed from everyone’s calendar, and your message goes to your peers. This cannot be undone.
      </ConfirmDialog>
    </form>
  );
};

type RowOpen = null | 'move' | 'cancel';

const OccurrenceRow: React.FC<{
  seriesApi: SeriesApi;
  series: Series;
  occurrence: SeriesOccurrence;
  zone: string;
  place: string | null;
  onDone: () => void;
}> = ({
  seriesApi,
  series,
  occurrence,
  zone,
  place,
  onDone,
}) => {
  const styles = useStyles();
  const titleId = useId();
  // One form at a time, and only the one whose action was chosen; what was typed lives here, so closing keeps it.
  const [open, setOpen] = useState<RowOpen>(null);
  const initial = localDateAndTime(occurrence.start, zone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [comment, setComment] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [pastTime, setPastTime] = useState(false);
  const moving = useAction();
  const cancelling = useAction();
  const when = sessionWhen(occurrence.start, occurrence.end, zone, place);

  const move = (acceptWarnings: boolean) => {
    const start = instantAt(date, time, zone);
    // Said at once, in the person's words, instead of a round trip to the API's "start must be in the future."
    if (Date.parse(start) <= Date.now()) {
      setPastTime(true);
      return;
    }
    setPastTime(false);
    void moving
      .run((signal) => seriesApi.rescheduleOccurrence(series, { occurrenceId: occurrence.id, start, ...(acceptWarnings ? { acceptWarnings } : {}) }, signal))
      .then((ok) => {
        if (!ok) return;
        setOpen(null);
        onDone();
      });
  };
  const cancel = () => {
    setConfirmingCancel(false);
    void cancelling
      .run((signal) => seriesApi.cancelOccurrence(series, { occurrenceId: occurrence.id, ...(comment.trim() ? { comment: comment.trim() } : {}) }, signal))
      .then((ok) => {
        if (!ok) return;
        setOpen(null);
        setComment('');
        onDone();
      });
  };
  const choose = (next: RowOpen) => {
    setOpen(open === next ? null : next);
    moving.clear();
    cancelling.clear();
    setPastTime(false);
  };

  const startErrors = pastTime ? [pastTimeMessage] : fieldMessagesOf(moving.error, 'start');
  return (
    <li className={styles.occurrence} data-testid="occurrence">
      <Text id={titleId} size={200}>
        {when}
        {occurrence.isException ? ' (moved)' : ''}
      </Text>
      <div className={styles.actions}>
        <Button size="small" appearance="subtle" aria-describedby={titleId} aria-expanded={open === 'move'} onClick={() => choose('move')}>
          Move
        </Button>
        <Button size="small" appearance="subtle" aria-describedby={titleId} aria-expanded={open === 'cancel'} onClick={() => choose('cancel')}>
          Cancel session
        </Button>
      </div>
      {open === 'move' ? (
        <form
          className={styles.form}
          aria-label={`Move the session of ${when}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            move(false);
          }}
        >
          <div className={styles.row}>
            <Field
              label={`Date (${zoneName(zone, place)})`}
              validationState={startErrors.length > 0 ? 'error' : 'none'}
              validationMessage={startErrors.length > 0 ? startErrors.join(' ') : undefined}
            >
              <Input type="date" value={date} onChange={(_e, d) => setDate(d.value)} />
            </Field>
            <Field label="Start time">
              <Input type="time" value={time} onChange={(_e, d) => setTime(d.value)} />
            </Field>
          </div>
          <Button type="submit" size="small" appearance="primary" disabled={moving.pending || date === '' || time === ''}>
            Move this session
          </Button>
          {moving.warnings ? <SeriesWarnings warnings={moving.warnings} pending={moving.pending} onAccept={() => move(true)} /> : null}
          {moving.error && fieldMessagesOf(moving.error, 'start').length === 0 ? <FormError error={moving.error} /> : null}
        </form>
      ) : null}
      {open === 'cancel' ? (
        <form
          className={styles.form}
          aria-label={`Cancel the session of ${when}`}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setConfirmingCancel(true);
          }}
        >
          <Field label="Message to your peers (optional)">
            <Textarea value={comment} maxLength={1000} onChange={(_e, d) => setComment(d.value)} />
          </Field>
          <Button type="submit" size="small" appearance="primary" disabled={cancelling.pending}>
            Cancel this session
          </Button>
          {cancelling.error ? <FormError error={cancelling.error} /> : null}
          <ConfirmDialog
            open={confirmingCancel}
            title="Cancel this session?"
            confirmLabel="Cancel the session"
            keepLabel="Keep it"
            onConfirm={cancel}
            onKeep={() => setConfirmingCancel(false)}
          >
            The session of {when} is removed from everyone’s calendar{comment.trim() ? ', with your message' : ''}. The rest of the series stays.
          </ConfirmDialog>
        </form>
      ) : null}
    </li>
  );
};
