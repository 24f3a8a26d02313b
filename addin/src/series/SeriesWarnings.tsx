import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type React from 'react';
import type { SlotWarning } from '../api/types';

/** A reschedule the scheduling core warned about: what it found, and "Move anyway". */
export const SeriesWarnings: React.FC<{ warnings: readonly SlotWarning[]; pending: boolean; onAccept: () => void }> = ({ warnings, pending, onAccept }) => (
  <MessageBar intent="warning" layout="multiline" role="alert">
    <MessageBarBody>
      <MessageBarTitle>The new time has problems</MessageBarTitle>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.kind}-${i}`}>{w.message}</li>
        ))}
      </ul>
    </MessageBarBody>
    <MessageBarActions>
      <Button size="small" disabled={pending} onClick={onAccept}>
        Move anyway
      </Button>
    </MessageBarActions>
  </MessageBar>
);
