import { Badge, Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarActions, MessageBarBody, Select, Spinner, Text, Textarea, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons/svg/add';
import { CheckmarkRegular } from '@fluentui/react-icons/svg/checkmark';
import { DismissRegular } from '@fluentui/react-icons/svg/dismiss';
import { EditRegular } from '@fluentui/react-icons/svg/edit';
import { WarningFilled } from '@fluentui/react-icons/svg/warning';
import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Commitment, CommitmentChanges, NewCommitment } from '../api/pairTypes';
import { isConcurrencyConflict } from '../api/pairsClient';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatDate, isCalendarDate, todayIn } from '../format/dates';
import { ConflictNotice, conflictFields, fieldValidation, FormProblem } from '../ui/feedback';
import { usePaneContext } from '../hooks/paneContext';
import type { ListResource } from '../hooks/useListResource';
import { useMutation } from '../hooks/useMutation';
import { useOpenCommitments } from './hooks';
import { differingFields, type ChangeLine } from '../format/changes';
import { memberName, personLabel, type PairPeople } from '../format/people';
import { commitmentChanges } from './wording';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeftWidth: '3px',
    borderLeftStyle: 'solid',
    borderLeftColor: tokens.colorNeutralStroke2,
  },
  overdueItem: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  text: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground2 },
  overdue: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  empty: { color: tokens.colorNeutralForeground3, margin: 0 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  editForm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  formHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalM,
  },
  cell: { minWidth: 0 },
  control: { minWidth: 0, width: '100%' },
});

const maxTextLength = 1000;

function checkText(text: string): string | null {
  if (text.trim() === '') return 'Write what will be done.';
  if (text.length > maxTextLength) return `Keep it under ${maxTextLength} characters.`;
  return null;
}

/** As the API lists them: by due date, then by when they were made (so an added or re-dated one takes its place). */
function byDue(items: readonly Commitment[]): Commitment[] {
  return [...items].sort((a, b) => a.due.localeCompare(b.due) || a.createdAt.localeCompare(b.createdAt));
}

export interface CommitmentsSectionProps {
  pair: PairPeople;
  meId: string;
}

/** The open commitments of everyone in the pair: add, complete, drop and edit; overdue ones say so in words. */
export const CommitmentsSection: React.FC<CommitmentsSectionProps> = ({ pair, meId }) => {
  const commitments = useOpenCommitments(pair.id);
  return <CommitmentsList pair={pair} meId={meId} commitments={commitments} />;
};

export interface CommitmentsListProps {
  pair: PairPeople;
  meId: string;
  /** The open commitments, loaded by the caller (the pair's list, or a session agenda's). */
  commitments: ListResource<Commitment>;
  /** The session this happens in: sent with a new commitment and with the one that closes a commitment. */
  sessionId?: string;
  /** The section heading's level (4 inside a pair card); the add form's heading is one below. */
  headingLevel?: 2 | 3 | 4;
}

/** The list behind CommitmentsSection, for any source of open commitments. */
export const CommitmentsList: React.FC<CommitmentsListProps> = ({ pair, meId, commitments, sessionId, headingLevel = 4 }) => {
  const styles = useStyles();
  const { pairsApi } = usePaneContext();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const [lastClosed, setLastClosed] = useState<Commitment | null>(null);
  const undo = useMutation();
  const readOnly = pair.status === 'closed';
  const Heading = `h${headingLevel}` as const;

  const onClosed = (commitment: Commitment) => {
    commitments.remove(commitment.id);
    undo.clear();
    setLastClosed(commitment);
  };
  const reopen = async (commitment: Commitment) => {
    const outcome = await undo.run((signal) => pairsApi.updateCommitment(commitment, { status: 'open' }, signal));
    if (outcome.ok) {
      commitments.upsert(outcome.value);
      setLastClosed(null);
    } else if (!outcome.aborted && isConcurrencyConflict(outcome.error)) {
      // Someone changed it after it was closed here; the list shows the truth.
      setLastClosed(null);
      commitments.reload();
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        Open commitments
      </Heading>
      {commitments.loading && commitments.data === null ? <Spinner size="tiny" label="Loading commitments…" /> : null}
      {commitments.error ? <ErrorNotice error={commitments.error} onRetry={commitments.reload} /> : null}
      <div role="status" aria-live="polite">
        {lastClosed !== null ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>
              {lastClosed.status === 'done' ? 'Marked done' : 'Dropped'}: “{lastClosed.text}”
            </MessageBarBody>
            <MessageBarActions>
              <Button size="small" disabled={undo.pending} onClick={() => void reopen(lastClosed)}>
                Undo
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
      </div>
      {undo.error && !isConcurrencyConflict(undo.error) ? <ErrorNotice error={undo.error} /> : null}
      {commitments.data !== null && commitments.data.length === 0 ? <p className={styles.empty}>Nothing open. Well done.</p> : null}
      {commitments.data !== null && commitments.data.length > 0 ? (
        <ul className={styles.list}>
          {byDue(commitments.data).map((c) => (
            <CommitmentItem key={c.id} commitment={c} pair={pair} meId={meId} list={commitments} readOnly={readOnly} onClosed={onClosed} sessionId={sessionId} />
          ))}
        </ul>
      ) : null}
      {!readOnly && commitments.data !== null ? (
        adding ? (
          <AddCommitmentForm
            pair={pair}
            meId={meId}
            sessionId={sessionId}
            headingLevel={(headingLevel + 1) as 3 | 4 | 5}
            onAdded={(c) => {
              commitments.upsert(c);
              setLastClosed(null);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <div className={styles.actions}>
            <Button icon={<AddRegular />} onClick={() => setAdding(true)}>
              Add a commitment
            </Button>
          </div>
        )
      ) : null}
    </section>
  );
};

interface CommitmentItemProps {
  commitment: Commitment;
  pair: PairPeople;
  meId: string;
  list: ListResource<Commitment>;
  readOnly: boolean;
  onClosed: (commitment: Commitment) => void;
  sessionId: string | undefined;
}

interface ItemConflict {
  changes: ChangeLine[];
  /** The status change to offer again ("done" / "dropped"), when that was the write that lost. */
  retryStatus: 'done' | 'dropped' | null;
}

const CommitmentItem: React.FC<CommitmentItemProps> = ({ commitment, pair, meId, list, readOnly, onClosed, sessionId }) => {
  const styles = useStyles();
  const { pairsApi } = usePaneContext();
  const mutation = useMutation();
  const textId = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(commitment.text);
  const [due, setDue] = useState(commitment.due);
  // The stored values the edit started from: only what the person changed from these is sent.
  const [base, setBase] = useState({ text: commitment.text, due: commitment.due });
  const [tried, setTried] = useState(false);
  const [conflict, setConflict] = useState<ItemConflict | null>(null);
  const editForm = useRef<HTMLFormElement>(null);
  const editText = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) editText.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  // Closing a commitment during a session records that session as the one that closed it.
  const close = (status: 'done' | 'dropped'): CommitmentChanges => (sessionId === undefined ? { status } : { status, sessionId });
  const write = async (changes: CommitmentChanges, retryStatus: ItemConflict['retryStatus']) => {
    setConflict(null);
    const seen = commitment;
    const outcome = await mutation.run((signal) => pairsApi.updateCommitment(seen, changes, signal));
    if (outcome.ok) {
      if (outcome.value.status !== 'open') onClosed(outcome.value);
      else list.upsert(outcome.value);
      return true;
    }
    if (!outcome.aborted && isConcurrencyConflict(outcome.error)) {
      const now = outcome.error.current as Commitment | null;
      if (now === null) {
        // The answer did not say how it is now: load the list again; the row (and the typed text) stays while it loads.
        list.reload();
        setConflict({ changes: [], retryStatus });
      } else {
        list.upsert(now);
        // Fields the person left alone follow the other peer's version; their own edits stay in the form.
        if (text === base.text) setText(now.text);
        if (due === base.due) setDue(now.due);
        setBase({ text: now.text, due: now.due });
        const fields = conflictFields(outcome.error, differingFields(seen, now, ['text', 'due', 'status', 'ownerId']));
        setConflict({ changes: commitmentChanges(fields, now, pair, meId), retryStatus: now.status === 'open' ? retryStatus : null });
      }
    }
    return false;
  };

  const pastDue = usePastDue(due);
  const [askPastDue, setAskPastDue] = useState(false);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (checkText(text) !== null || due === '') return;
    if (pastDue && due !== base.due) {
      setAskPastDue(true);
      return;
    }
    await saveChanges();
  };
  const saveChanges = async () => {
    setAskPastDue(false);
    const changes: CommitmentChanges = {};
    if (text !== base.text) changes.text = text;
    if (due !== base.due) changes.due = due;
    if (Object.keys(changes).length === 0) {
      setEditing(false);
      setConflict(null);
      return;
    }
    if (await write(changes, null)) {
      setEditing(false);
      setTried(false);
    }
  };

  const startEditing = () => {
    setText(commitment.text);
    setDue(commitment.due);
    setBase({ text: commitment.text, due: commitment.due });
    setTried(false);
    mutation.clear();
    setConflict(null);
    setEditing(true);
  };

  const owner = personLabel(pair, commitment.ownerId, meId);
  const statusWord = commitment.status === 'done' ? 'Done' : commitment.status === 'dropped' ? 'Dropped' : null;
  return (
    <li className={mergeClasses(styles.item, commitment.overdue && styles.overdueItem)} aria-labelledby={textId} data-overdue={commitment.overdue}>
      <Text id={textId} className={styles.text}>
        {commitment.text}
      </Text>
      <div className={styles.meta}>
        <Text size={200}>{owner}</Text>
        {commitment.overdue ? (
          <Text size={200} className={styles.overdue}>
            <WarningFilled aria-hidden /> Overdue: was due {formatDate(commitment.due)}
          </Text>
        ) : (
          <Text size={200}>Due {formatDate(commitment.due)}</Text>
        )}
        {statusWord ? (
          <Badge appearance="tint" color="informative">
            {statusWord}
          </Badge>
        ) : null}
      </div>
      {conflict !== null ? (
        <ConflictNotice
          what="This commitment"
          changes={conflict.changes}
          keptNote={editing ? 'Your text is still in the field below.' : undefined}
          reapplyLabel={editing ? 'Apply my change again' : conflict.retryStatus === 'done' ? 'Mark done again' : conflict.retryStatus === 'dropped' ? 'Drop again' : undefined}
          onReapply={
            editing
              ? () => editForm.current?.requestSubmit()
              : conflict.retryStatus !== null
                ? () => void write(close(conflict.retryStatus ?? 'done'), conflict.retryStatus)
                : undefined
          }
          pending={mutation.pending}
          onDismiss={() => setConflict(null)}
        />
      ) : null}
      {!editing ? <FormProblem error={mutation.error} shownFields={[]} /> : null}
      {!readOnly && !editing && commitment.status === 'open' ? (
        <div className={styles.actions}>
          <Button size="small" icon={<CheckmarkRegular />} aria-describedby={textId} disabled={mutation.pending} onClick={() => void write(close('done'), 'done')}>
            Done
          </Button>
          <Button size="small" icon={<DismissRegular />} aria-describedby={textId} disabled={mutation.pending} onClick={() => void write(close('dropped'), 'dropped')}>
            Drop
          </Button>
          <Button ref={editButton} size="small" icon={<EditRegular />} aria-describedby={textId} disabled={mutation.pending} onClick={startEditing}>
            Edit
          </Button>
        </div>
      ) : null}
      {!readOnly && editing ? (
        <form ref={editForm} className={styles.editForm} onSubmit={save} noValidate aria-label="Edit commitment">
          <Field label="Commitment" {...fieldValidation(mutation.error, 'text', tried ? checkText(text) : null)}>
            <Textarea ref={editText} value={text} resize="vertical" onChange={(_e, d) => setText(d.value)} />
          </Field>
          <Field label="Due" {...dueValidation(mutation.error, tried && due === '' ? 'Choose a date.' : null, pastDue && due !== base.due)}>
            <Input type="date" value={due} onChange={(_e, d) => setDue(d.value)} />
          </Field>
          <FormProblem error={mutation.error} shownFields={['text', 'due']} />
          <PastDueDialog open={askPastDue} due={due} onConfirm={() => void saveChanges()} onKeep={() => setAskPastDue(false)} />
          <div className={styles.actions}>
            <Button size="small" type="submit" appearance="primary" disabled={mutation.pending}>
              Save
            </Button>
            <Button
              size="small"
              type="button"
              onClick={() => {
                setEditing(false);
                setConflict(null);
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
};

interface AddCommitmentFormProps {
  pair: PairPeople;
  meId: string;
  sessionId: string | undefined;
  headingLevel: 3 | 4 | 5;
  onAdded: (commitment: Commitment) => void;
  onCancel: () => void;
}

const AddCommitmentForm: React.FC<AddCommitmentFormProps> = ({ pair, meId, sessionId, headingLevel, onAdded, onCancel }) => {
  const styles = useStyles();
  const { pairsApi } = usePaneContext();
  const mutation = useMutation();
  const headingId = useId();
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState(meId);
  const [due, setDue] = useState('');
  const [tried, setTried] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textArea.current?.focus(), []);
  const FormHeading = `h${headingLevel}` as const;

  const pastDue = usePastDue(due);
  const [askPastDue, setAskPastDue] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    setAdded(null);
    if (checkText(text) !== null) return;
    if (pastDue) {
      setAskPastDue(true);
      return;
    }
    await add();
  };
  const add = async () => {
    setAskPastDue(false);
    const request: NewCommitment = { text: text.trim() };
    if (ownerId !== meId) request.ownerId = ownerId;
    if (due !== '') request.due = due;
    if (sessionId !== undefined) request.sessionId = sessionId;
    const outcome = await mutation.run((signal) => pairsApi.addCommitment(pair.id, request, signal));
    if (outcome.ok) {
      onAdded(outcome.value);
      setAdded(outcome.value.text);
      // Ready for the next one; what was typed is cleared only once it is stored.
      setText('');
      setDue('');
      setTried(false);
      textArea.current?.focus();
    }
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <FormHeading id={headingId} className={styles.formHeading}>
        A new commitment
      </FormHeading>
      <Field label="Commitment" required {...fieldValidation(mutation.error, 'text', tried ? checkText(text) : null)}>
        <Textarea ref={textArea} value={text} resize="vertical" placeholder="e.g. Send Ben the RFC draft" onChange={(_e, d) => setText(d.value)} />
      </Field>
      <div className={styles.row}>
        <Field className={styles.cell} label="Who" {...fieldValidation(mutation.error, 'ownerId')}>
          <Select root={{ className: styles.control }} className={styles.control} value={ownerId} onChange={(_e, d) => setOwnerId(d.value)}>
            {pair.members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.userId === meId ? 'Me' : memberName(m)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.cell} label="Due" hint="Empty: the next session" {...dueValidation(mutation.error, null, pastDue)}>
          <Input className={styles.control} type="date" value={due} onChange={(_e, d) => setDue(d.value)} />
        </Field>
      </div>
      <FormProblem error={mutation.error} shownFields={['text', 'ownerId', 'due']} />
      <PastDueDialog open={askPastDue} due={due} onConfirm={() => void add()} onKeep={() => setAskPastDue(false)} />
      <div role="status" aria-live="polite">
        {added !== null ? <Text size={200}>Added “{added}”.</Text> : null}
      </div>
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" icon={<AddRegular />} disabled={mutation.pending}>
          {mutation.pending ? 'Adding…' : 'Add'}
        </Button>
        <Button type="button" onClick={onCancel}>
          Close
        </Button>
      </div>
    </form>
  );
};

/** A due date before today on my mailbox's calendar: the commitment would be born overdue. */
function usePastDue(due: string): boolean {
  const { me } = usePaneContext();
  return due !== '' && isCalendarDate(due) && due < todayIn(me.timeZone);
}

/** The Due field's message: the API's or the form's error first, else a warning that the date has passed. */
function dueValidation(error: unknown, local: string | null, pastDue: boolean): ReturnType<typeof fieldValidation> {
  const validation = fieldValidation(error, 'due', local);
  if (validation.validationState === 'error' || !pastDue) return validation;
  return { validationState: 'warning', validationMessage: 'This date has passed: the commitment would start overdue.' };
}

const PastDueDialog: React.FC<{ open: boolean; due: string; onConfirm: () => void; onKeep: () => void }> = ({ open, due, onConfirm, onKeep }) => (
  <ConfirmDialog open={open} title="Due on a day already past?" confirmLabel="Save with this date" keepLabel="Change the date" onConfirm={onConfirm} onKeep={onKeep}>
    {formatDate(due)} has passed, so the commitment would be overdue from the start.
  </ConfirmDialog>
);
