import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type React from 'react';
import type { SlotWarning } from '../api/types';

/** A series or a move the scheduling core warned about: what it found, and "Move anyway" (or the caller's words). */
export const SeriesWarnings: React.FC<{
  warnings: readonly SlotWarning[];
  pending: boolean;
  onAccept: () => void;
  title?: string;
  acceptLabel?: string;
}> = ({ warnings, pending, onAccept, title = 'The new time has problems', acceptLabel = 'Move anyway' }) => (
  <MessageBar intent="warning" layout="multiline" role="alert">
    <MessageBarBody>
      <MessageBarTitle>{title}</MessageBarTitle>
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.kind}-${i}`}>{w.message}</li>
        ))}
      </ul>
    </MessageBarBody>
    <MessageBarActions>
      <Button size="small" disabled={pending} onClick={onAccept}>
        {acceptLabel}
      </Button>
    </MessageBarActions>
  </MessageBar>
);
