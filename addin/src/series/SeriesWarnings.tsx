import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type React from 'react';
import type { SlotWarning } from '../api/types';
import { warningLines } from '../format/holidays';
import { firstName } from '../format/time';

/**
 * A series or a move the scheduling core warned about: what it found, one line per fact, and "Move anyway" (or the
 * caller's words). `people` (the pair's members) name whom a public holiday keeps away.
 */
export const SeriesWarnings: React.FC<{
  warnings: readonly SlotWarning[];
  pending: boolean;
  onAccept: () => void;
  title?: string;
  acceptLabel?: string;
  people?: readonly { mail: string; displayName: string }[];
}> = ({ warnings, pending, onAccept, title = 'The new time has problems', acceptLabel = 'Move anyway', people = [] }) => {
  const nameOf = (mail: string) => {
    const person = people.find((p) => p.mail.toLowerCase() === mail.toLowerCase());
    return person ? firstName(person.displayName, person.mail) : null;
  };
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <ul>
          {warnings.flatMap((w, i) => warningLines(w, nameOf).map((line, j) => <li key={`${w.kind}-${i}-${j}`}>{line}</li>))}
        </ul>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" disabled={pending} onClick={onAccept}>
          {acceptLabel}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
};
