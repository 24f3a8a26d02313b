import { Badge, Button, Field, Input, makeStyles, ProgressBar, Slider, Spinner, Text, Textarea, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons/svg/add';
import { TargetArrowRegular } from '@fluentui/react-icons/svg/target-arrow';
import type React from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import type { Goal, NewGoal } from '../api/pairTypes';
import { isConcurrencyConflict } from '../api/pairsClient';
import { ErrorNotice } from '../ui/ErrorNotice';
import { addMonths, formatDate, isCalendarDate, todayIn } from '../format/dates';
import { ConflictNotice, conflictFields, fieldValidation, FormProblem } from '../ui/feedback';
import { usePaneContext } from '../hooks/paneContext';
import type { ListResource } from '../hooks/useListResource';
import { useMutation } from '../hooks/useMutation';
import { useGoals } from './hooks';
import { differingFields, type ChangeLine } from '../format/changes';
import { memberName, type PairPeople } from '../format/people';
import { goalChanges } from './wording';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  owner: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  goal: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  progress: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3, margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  formHeading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const goalFields = ['title', 'measure', 'targetDate'] as const;

export interface GoalsSectionProps {
  pair: PairPeople;
  meId: string;
}

/** Every member's goals with their progress; I add my own and move my own progress. */
export const GoalsSection: React.FC<GoalsSectionProps> = ({ pair, meId }) => {
  const goals = useGoals(pair.id);
  return <GoalsList pair={pair} meId={meId} goals={goals} />;
};

export interface GoalsListProps {
  pair: PairPeople;
  meId: string;
  /** The goals, loaded by the caller (the pair's list, or a session agenda's). */
  goals: ListResource<Goal>;
  /** The section heading's level (4 inside a pair card); each person's group heading is one below. */
  headingLevel?: 2 | 3 | 4;
}

/** The list behind GoalsSection, for any source of goals. */
export const GoalsList: React.FC<GoalsListProps> = ({ pair, meId, goals, headingLevel = 4 }) => {
  const styles = useStyles();
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  const groupLevel = (headingLevel + 1) as 3 | 4 | 5;
  const [adding, setAdding] = useState(false);
  const readOnly = pair.status === 'closed';
  // Me first, then the others in the pair's order.
  const members = [...pair.members].sort((a, b) => Number(b.userId === meId) - Number(a.userId === meId));

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        Goals
      </Heading>
      {goals.loading && goals.data === null ? <Spinner size="tiny" label="Loading goals…" /> : null}
      {goals.error ? <ErrorNotice error={goals.error} onRetry={goals.reload} /> : null}
      {goals.data !== null
        ? members.map((member) => {
            const own = goals.data?.filter((g) => g.ownerId === member.userId) ?? [];
            const isMe = member.userId === meId;
            return (
              <GoalGroup key={member.userId} level={groupLevel} label={isMe ? 'Your goals' : `${memberName(member)}’s goals`}>
                {own.length === 0 ? (
                  <p className={styles.empty}>{isMe ? 'You have not set a goal yet.' : 'No goals yet.'}</p>
                ) : (
                  <ul className={styles.list}>
                    {own.map((goal) => (
                      <GoalItem key={goal.id} goal={goal} mine={isMe && !readOnly} goals={goals} />
                    ))}
                  </ul>
                )}
              </GoalGroup>
            );
          })
        : null}
      {!readOnly && goals.data !== null ? (
        adding ? (
          <AddGoalForm
            pairId={pair.id}
            headingLevel={groupLevel}
            onAdded={(goal) => {
              // The API lists goals newest first.
              goals.upsert(goal, 'start');
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <div className={styles.actions}>
            <Button icon={<AddRegular />} onClick={() => setAdding(true)}>
              Add a goal
            </Button>
          </div>
        )
      ) : null}
    </section>
  );
};

const GoalGroup: React.FC<{ label: string; level: 3 | 4 | 5; children: React.ReactNode }> = ({ label, level, children }) => {
  const styles = useStyles();
  const id = useId();
  const Heading = `h${level}` as const;
  return (
    <div role="group" aria-labelledby={id} className={styles.group}>
      <Heading id={id} className={styles.owner}>
        {label}
      </Heading>
      {children}
    </div>
  );
};

const statusBadge: Record<string, { text: string; color: 'success' | 'informative' } | undefined> = {
  achieved: { text: 'Achieved', color: 'success' },
  dropped: { text: 'Dropped', color: 'informative' },
};

interface GoalItemProps {
  goal: Goal;
  mine: boolean;
  goals: ListResource<Goal>;
}

const GoalItem: React.FC<GoalItemProps> = ({ goal, mine, goals }) => {
  const styles = useStyles();
  const { pairsApi } = usePaneContext();
  const mutation = useMutation();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const [progress, setProgress] = useState(goal.progress);
  const [conflict, setConflict] = useState<ChangeLine[] | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const badge = statusBadge[goal.status];

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setConflict(null);
    const seen = goal;
    const outcome = await mutation.run((signal) => pairsApi.updateGoal(seen, { progress }, signal));
    if (outcome.ok) {
      goals.upsert(outcome.value);
      setEditing(false);
    } else if (!outcome.aborted && isConcurrencyConflict(outcome.error)) {
      const now = outcome.error.current as Goal | null;
      if (now === null) {
        goals.reload();
        setConflict([]);
        return;
      }
      goals.upsert(now);
      setConflict(goalChanges(conflictFields(outcome.error, differingFields(seen, now, ['title', 'measure', 'targetDate', 'progress', 'status'])), now));
    }
  };

  return (
    <li className={styles.goal} aria-labelledby={titleId}>
      <Text id={titleId} className={styles.title}>
        <TargetArrowRegular aria-hidden /> {goal.title}
      </Text>
      {badge ? (
        <Badge appearance="tint" color={badge.color}>
          {badge.text}
        </Badge>
      ) : null}
      <Text size={200} className={styles.meta}>
        {goal.measure}
      </Text>
      <Text size={200} className={styles.meta}>
        By {formatDate(goal.targetDate)}
      </Text>
      <div className={styles.progress}>
        <ProgressBar value={goal.progress} max={100} thickness="large" aria-label={`Progress of ${goal.title}`} aria-valuetext={`${goal.progress}%`} />
        <Text size={200}>{goal.progress}%</Text>
      </div>
      {conflict !== null ? (
        <ConflictNotice
          what="This goal"
          changes={conflict}
          keptNote={editing ? `Your ${progress}% is still set below.` : undefined}
          reapplyLabel={editing ? 'Save my progress' : undefined}
          onReapply={editing ? () => form.current?.requestSubmit() : undefined}
          pending={mutation.pending}
          onDismiss={() => setConflict(null)}
        />
      ) : null}
      {mine && !editing ? (
        <div className={styles.actions}>
          <Button
            size="small"
            aria-describedby={titleId}
            onClick={() => {
              setProgress(goal.progress);
              mutation.clear();
              setEditing(true);
            }}
          >
            Update progress
          </Button>
        </div>
      ) : null}
      {mine && editing ? (
        <form ref={form} onSubmit={save} noValidate aria-label={`Progress of ${goal.title}`}>
          <Field label={`Progress: ${progress}%`} {...fieldValidation(mutation.error, 'progress')}>
            <Slider min={0} max={100} step={5} value={progress} aria-valuetext={`${progress}%`} onChange={(_e, d) => setProgress(d.value)} />
          </Field>
          <FormProblem error={mutation.error} shownFields={['progress']} />
          <div className={styles.actions}>
            <Button size="small" type="submit" appearance="primary" disabled={mutation.pending}>
              Save progress
            </Button>
            <Button size="small" type="button" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
};

interface AddGoalFormProps {
  pairId: string;
  headingLevel: 3 | 4 | 5;
  onAdded: (goal: Goal) => void;
  onCancel: () => void;
}

const AddGoalForm: React.FC<AddGoalFormProps> = ({ pairId, headingLevel, onAdded, onCancel }) => {
  const styles = useStyles();
  const { pairsApi, me } = usePaneContext();
  const mutation = useMutation();
  const headingId = useId();
  const [goal, setGoal] = useState<NewGoal>(() => ({ title: '', measure: '', targetDate: addMonths(todayIn(me.timeZone), 3) }));
  const [tried, setTried] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  useEffect(() => titleInput.current?.focus(), []);
  const FormHeading = `h${headingLevel}` as const;
  const problems = {
    title: tried && goal.title.trim() === '' ? 'Name the goal.' : null,
    measure: tried && goal.measure.trim() === '' ? 'Say how you will know you got there.' : null,
    targetDate: tried && !isCalendarDate(goal.targetDate) ? 'Choose a date.' : null,
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (goal.title.trim() === '' || goal.measure.trim() === '' || !isCalendarDate(goal.targetDate)) return;
    const outcome = await mutation.run((signal) => pairsApi.addGoal(pairId, { ...goal, title: goal.title.trim(), measure: goal.measure.trim() }, signal));
    if (outcome.ok) onAdded(outcome.value);
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={submit} noValidate>
      <FormHeading id={headingId} className={styles.formHeading}>
        A new goal
      </FormHeading>
      <Field label="Goal" required {...fieldValidation(mutation.error, 'title', problems.title)}>
        <Input ref={titleInput} value={goal.title} maxLength={200} placeholder="e.g. Run a design review" onChange={(_e, d) => setGoal({ ...goal, title: d.value })} />
      </Field>
      <Field label="How you will measure it" required {...fieldValidation(mutation.error, 'measure', problems.measure)}>
        <Textarea
          value={goal.measure}
          maxLength={1000}
          resize="vertical"
          placeholder="e.g. Two reviews led, feedback collected"
          onChange={(_e, d) => setGoal({ ...goal, measure: d.value })}
        />
      </Field>
      <Field label="By when" required {...fieldValidation(mutation.error, 'targetDate', problems.targetDate)}>
        <Input type="date" value={goal.targetDate} onChange={(_e, d) => setGoal({ ...goal, targetDate: d.value })} />
      </Field>
      <FormProblem error={mutation.error} shownFields={goalFields} />
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={mutation.pending}>
          Add goal
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
};
