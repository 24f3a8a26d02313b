import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens, type FieldProps } from '@fluentui/react-components';
import type React from 'react';
import { isApiError, isConcurrencyConflict, leafFieldName } from '../api/problem';
import { ErrorNotice } from './ErrorNotice';
import type { ChangeLine } from '../format/changes';

const useStyles = makeStyles({
  changes: { margin: `${tokens.spacingVerticalXS} 0`, paddingInlineStart: tokens.spacingHorizontalL },
  kept: { margin: 0 },
});

/** The API's messages for one field of the request (keyed by the last part of its path). */
export function fieldMessages(error: unknown, field: string): readonly string[] {
  return isApiError(error) ? error.fieldMessages(field) : [];
}

/** Props for a Fluent Field: the local check's message first, then the API's. */
export function fieldValidation(error: unknown, field: string, local?: string | null): Pick<FieldProps, 'validationState' | 'validationMessage'> {
  const messages = [...(local ? [local] : []), ...fieldMessages(error, field)];
  return messages.length > 0 ? { validationState: 'error', validationMessage: messages.join(' ') } : { validationState: 'none' };
}

/** The change names a 412 carried, in the pane's terms, together with what the pane can see differs itself. */
export function conflictFields(error: unknown, seenDiff: readonly string[]): string[] {
  const fromApi = isConcurrencyConflict(error) ? error.changed.map(leafFieldName) : [];
  const all = [...new Set([...fromApi, ...seenDiff])];
  // A generic "agreement" says less than the agreement fields the pane found itself.
  return all.length > 1 ? all.filter((f) => f !== 'agreement') : all;
}

export interface FormProblemProps {
  error: unknown;
  /** Fields the form shows next to their controls; messages for any other field are shown here. */
  shownFields: readonly string[];
  onRetry?: () => void;
}

/** A failed write that is not a conflict: field messages stay with the fields, the rest is said here. */
export const FormProblem: React.FC<FormProblemProps> = ({ error, shownFields, onRetry }) => {
  if (error === null || error === undefined || isConcurrencyConflict(error)) return null;
  const other = isApiError(error)
    ? Object.entries(error.fieldErrors)
        .filter(([field]) => !shownFields.includes(field))
        .flatMap(([, messages]) => messages)
    : [];
  const onlyShownFields = isApiError(error) && error.kind === 'validation' && other.length === 0;
  if (onlyShownFields) return null;
  return <ErrorNotice error={error} title={other.length > 0 ? other.join(' ') : undefined} onRetry={onRetry} />;
};

export interface ConflictNoticeProps {
  /** "This commitment", "The agreement", … */
  what: string;
  changes: readonly ChangeLine[];
  /** Said when the person's own input is still in the form. */
  keptNote?: string;
  reapplyLabel?: string;
  onReapply?: () => void;
  onDismiss: () => void;
  pending?: boolean;
}

/** A 412: says what the other peer changed, and offers to apply the person's own change on top of it. */
export const ConflictNotice: React.FC<ConflictNoticeProps> = ({ what, changes, keptNote, reapplyLabel, onReapply, onDismiss, pending }) => {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{what} changed while you were working on it</MessageBarTitle>
        {changes.length > 0 ? (
          <ul className={styles.changes} aria-label="What changed">
            {changes.map((c) => (
              <li key={c.field}>{c.text}</li>
            ))}
          </ul>
        ) : (
          ' It now shows the latest version. '
        )}
        {keptNote ? <p className={styles.kept}>{keptNote}</p> : null}
      </MessageBarBody>
      <MessageBarActions>
        {onReapply && reapplyLabel ? (
          <Button size="small" appearance="primary" onClick={onReapply} disabled={pending}>
            {reapplyLabel}
          </Button>
        ) : null}
        <Button size="small" onClick={onDismiss}>
          OK
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
};
