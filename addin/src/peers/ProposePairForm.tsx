import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons/svg/people-add';
import type React from 'react';
import { useId, useState } from 'react';
import type { Agreement, Pair } from '../api/pairTypes';
import type { Person } from '../api/types';
import { PeoplePicker } from '../ui/PeoplePicker';
import { AgreementFields, agreementFieldNames, checkAgreement, defaultAgreement } from './AgreementFields';
import { todayIn } from '../format/dates';
import { fieldMessages, FormProblem } from '../ui/feedback';
import { usePaneContext } from '../hooks/paneContext';
import { useMutation } from '../hooks/useMutation';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground3 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const maxPeers = 3;

export interface ProposePairFormProps {
  onProposed: (pair: Pair) => void;
  onCancel: () => void;
}

/** Propose a pair (or a group of up to four): choose peers and write the agreement they will be asked to accept. */
export const ProposePairForm: React.FC<ProposePairFormProps> = ({ onProposed, onCancel }) => {
  const styles = useStyles();
  const { pairsApi, peopleApi, me, peopleSearchDebounceMs } = usePaneContext();
  const headingId = useId();
  const [peers, setPeers] = useState<Person[]>([]);
  const [agreement, setAgreement] = useState<Agreement>(() => defaultAgreement(todayIn(me.timeZone)));
  const [tried, setTried] = useState(false);
  const mutation = useMutation();

  const problems = tried ? checkAgreement(agreement) : {};
  let peerProblem: string | null = null;
  if (tried && peers.length === 0) peerProblem = 'Choose at least one peer.';
  else if (peers.length > maxPeers) peerProblem = `A group has at most ${maxPeers + 1} people: choose up to ${maxPeers} peers.`;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (peers.length === 0 || peers.length > maxPeers || Object.keys(checkAgreement(agreement)).length > 0) return;
    const outcome = await mutation.run((signal) => pairsApi.proposePair({ peers: peers.map((p) => p.mail), agreement }, signal));
    if (outcome.ok) onProposed(outcome.value);
  };

  const peerErrors = [...(peerProblem ? [peerProblem] : []), ...fieldMessages(mutation.error, 'peers')];
  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId} className={styles.heading}>
        Propose a pair
      </h3>
      <p className={styles.intro}>Your peers see the agreement and accept it (or suggest changes) before you start.</p>
      <PeoplePicker api={peopleApi} selected={peers} onChange={setPeers} errors={peerErrors} debounceMs={peopleSearchDebounceMs} />
      <AgreementFields value={agreement} onChange={setAgreement} error={mutation.error} problems={problems} disabled={mutation.pending} />
      <FormProblem error={mutation.error} shownFields={[...agreementFieldNames, 'peers']} />
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" icon={<PeopleAddRegular />} disabled={mutation.pending}>
          {mutation.pending ? 'Proposing…' : 'Propose'}
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
};
