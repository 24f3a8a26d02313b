import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type React from 'react';
import { useId } from 'react';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  // Inside a row of a list (a series' session): no frame of its own, tighter.
  inline: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  prominent: { fontSize: tokens.fontSizeBase400 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export type FormCardProps = {
  onSubmit: () => void;
  /** Framed card (the default) or inline within a list row. */
  variant?: 'card' | 'inline';
  className?: string;
  children: React.ReactNode;
} & (
  | { /** The form's heading, which also names it. */ heading: string; headingLevel: 3 | 4 | 5; prominent?: boolean; label?: never }
  | { /** The form's name, for a form without a heading. */ label: string; heading?: never; headingLevel?: never; prominent?: never }
);

/** A form the pane checks itself (noValidate): named by its heading or label, submitted without a page load. */
export const FormCard: React.FC<FormCardProps> = ({ onSubmit, variant = 'card', className, children, ...naming }) => {
  const styles = useStyles();
  const headingId = useId();
  const Heading = `h${naming.headingLevel ?? 3}` as const;
  return (
    <form
      className={mergeClasses(variant === 'card' ? styles.card : styles.inline, className)}
      {...(naming.heading !== undefined ? { 'aria-labelledby': headingId } : { 'aria-label': naming.label })}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {naming.heading !== undefined ? (
        <Heading id={headingId} className={mergeClasses(styles.heading, naming.prominent && styles.prominent)}>
          {naming.heading}
        </Heading>
      ) : null}
      {children}
    </form>
  );
};

export interface FormButtonsProps {
  submitLabel: string;
  /** The submit label while the write runs, when it should say so ("Adding…"). */
  pendingLabel?: string;
  pending: boolean;
  disabled?: boolean;
  icon?: React.ReactElement;
  cancelLabel: string;
  onCancel: () => void;
  size?: 'small' | 'medium';
}

/** The form's primary submit and its way out, side by side (wrapping in a narrow pane). */
export const FormButtons: React.FC<FormButtonsProps> = ({ submitLabel, pendingLabel, pending, disabled = false, icon, cancelLabel, onCancel, size = 'medium' }) => {
  const styles = useStyles();
  return (
    <div className={styles.buttons}>
      <Button type="submit" appearance="primary" size={size} icon={icon} disabled={pending || disabled}>
        {pending && pendingLabel !== undefined ? pendingLabel : submitLabel}
      </Button>
      <Button type="button" size={size} onClick={onCancel}>
        {cancelLabel}
      </Button>
    </div>
  );
};
