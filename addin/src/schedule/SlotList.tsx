import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type React from 'react';
import { useMemo } from 'react';
import type { SuggestionsResponse } from '../api/types';
import type { AppointmentWriter, Attendee } from '../office';
import { SlotCard } from './SlotCard';
import { directoryKey, slotView, type PeopleDirectory } from './slotView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  summary: { color: tokens.colorNeutralForeground3 },
});

export interface SlotListProps {
  response: SuggestionsResponse;
  people: PeopleDirectory;
  viewerTimeZone: string;
  writer: AppointmentWriter | null;
  /** True in a plain browser or outside a meeting being composed: says where "Use this time" lives. */
  showOutlookHint: boolean;
}

/** The ranked slots, best first. */
export const SlotList: React.FC<SlotListProps> = ({ response, people, viewerTimeZone, writer, showOutlookHint }) => {
  const styles = useStyles();
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
    return (
      <MessageBar intent="warning" layout="multiline" role="status">
        <MessageBarBody>
          No recurring time works for everyone in the next months. Try a shorter session, another cadence, or fewer peers.
        </MessageBarBody>
      </MessageBar>
    );
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
            />
          </li>
        ))}
      </ol>
    </section>
  );
};
