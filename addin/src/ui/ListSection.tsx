import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons/svg/add';
import type React from 'react';
import { useId, useState } from 'react';
import type { PairPeople } from '../format/people';
import { ErrorNotice } from './ErrorNotice';

/** Whose list a section shows: the pair (its members and status) and the signed-in member. */
export interface PairListOwner {
  pair: PairPeople;
  meId: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface ListSectionProps {
  title: string;
  headingLevel: 2 | 3 | 4;
  /** The list's load: a spinner until its first answer, its failure with a retry. */
  list: { loading: boolean; data: unknown; error: unknown; reload: () => void };
  loadingLabel: string;
  /** Adding to the list, once it has loaded: the button's label and the form it opens (given a way to close it). */
  add?: { label: string; form: (close: () => void) => React.ReactNode };
  children: React.ReactNode;
}

/** A titled section of a pair's list (goals, commitments): loading, failure, the items, and "Add …" opening its form. */
export const ListSection: React.FC<ListSectionProps> = ({ title, headingLevel, list, loadingLabel, add, children }) => {
  const styles = useStyles();
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const Heading = `h${headingLevel}` as const;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Heading id={headingId} className={styles.heading}>
        {title}
      </Heading>
      {list.loading && list.data === null ? <Spinner size="tiny" label={loadingLabel} /> : null}
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {children}
      {add !== undefined && list.data !== null ? (
        adding ? (
          add.form(() => setAdding(false))
        ) : (
          <div className={styles.actions}>
            <Button icon={<AddRegular />} onClick={() => setAdding(true)}>
              {add.label}
            </Button>
          </div>
        )
      ) : null}
    </section>
  );
};
