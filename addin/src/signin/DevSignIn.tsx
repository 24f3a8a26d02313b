import { Button, Field, makeStyles, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { PersonArrowRightRegular } from '@fluentui/react-icons/svg/person-arrow-right';
import type React from 'react';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../ui/ErrorNotice';
import type { DevAccount, DevTenantAuth } from '../auth/devTenantAuth';
import type { SignedInAccount } from '../auth/types';
import { zoneCity } from '../format/time';
import { useAsync } from '../hooks/useAsync';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  note: { color: tokens.colorNeutralForeground3 },
});

/** The seed's office city, else the city of an IANA zone; a Windows zone name ("Pacific Standard Time") is not a place. */
function accountPlace(account: DevAccount): string | null {
  if (account.officeLocation) return account.officeLocation;
  return account.timeZone?.includes('/') ? zoneCity(account.timeZone) : null;
}

export interface DevSignInProps {
  auth: Pick<DevTenantAuth, 'listAccounts' | 'signIn'>;
  onSignedIn: (account: SignedInAccount) => void;
  /** Why the person is asked to sign in again, if they were signed in before. */
  reason?: string | null;
}

/** Dev-tenant sign-in: choose one of the seeded people. */
export const DevSignIn: React.FC<DevSignInProps> = ({ auth, onSignedIn, reason }) => {
  const styles = useStyles();
  const accounts = useAsync((signal) => auth.listAccounts(signal), [auth]);
  const [username, setUsername] = useState('');
  const [signingIn, setSigningIn] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const first = accounts.data?.[0];
    if (first && username === '') setUsername(first.username);
  }, [accounts.data, username]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (username === '') return;
    setSigningIn(true);
    setError(null);
    try {
      onSignedIn(await auth.signIn(username));
    } catch (failure) {
      setError(failure);
      setSigningIn(false);
    }
  };

  return (
    <form className={styles.root} onSubmit={(e) => void submit(e)} aria-labelledby="dev-sign-in-heading">
      <h2 id="dev-sign-in-heading" className={styles.heading}>
        Sign in to the dev tenant
      </h2>
      <Text size={200} className={styles.note}>
        This PeerMentor365 runs on a simulated Microsoft 365 tenant. Choose who you are.
      </Text>
      {reason ? <Text size={200}>{reason}</Text> : null}
      {accounts.loading ? <Spinner size="small" label="Loading accounts…" /> : null}
      {accounts.error ? <ErrorNotice error={accounts.error} onRetry={accounts.reload} /> : null}
      {accounts.data ? (
        <Field label="Account">
          <Select value={username} onChange={(_e, data) => setUsername(data.value)}>
            {accounts.data.map((account) => (
              <option key={account.username} value={account.username}>
                {account.displayName}
                {accountPlace(account) ? ` — ${accountPlace(account)}` : ''}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <Button type="submit" appearance="primary" icon={<PersonArrowRightRegular />} disabled={username === '' || signingIn}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
};
