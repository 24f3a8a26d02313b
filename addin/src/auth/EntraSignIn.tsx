import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { PersonArrowRightRegular } from '@fluentui/react-icons/svg/person-arrow-right';
import type React from 'react';
import { useEffect, useRef, useState } from 'react';
import type { EntraAuth } from './entraAuth';
import { isAuthError, type SignedInAccount } from './types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  note: { color: tokens.colorNeutralForeground3 },
});

export interface EntraSignInProps {
  auth: Pick<EntraAuth, 'signIn' | 'signedOutByUser'>;
  onSignedIn: (account: SignedInAccount) => void;
  /** Why the person is asked to sign in again, if they were signed in before. */
  reason?: string | null;
}

type State = { status: 'quiet' } | { status: 'waiting' } | { status: 'interactive' } | { status: 'failed'; error: unknown };

const messageOf = (error: unknown) =>
  isAuthError(error) ? error.userMessage : 'Something unexpected went wrong while signing you in. Press "Sign in" to try again.';

/**
 * Microsoft 365 sign-in: first without a click (Office's broker or single sign-on), then, when that cannot work,
 * a "Sign in" button that opens Microsoft's sign-in window. After "Sign out" it waits for the button.
 */
export const EntraSignIn: React.FC<EntraSignInProps> = ({ auth, onSignedIn, reason }) => {
  const styles = useStyles();
  const [state, setState] = useState<State>(() => (auth.signedOutByUser() || reason ? { status: 'waiting' } : { status: 'quiet' }));
  const started = useRef(false);

  useEffect(() => {
    if (state.status !== 'quiet' || started.current) return;
    started.current = true;
    let live = true;
    auth.signIn({ interactive: false }).then(
      (account) => live && onSignedIn(account),
      (error: unknown) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [auth, onSignedIn, state.status]);

  const signIn = async () => {
    setState({ status: 'interactive' });
    try {
      onSignedIn(await auth.signIn({ interactive: true }));
    } catch (error) {
      setState({ status: 'failed', error });
    }
  };

  const failure = state.status === 'failed' ? state.error : null;
  // "Press Sign in" is the normal way on, not an error; anything else is said as a warning or an error.
  const quietEnd = isAuthError(failure) && failure.kind === 'interactionRequired';

  return (
    <section className={styles.root} aria-labelledby="entra-sign-in-heading">
      <h2 id="entra-sign-in-heading" className={styles.heading}>
        Sign in with your work account
      </h2>
      {reason ? <Text size={200}>{reason}</Text> : null}
      {state.status === 'quiet' ? <Spinner size="small" label="Signing you in…" /> : null}
      {failure !== null ? (
        quietEnd ? (
          <Text size={200} className={styles.note}>
            {messageOf(failure)}
          </Text>
        ) : (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{messageOf(failure)}</MessageBarBody>
          </MessageBar>
        )
      ) : null}
      {state.status !== 'quiet' ? (
        <Button
          appearance="primary"
          icon={state.status === 'interactive' ? <Spinner size="extra-tiny" /> : <PersonArrowRightRegular />}
          disabled={state.status === 'interactive'}
          onClick={() => void signIn()}
        >
          Sign in
        </Button>
      ) : null}
    </section>
  );
};
