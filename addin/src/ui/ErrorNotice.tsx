import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type React from 'react';
import { userMessageOf } from './userMessage';

export interface ErrorNoticeProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failure, said in words, with an optional way to try again. */
export const ErrorNotice: React.FC<ErrorNoticeProps> = ({ error, title, onRetry }) => (
  <MessageBar intent="error" layout="multiline" role="alert">
    <MessageBarBody>
      {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
      {userMessageOf(error)}
    </MessageBarBody>
    {onRetry ? (
      <MessageBarActions>
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      </MessageBarActions>
    ) : null}
  </MessageBar>
);
