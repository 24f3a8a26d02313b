import { Button, Field, makeStyles, Select, Spinner, tokens } from '@fluentui/react-components';
import { CalendarSearchRegular } from '@fluentui/react-icons/svg/calendar-search';
import type React from 'react';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { isApiError } from '../api/problem';
import type { Cadence, Me, Person, SuggestionsRequest, SuggestionsResponse } from '../api/types';
import { ErrorNotice } from '../ui/ErrorNotice';
import { needsSignIn } from '../ui/userMessage';
import { useSuggestions } from '../hooks/useApi';
import type { AppointmentWriter } from '../office';
import { cadenceOptions, defaultCadence, defaultDurationMinutes, durationLabel, durationOptions } from '../format/sessionOptions';
import { PeoplePicker } from '../ui/PeoplePicker';
import type { SlotAction } from './SlotList';
import { directoryKey, type PersonLabel } from './slotView';

// The results (cards, badges, date lists) are not part of the form: they load when a search starts, beside its request.
const loadSlotList = () => import('./SlotList');
const SlotList = lazy(() => loadSlotList().then((m) => ({ default: m.SlotList })));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalM,
  },
  // Grid items default to their content's width; a long option label must not push the other field aside.
  field: { minWidth: 0 },
  // A native select is as wide as its longest option unless told otherwise.
  selectRoot: { minWidth: 0 },
  select: { minWidth: 0, width: '100%' },
  loading: { paddingBlock: tokens.spacingVerticalL },
});

/** Request fields the form shows next to its own controls; any other field error is shown above the results. */
const formFields = ['peers', 'durationMinutes', 'cadence'] as const;

/** Sessions are dated in the organizer's zone: the mailbox's, else the one the service used for them. */
function viewerTimeZone(me: Me, response: SuggestionsResponse): string {
  return me.timeZone ?? response.participants.find((p) => directoryKey(p.mail) === directoryKey(response.organizer))?.timeZone ?? 'UTC';
}

/**
 * What the pane may wrap around the found slots without the Schedule view knowing it: something above them and an
 * action on each card (App puts a pair's series and "Create series" here), given the people of the last search.
 */
export interface SlotsFrameProps {
  me: Me;
  /** The mail addresses the slots on screen were found for; null while there are none. */
  peers: readonly string[] | null;
  /** Draws the slots, with an action on each card when given. */
  children: (slotAction?: SlotAction) => React.ReactNode;
}

export interface ScheduleViewProps {
  api: ApiClient;
  me: Me;
  writer: AppointmentWriter | null;
  showOutlookHint: boolean;
  /** Called when the API says the sign-in is no longer valid. */
  onSignInNeeded?: () => void;
  peopleSearchDebounceMs?: number;
  /** Wraps the slots (see SlotsFrameProps). */
  slotsFrame?: React.ComponentType<SlotsFrameProps>;
}

/** Pick peers, cadence and length; find and show recurring slots that are humane for everyone. */
export const ScheduleView: React.FC<ScheduleViewProps> = ({ api, me, writer, showOutlookHint, onSignInNeeded, peopleSearchDebounceMs, slotsFrame: SlotsFrame }) => {
  const styles = useStyles();
  const [peers, setPeers] = useState<Person[]>([]);
  const [cadence, setCadence] = useState<Cadence>(defaultCadence);
  const [durationMinutes, setDurationMinutes] = useState(defaultDurationMinutes);
  const [request, setRequest] = useState<SuggestionsRequest | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const suggestions = useSuggestions(api, request);

  // People seen so far, so that a slot can name everyone even after the picker changed.
  const [known, setKnown] = useState<ReadonlyMap<string, PersonLabel>>(new Map());
  const people = useMemo(() => {
    const map = new Map(known);
    map.set(directoryKey(me.mail), { displayName: me.displayName, place: me.officeLocation ?? null });
    return map;
  }, [known, me]);

  const onPeersChange = (next: Person[]) => {
    setPeers(next);
    setLocalError(null);
    setKnown((previous) => {
      const map = new Map(previous);
      for (const p of next) map.set(directoryKey(p.mail), { displayName: p.displayName, place: p.officeLocation ?? null });
      return map;
    });
  };

  const findTimes = (event: React.FormEvent) => {
    event.preventDefault();
    if (peers.length === 0) {
      setLocalError('Choose at least one peer.');
      return;
    }
    setLocalError(null);
    void loadSlotList();
    setRequest({ peers: peers.map((p) => p.mail), cadence, durationMinutes });
  };

  // The answer said a shorter session would fit: ask again for the same people and cadence, and show the new length.
  const tryLength = (minutes: number) => {
    setDurationMinutes(minutes);
    setRequest((previous) => (previous === null ? previous : { ...previous, durationMinutes: minutes }));
  };

  const apiError = suggestions.error;
  useEffect(() => {
    if (needsSignIn(apiError)) onSignInNeeded?.();
  }, [apiError, onSignInNeeded]);
  const fieldErrors = (field: string): readonly string[] => (isApiError(apiError) ? apiError.fieldMessages(field) : []);
  const hasFormFieldErrors = formFields.some((f) => fieldErrors(f).length > 0);
  const otherFieldErrors = isApiError(apiError)
    ? Object.entries(apiError.fieldErrors)
        .filter(([field]) => !(formFields as readonly string[]).includes(field))
        .flatMap(([, messages]) => messages)
    : [];
  const peerErrors = localError !== null ? [localError, ...fieldErrors('peers')] : fieldErrors('peers');

  const slots = (slotAction?: SlotAction) =>
    suggestions.data ? (
      <Suspense fallback={<Spinner className={styles.loading} size="small" label="Finding times that suit everyone…" />}>
        <SlotList
          response={suggestions.data}
          people={people}
          viewerTimeZone={viewerTimeZone(me, suggestions.data)}
          writer={writer}
          showOutlookHint={showOutlookHint}
          onTryLength={tryLength}
          {...(slotAction ? { slotAction } : {})}
        />
      </Suspense>
    ) : null;

  return (
    <div className={styles.root}>
      <form className={styles.form} onSubmit={findTimes} aria-label="Find a recurring time" noValidate>
        <PeoplePicker api={api} selected={peers} onChange={onPeersChange} errors={peerErrors} debounceMs={peopleSearchDebounceMs} />
        <div className={styles.row}>
          <Field
            className={styles.field}
            label="How often"
            validationState={fieldErrors('cadence').length > 0 ? 'error' : 'none'}
            validationMessage={fieldErrors('cadence').join(' ') || undefined}
          >
            <Select root={{ className: styles.selectRoot }} className={styles.select} value={cadence} onChange={(_e, data) => setCadence(data.value as Cadence)}>
              {cadenceOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            className={styles.field}
            label="Length"
            validationState={fieldErrors('durationMinutes').length > 0 ? 'error' : 'none'}
            validationMessage={fieldErrors('durationMinutes').join(' ') || undefined}
          >
            <Select root={{ className: styles.selectRoot }} className={styles.select} value={String(durationMinutes)} onChange={(_e, data) => setDurationMinutes(Number(data.value))}>
              {durationOptions.map((minutes) => (
                <option key={minutes} value={minutes}>
                  {durationLabel(minutes)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Button type="submit" appearance="primary" icon={<CalendarSearchRegular />} disabled={suggestions.loading}>
          Find times
        </Button>
      </form>

      {suggestions.loading ? <Spinner className={styles.loading} size="small" label="Finding times that suit everyone…" /> : null}
      {apiError && !hasFormFieldErrors ? (
        <ErrorNotice
          error={apiError}
          title={otherFieldErrors.length > 0 ? otherFieldErrors.join(' ') : undefined}
          onRetry={isApiError(apiError) && apiError.kind !== 'validation' ? suggestions.reload : undefined}
        />
      ) : null}
      {SlotsFrame ? (
        <SlotsFrame me={me} peers={suggestions.data ? (request?.peers ?? null) : null}>
          {slots}
        </SlotsFrame>
      ) : (
        slots()
      )}
    </div>
  );
};
