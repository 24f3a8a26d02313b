import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import type React from 'react';
import { useMemo } from 'react';
import type { Suggestion, SuggestionsResponse } from '../api/types';
import type { AppointmentWriter, Attendee } from '../office';
import { durationLabel, longestOfferedLength } from '../format/sessionOptions';
import { SlotCard } from './SlotCard';
import { answerDirectory, directoryKey, slotView, withNames, type PeopleDirectory } from './slotView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  summary: { color: tokens.colorNeutralForeground3 },
  // On its own line: the reason that follows is a sentence of its own.
  emptyTitle: { display: 'block', marginBottom: tokens.spacingVerticalXXS },
});

/** Another action on a slot card (e.g. "Create series"), given the slot and the id of the card's title. */
export type SlotAction = (suggestion: Suggestion, titleId: string) => React.ReactNode;

export interface SlotListProps {
  response: SuggestionsResponse;
  /** What the pane knows about people; the answer's own names and offices take precedence. */
  people: PeopleDirectory;
  viewerTimeZone: string;
  writer: AppointmentWriter | null;
  /** True in a plain browser or outside a meeting being composed: says where "Use this time" lives. */
  showOutlookHint: boolean;
  /** Asks again with a shorter session, when the answer says one would fit. */
  onTryLength?: (minutes: number) => void;
  slotAction?: SlotAction;
}

/** When nothing is humane: why, in the service's words, and a shorter session to try when one would fit. */
const NoSuggestions: React.FC<{ response: SuggestionsResponse; people: PeopleDirectory; onTryLength?: (minutes: number) => void }> = ({
  response,
  people,
  onTryLength,
}) => {
  const styles = useStyles();
  const shorter = longestOfferedLength(response.noSuggestionsDetail?.shorterSessionMinutes);
  const reason = response.noSuggestionsReason?.trim();
  return (
    <MessageBar intent="warning" layout="multiline" role="status" data-testid="no-suggestions">
      <MessageBarBody>
        <MessageBarTitle className={styles.emptyTitle}>No time to suggest</MessageBarTitle>
        {reason ? withNames(reason, people) : 'No recurring time works for everyone in the next months. Try fewer people in one series, or a shorter session.'}
      </MessageBarBody>
      {shorter !== null && onTryLength ? (
        <MessageBarActions>
          <Button size="small" onClick={() => onTryLength(shorter)}>
            Try {durationLabel(shorter)}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
};

/** The ranked slots, best first. */
export const SlotList: React.FC<SlotListProps> = ({ response, people: known, viewerTimeZone, writer, showOutlookHint, onTryLength, slotAction }) => {
  const styles = useStyles();
  const people = useMemo(() => answerDirectory(response, known), [response, known]);
  const order = useMemo(
    () => [response.organizer, ...response.participants.map((p) => p.mail).filter((m) => directoryKey(m) !== directoryKey(response.organizer))],
    [response],
  );
  const attendees: Attendee[] = useMemo(
    () =>
      response.participants
        .filter((p) => directoryKey(p.mail) !== directoryKey(response.organizer))
        .map((p) => ({ emailAddress: p.mail, displayName: people.get(directoryKey(p.mail))?.displayName ?? p.mail })),
    [response, people],
  );
  const subject = `Peer mentoring: ${[response.organizer, ...attendees.map((a) => a.emailAddress)]
    .map((m) => people.get(directoryKey(m))?.displayName.split(/\s+/)[0] ?? m.split('@')[0])
    .join(', ')}`;
  const comfortableCount = response.suggestions.filter((s) => s.comfortable).length;

  if (response.suggestions.length === 0) {
    return <NoSuggestions response={response} people={people} onTryLength={onTryLength} />;
  }

  return (
    <section className={styles.root} aria-labelledby="slot-list-heading">
      <h2 id="slot-list-heading" className={styles.heading}>
        Suggested times
      </h2>
      <Text size={200} className={styles.summary} role="status">
        {response.suggestions.length} {response.suggestions.length === 1 ? 'option' : 'options'}, {comfortableCount} inside everyone’s working
        hours.
      </Text>
      {!response.hasComfortableSlots ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            No time fits everyone’s working hours for the whole series. These options share the inconvenience as fairly as possible.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {showOutlookHint ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>To add a time to an invitation, open PeerMentor365 from a new meeting in Outlook.</MessageBarBody>
        </MessageBar>
      ) : null}
      <ol className={styles.list} aria-label="Suggested times, best first">
        {response.suggestions.map((suggestion) => (
          <li key={`${suggestion.rank}-${suggestion.recurrence.firstStart}-${suggestion.recurrence.anchorTimeZone}`}>
            <SlotCard
              suggestion={suggestion}
              view={slotView(suggestion, people, order, viewerTimeZone)}
              writer={writer}
              attendees={attendees}
              subjectIfEmpty={subject}
              {...(slotAction ? { action: (titleId: string) => slotAction(suggestion, titleId) } : {})}
            />
          </li>
        ))}
      </ol>
    </section>
  );
};
