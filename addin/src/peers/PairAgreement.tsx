import { Button, Field, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular } from '@fluentui/react-icons/svg/checkmark-circle';
import { ClockRegular } from '@fluentui/react-icons/svg/clock';
import { DismissCircleRegular } from '@fluentui/react-icons/svg/dismiss-circle';
import { EditRegular } from '@fluentui/react-icons/svg/edit';
import { PauseRegular } from '@fluentui/react-icons/svg/pause';
import { PlayRegular } from '@fluentui/react-icons/svg/play';
import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Agreement, Pair } from '../api/pairTypes';
import { isConcurrencyConflict } from '../api/pairsClient';
import { AgreementFields, agreementFieldNames, checkAgreement } from './AgreementFields';
import { formatDate, formatInstantDate } from '../format/dates';
import { ConflictNotice, conflictFields, fieldValidation, FormProblem } from '../ui/feedback';
import { usePaneContext } from '../hooks/paneContext';
import { useMutation, type Outcome } from '../hooks/useMutation';
import { agreementFields, cadenceLabel, differingPairFields, durationLabel, joinNames, memberName, pairChanges, personLabel, type ChangeLine } from './wording';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  terms: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  members: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  member: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, overflowWrap: 'anywhere' },
  accepted: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  waiting: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  panelHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  note: { margin: 0, color: tokens.colorNeutralForeground2 },
  closed: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

type Action = 'accept' | 'pause' | 'resume';
type Mode = 'view' | 'edit' | 'close';

interface PairConflict {
  changes: ChangeLine[];
  /** The write to offer again, if it still makes sense on the pair as it is now. */
  reapply: (() => void) | null;
  reapplyLabel: string | null;
  keptNote: string | null;
}

export interface PairAgreementProps {
  pair: Pair;
  meId: string;
  onPairChanged: (pair: Pair) => void;
}

/** The agreement of one pair, who accepted it, and what either peer can do with it (accept, edit, pause, close). */
export const PairAgreement: React.FC<PairAgreementProps> = ({ pair, meId, onPairChanged }) => {
  const styles = useStyles();
  const { pairsApi, me } = usePaneContext();
  const mutation = useMutation();
  const [mode, setMode] = useState<Mode>('view');
  const [draft, setDraft] = useState<Agreement>(pair.agreement);
  // The stored agreement the edit started from: after a conflict, fields the person left alone follow the new version.
  const [draftBase, setDraftBase] = useState<Agreement>(pair.agreement);
  const [tried, setTried] = useState(false);
  const [note, setNote] = useState('');
  const [conflict, setConflict] = useState<PairConflict | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const editHeadingId = useId();
  const closeHeadingId = useId();
  const panelHeading = useRef<HTMLHeadingElement>(null);
  // A conflict's "apply again" submits the form as it is then, with the pair as it is now.
  const editForm = useRef<HTMLFormElement>(null);
  const closeForm = useRef<HTMLFormElement>(null);

  // Into the panel when it opens; back to the button that opened it when it closes (if that button is still there).
  const editButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const lastPanel = useRef<Mode>('view');
  useEffect(() => {
    if (mode !== 'view') panelHeading.current?.focus();
    else if (lastPanel.current === 'edit') editButton.current?.focus();
    else if (lastPanel.current === 'close') closeButton.current?.focus();
    lastPanel.current = mode;
  }, [mode]);

  const closed = pair.status === 'closed';
  const mine = pair.members.find((m) => m.userId === meId);
  const others = pair.members.filter((m) => m.userId !== meId);
  const waitingFor = others.filter((m) => m.acceptedAt === null).map(memberName);
  const canAccept = pair.status === 'proposed' && mine !== undefined && mine.acceptedAt === null;

  /** Runs a write; on a 412 shows what changed and refreshes the pair; on success hands the new pair up. */
  const write = async (
    send: (current: Pair, signal: AbortSignal) => Promise<Pair>,
    current: Pair,
    onConflict: (now: Pair) => Omit<PairConflict, 'changes'>,
  ): Promise<Outcome<Pair>> => {
    setConflict(null);
    const outcome = await mutation.run((signal) => send(current, signal));
    if (outcome.ok) {
      onPairChanged(outcome.value);
    } else if (!outcome.aborted && isConcurrencyConflict(outcome.error)) {
      const now = (outcome.error.current as Pair | null) ?? (await pairsApi.getPair(pair.id).catch(() => null));
      if (now !== null) {
        onPairChanged(now);
        const fields = conflictFields(outcome.error, differingPairFields(current, now));
        setConflict({ changes: pairChanges(fields, now), ...onConflict(now) });
      } else {
        setConflict({ changes: [], reapply: null, reapplyLabel: null, keptNote: null });
      }
    }
    return outcome;
  };

  const actionLabels: Record<Action, string> = { accept: 'Accept again', pause: 'Pause again', resume: 'Resume again' };
  const runAction = (action: Action, current: Pair) => {
    const send = (p: Pair, signal: AbortSignal) =>
      action === 'accept' ? pairsApi.acceptPair(p, signal) : action === 'pause' ? pairsApi.pausePair(p, signal) : pairsApi.resumePair(p, signal);
    void write(send, current, (now) => {
      // Offer the same step again only where it still applies to the pair as it is now.
      const still =
        (action === 'accept' && now.status === 'proposed') || (action === 'pause' && now.status === 'active') || (action === 'resume' && now.status === 'paused');
      return { reapply: still ? () => runAction(action, now) : null, reapplyLabel: still ? actionLabels[action] : null, keptNote: null };
    }).then((outcome) => {
      if (outcome.ok) setAnnouncement(action === 'accept' ? 'You accepted the agreement.' : action === 'pause' ? 'The pair is paused.' : 'The pair is active again.');
    });
  };

  const saveAgreement = async (current: Pair, agreement: Agreement) => {
    setTried(true);
    if (Object.keys(checkAgreement(agreement)).length > 0) return;
    const outcome = await write(
      (p, signal) => pairsApi.updateAgreement(p, agreement, signal),
      current,
      (now) => {
        const merged = { ...agreement };
        for (const field of agreementFields) {
          if (agreement[field] === draftBase[field]) (merged as Record<string, unknown>)[field] = now.agreement[field];
        }
        setDraft(merged);
        setDraftBase(now.agreement);
        return {
        reapply: now.status === 'closed' ? null : () => editForm.current?.requestSubmit(),
        reapplyLabel: now.status === 'closed' ? null : 'Save my version',
        keptNote: 'Your edits are still in the form below.',
        };
      },
    );
    if (outcome.ok) {
      setMode('view');
      setTried(false);
      setAnnouncement('The agreement is saved.');
    }
  };

  const closePair = async (current: Pair) => {
    const outcome = await write(
      (p, signal) => pairsApi.closePair(p, note.trim(), signal),
      current,
      (now) => ({
        reapply: now.status === 'closed' ? null : () => closeForm.current?.requestSubmit(),
        reapplyLabel: now.status === 'closed' ? null : 'Close it anyway',
        keptNote: note.trim() !== '' ? 'Your note is still in the form below.' : null,
      }),
    );
    if (outcome.ok) {
      setMode('view');
      setNote('');
    }
  };

  const startEdit = () => {
    mutation.clear();
    setConflict(null);
    setDraft(pair.agreement);
    setDraftBase(pair.agreement);
    setTried(false);
    setMode('edit');
  };

  const a = pair.agreement;
  return (
    <div className={styles.root}>
      <dl className={styles.terms}>
        <dt className={styles.term}>Purpose</dt>
        <dd className={styles.value}>{a.purpose}</dd>
        <dt className={styles.term}>Meetings</dt>
        <dd className={styles.value}>
          {cadenceLabel(a.cadence)}, {durationLabel(a.durationMinutes)}
        </dd>
        <dt className={styles.term}>Dates</dt>
        <dd className={styles.value}>
          {formatDate(a.startDate)} to {formatDate(a.plannedEndDate)}
        </dd>
        <dt className={styles.term}>Confidentiality</dt>
        <dd className={styles.value}>{a.confidentiality}</dd>
        <dt className={styles.term}>Boundaries</dt>
        <dd className={styles.value}>{a.boundaries.trim() === '' ? 'None agreed yet' : a.boundaries}</dd>
      </dl>

      <ul className={styles.members} aria-label="Who accepted the agreement">
        {pair.members.map((m) => (
          <li key={m.userId} className={styles.member}>
            {m.acceptedAt !== null ? (
              <CheckmarkCircleRegular className={styles.accepted} aria-hidden />
            ) : (
              <ClockRegular className={styles.waiting} aria-hidden />
            )}
            <span>
              {m.userId === meId ? 'You' : memberName(m)}: {m.acceptedAt !== null ? 'accepted' : 'not accepted yet'}
            </span>
          </li>
        ))}
      </ul>
      {pair.status === 'proposed' && !canAccept && waitingFor.length > 0 ? (
        <Text className={styles.note}>Waiting for {joinNames(waitingFor)} to accept.</Text>
      ) : null}
      {closed ? (
        <p className={styles.closed}>
          Closed{pair.closedAt ? ` on ${formatInstantDate(pair.closedAt, me.timeZone)}` : ''}
          {pair.closedBy ? ` by ${personLabel(pair, pair.closedBy, meId) === 'You' ? 'you' : personLabel(pair, pair.closedBy, meId)}` : ''}.
          {pair.closingNote ? ` “${pair.closingNote}”` : ''}
        </p>
      ) : null}

      <div role="status" aria-live="polite">
        {announcement !== '' && !conflict && !mutation.error ? <Text size={200}>{announcement}</Text> : null}
      </div>
      {conflict ? (
        <ConflictNotice
          what="The pair"
          changes={conflict.changes}
          keptNote={conflict.keptNote ?? undefined}
          reapplyLabel={conflict.reapplyLabel ?? undefined}
          onReapply={conflict.reapply ?? undefined}
          pending={mutation.pending}
          onDismiss={() => setConflict(null)}
        />
      ) : null}
      {mode === 'view' ? <FormProblem error={mutation.error} shownFields={[]} /> : null}

      {!closed && mode === 'view' ? (
        <div className={styles.actions}>
          {canAccept ? (
            <Button appearance="primary" icon={<CheckmarkCircleRegular />} disabled={mutation.pending} onClick={() => runAction('accept', pair)}>
              Accept the agreement
            </Button>
          ) : null}
          <Button ref={editButton} icon={<EditRegular />} disabled={mutation.pending} onClick={startEdit}>
            Edit agreement
          </Button>
          {pair.status === 'active' ? (
            <Button icon={<PauseRegular />} disabled={mutation.pending} onClick={() => runAction('pause', pair)}>
              Pause
            </Button>
          ) : null}
          {pair.status === 'paused' ? (
            <Button icon={<PlayRegular />} disabled={mutation.pending} onClick={() => runAction('resume', pair)}>
              Resume
            </Button>
          ) : null}
          <Button
            ref={closeButton}
            icon={<DismissCircleRegular />}
            disabled={mutation.pending}
            onClick={() => {
              mutation.clear();
              setConflict(null);
              setMode('close');
            }}
          >
            Close pair…
          </Button>
        </div>
      ) : null}

      {!closed && mode === 'edit' ? (
        <form
          ref={editForm}
          className={styles.panel}
          aria-labelledby={editHeadingId}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void saveAgreement(pair, draft);
          }}
        >
          <h4 id={editHeadingId} ref={panelHeading} tabIndex={-1} className={styles.panelHeading}>
            Edit the agreement
          </h4>
          {others.length > 0 ? (
            <p className={styles.note}>Saving a change asks {joinNames(others.map(memberName))} to accept the agreement again.</p>
          ) : null}
          <AgreementFields value={draft} onChange={setDraft} error={mutation.error} problems={tried ? checkAgreement(draft) : {}} disabled={mutation.pending} />
          <FormProblem error={mutation.error} shownFields={agreementFieldNames} />
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={mutation.pending}>
              Save agreement
            </Button>
            <Button type="button" onClick={() => setMode('view')}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}

      {!closed && mode === 'close' ? (
        <form
          ref={closeForm}
          className={styles.panel}
          aria-labelledby={closeHeadingId}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void closePair(pair);
          }}
        >
          <h4 id={closeHeadingId} ref={panelHeading} tabIndex={-1} className={styles.panelHeading}>
            Close this pair?
          </h4>
          <p className={styles.note}>
            Mentoring pairs end for all kinds of reasons, and closing one is nobody’s fault. Your agreement, goals and commitments stay readable
            afterwards; closing cannot be undone.
          </p>
          <Field label="A note for your peers (optional)" {...fieldValidation(mutation.error, 'note')}>
            <Textarea value={note} maxLength={500} resize="vertical" placeholder="e.g. Thank you for the conversations." onChange={(_e, d) => setNote(d.value)} />
          </Field>
          <FormProblem error={mutation.error} shownFields={['note']} />
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={mutation.pending}>
              Close the pair
            </Button>
            <Button type="button" onClick={() => setMode('view')}>
              Keep it open
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
};
