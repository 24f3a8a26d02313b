import { Button, Field, Input, makeStyles, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons/svg/lock-closed';
import type React from 'react';
import { useEffect, useId, useState } from 'react';
import { fieldValidation, FormProblem } from '../ui/feedback';
import { useMutation } from '../hooks/useMutation';
import type { AgendaApi } from './agendaClient';
import type { MyRating } from './types';
import { ratingWords } from './wording';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  radios: { display: 'flex', flexWrap: 'wrap', columnGap: 0 },
  private: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const maxNoteLength = 500;

export interface RatingSectionProps {
  api: AgendaApi;
  pairId: string;
  sessionId: string;
  myRating: MyRating | null;
  onRated: (rating: MyRating | null) => void;
  /** The session's start (an instant): a session is rated from then on, as the API insists. */
  start: string;
  now?: () => number;
}

/** My 1-5 rating of the session and an optional private word: only I ever see either. */
export const RatingSection: React.FC<RatingSectionProps> = ({ start, now = Date.now, ...props }) => {
  const styles = useStyles();
  const headingId = useId();
  // Read at each render: the view renders again when the person comes back to it (and on Refresh).
  if (now() < Date.parse(start)) {
    return (
      <section className={styles.root} aria-labelledby={headingId}>
        <h3 id={headingId} className={styles.heading}>
          Rate this session
        </h3>
        {/* When it starts is said at the top of the view, once. */}
        <Text size={200}>You can rate this session once it has started.</Text>
      </section>
    );
  }
  return <RatingForm {...props} />;
};

const RatingForm: React.FC<Omit<RatingSectionProps, 'start' | 'now'>> = ({ api, pairId, sessionId, myRating, onRated }) => {
  const styles = useStyles();
  const mutation = useMutation();
  const headingId = useId();
  const privacyId = useId();
  const [rating, setRating] = useState<number | null>(myRating?.rating ?? null);
  const [note, setNote] = useState(myRating?.privateNote ?? '');
  const [touched, setTouched] = useState(false);
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);

  // A rating stored elsewhere (another device, a reload) shows up here, unless the person is already changing it.
  useEffect(() => {
    if (touched) return;
    setRating(myRating?.rating ?? null);
    setNote(myRating?.privateNote ?? '');
  }, [myRating, touched]);

  const noteProblem = note.length > maxNoteLength ? `Keep it under ${maxNoteLength} characters.` : null;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    setSaved(null);
    if (rating === null || noteProblem !== null) return;
    const trimmed = note.trim();
    const outcome = await mutation.run((signal) =>
      api.rateSession(pairId, sessionId, trimmed === '' ? { rating } : { rating, privateNote: trimmed }, signal),
    );
    if (outcome.ok) {
      onRated(outcome.value.myRating);
      setSaved(outcome.value.myRating?.rating ?? rating);
      // What is stored is what the form shows now; later changes elsewhere may show up again.
      setTouched(false);
      setTried(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        Rate this session
      </h3>
      <Text id={privacyId} size={200} className={styles.private}>
        <LockClosedRegular aria-hidden /> Only you see your rating and your private word. Your peer never does.
      </Text>
      <form className={styles.form} onSubmit={submit} noValidate aria-labelledby={headingId} aria-describedby={privacyId}>
        <Field
          label="How useful was it? 1 = not useful, 5 = excellent"
          {...fieldValidation(mutation.error, 'rating', tried && rating === null ? 'Choose 1 to 5.' : null)}
          hint={rating !== null ? ratingWords[rating] : undefined}
        >
          <RadioGroup
            layout="horizontal"
            className={styles.radios}
            value={rating === null ? '' : String(rating)}
            onChange={(_e, d) => {
              setRating(Number(d.value));
              setTouched(true);
            }}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <Radio key={n} value={String(n)} label={String(n)} aria-label={`${n}: ${ratingWords[n]}`} />
            ))}
          </RadioGroup>
        </Field>
        <Field label="A private word (optional)" hint="Just for you, e.g. “Felt rushed”" {...fieldValidation(mutation.error, 'privateNote', noteProblem)}>
          <Input
            value={note}
            maxLength={maxNoteLength}
            onChange={(_e, d) => {
              setNote(d.value);
              setTouched(true);
            }}
          />
        </Field>
        <FormProblem error={mutation.error} shownFields={['rating', 'privateNote']} />
        <div role="status" aria-live="polite">
          {saved !== null ? (
            <Text size={200}>
              Saved: you rated this session {saved} of 5.
            </Text>
          ) : null}
        </div>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={mutation.pending}>
            {mutation.pending ? 'Saving…' : myRating ? 'Update my rating' : 'Save my rating'}
          </Button>
        </div>
      </form>
    </section>
  );
};
