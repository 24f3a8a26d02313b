import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { CalendarAddRegular } from '@fluentui/react-icons/svg/calendar-add';
import type React from 'react';
import { useId, useRef, useState } from 'react';
import type { Pair } from '../api/pairTypes';
import { isApiError } from '../api/problem';
import { isSeriesConflict, type SeriesApi } from '../api/seriesClient';
import type { Series } from '../api/seriesTypes';
import type { Suggestion } from '../api/types';
import { userMessageOf } from '../ui/userMessage';
import { createSeriesWithRetries, newIdempotencyKey, seriesRequestFor, type Sleep } from './createSeries';
import { SeriesWarnings } from './SeriesWarnings';
import { agreementLine } from './wording';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, width: '100%' },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  note: { color: tokens.colorNeutralForeground3 },
});

export interface CreateSeriesButtonProps {
  seriesApi: Pick<SeriesApi, 'createSeries'>;
  pair: Pair;
  suggestion: Suggestion;
  /** The created series (or the pair's existing one, found through a 409). */
  onCreated: (series: Series) => void;
  /** The pair already has a series: show that one instead. */
  onExisting: (seriesId: string) => void;
  describedBy?: string;
  sleep?: Sleep;
  newKey?: () => string;
}

type State = { status: 'idle' } | { status: 'creating'; retrying: boolean } | { status: 'failed'; error: unknown };

/**
 * "Create series" for one suggested slot: one click sets up the recurring Teams meeting and the shared agenda. The
 * Idempotency-Key is made once for this slot and sent again on every retry and every later click, so a double click,
 * a timeout or a repeat never makes a second series.
 */
export const CreateSeriesButton: React.FC<CreateSeriesButtonProps> = ({
  seriesApi,
  pair,
  suggestion,
  onCreated,
  onExisting,
  describedBy,
  sleep,
  newKey = newIdempotencyKey,
}) => {
  const styles = useStyles();
  const noteId = useId();
  const key = useRef<string | null>(null);
  const inFlight = useRef(false);
  const [state, setState] = useState<State>({ status: 'idle' });

  // acceptWarnings: the person saw the API's warnings about some of the sessions (the API checks every one before it
  // writes anything) and creates the series anyway. The same Idempotency-Key: it is still the same intent.
  const create = async (acceptWarnings = false) => {
    // A second click while the first is on its way does nothing: the button is disabled, and this catches a click
    // that arrives before React has re-rendered it.
    if (inFlight.current) return;
    inFlight.current = true;
    key.current ??= newKey();
    setState({ status: 'creating', retrying: false });
    try {
      const created = await createSeriesWithRetries(seriesApi, pair.id, { ...seriesRequestFor(suggestion, pair), ...(acceptWarnings ? { acceptWarnings } : {}) }, key.current, {
        ...(sleep ? { sleep } : {}),
        onRetry: () => setState({ status: 'creating', retrying: true }),
      });
      setState({ status: 'idle' });
      onCreated(created.series);
    } catch (error) {
      setState({ status: 'failed', error });
      if (isSeriesConflict(error) && error.existingSeriesId !== null) onExisting(error.existingSeriesId);
    } finally {
      inFlight.current = false;
    }
  };

  const error = state.status === 'failed' ? state.error : null;
  const fieldMessages = isApiError(error) ? Object.values(error.fieldErrors).flat() : [];

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button
          appearance="primary"
          size="small"
          icon={state.status === 'creating' ? <Spinner size="extra-tiny" /> : <CalendarAddRegular />}
          disabled={state.status === 'creating'}
          aria-describedby={[describedBy, noteId].filter(Boolean).join(' ')}
          onClick={() => void create()}
        >
          Create series
        </Button>
        <Text id={noteId} size={200} className={styles.note}>
          {agreementLine(pair)}, as agreed
        </Text>
      </div>
      {state.status === 'creating' ? (
        <Text size={200} role="status">
          {state.retrying ? 'Microsoft 365 is busy; still setting up the meeting and the agenda…' : 'Setting up the Teams meeting and the shared agenda…'}
        </Text>
      ) : null}
      {isSeriesConflict(error) && error.warnings.length > 0 ? (
        <SeriesWarnings
          warnings={error.warnings}
          pending={state.status === 'creating'}
          onAccept={() => void create(true)}
          title="Some sessions of this series have problems"
          acceptLabel="Create anyway"
          people={pair.members}
        />
      ) : error !== null ? (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            {fieldMessages.length > 0 ? fieldMessages.join(' ') : userMessageOf(error)}
            {isSeriesConflict(error) && error.existingSeriesId !== null ? null : ' Press "Create series" again to retry; it will not make a second one.'}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
};
