import { Field, Input, makeStyles, Select, Textarea, tokens } from '@fluentui/react-components';
import type React from 'react';
import type { Agreement } from '../api/pairTypes';
import type { Cadence } from '../api/types';
import { cadenceOptions, durationLabel, durationOptions } from '../format/sessionOptions';
import { addMonths, isCalendarDate, nextMonday } from '../format/dates';
import { fieldValidation } from '../ui/feedback';

export const starterConfidentiality = 'What we talk about stays between us unless we both agree otherwise.';

/** A new agreement: every 2 weeks, an hour, from next Monday for six months, with a starter confidentiality line. */
export function defaultAgreement(today: string): Agreement {
  const startDate = nextMonday(today);
  return {
    purpose: '',
    cadence: 'every2Weeks',
    durationMinutes: 60,
    confidentiality: starterConfidentiality,
    boundaries: '',
    startDate,
    plannedEndDate: addMonths(startDate, 6),
  };
}

export const agreementFieldNames = ['purpose', 'cadence', 'durationMinutes', 'confidentiality', 'boundaries', 'startDate', 'plannedEndDate'] as const;

/** What the pane can tell before asking the API (which checks everything again). */
export function checkAgreement(agreement: Agreement): Partial<Record<(typeof agreementFieldNames)[number], string>> {
  const problems: Partial<Record<(typeof agreementFieldNames)[number], string>> = {};
  if (agreement.purpose.trim() === '') problems.purpose = 'Say in a few words what the two of you want from this.';
  if (agreement.confidentiality.trim() === '') problems.confidentiality = 'Agree on what stays between you.';
  if (!isCalendarDate(agreement.startDate)) problems.startDate = 'Choose a start date.';
  if (!isCalendarDate(agreement.plannedEndDate)) problems.plannedEndDate = 'Choose a planned end date.';
  else if (isCalendarDate(agreement.startDate) && agreement.plannedEndDate <= agreement.startDate)
    problems.plannedEndDate = 'The planned end comes after the start.';
  return problems;
}

const useStyles = makeStyles({
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Side by side only where "Every 2 weeks" and a date picker fit whole; stacked in a 320 px pane.
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalM,
  },
  cell: { minWidth: 0 },
  control: { minWidth: 0, width: '100%' },
});

export interface AgreementFieldsProps {
  value: Agreement;
  onChange: (next: Agreement) => void;
  /** The last failed write, for the API's messages next to each field. */
  error: unknown;
  /** The pane's own checks, shown once the person tried to submit. */
  problems: Partial<Record<(typeof agreementFieldNames)[number], string>>;
  disabled?: boolean;
}

/** The agreement's fields, for proposing a pair and for editing its agreement. */
export const AgreementFields: React.FC<AgreementFieldsProps> = ({ value, onChange, error, problems, disabled }) => {
  const styles = useStyles();
  const set = <K extends keyof Agreement>(key: K, v: Agreement[K]) => onChange({ ...value, [key]: v });
  // An agreement made elsewhere may use a length this list does not offer; keep it choosable.
  const lengths = durationOptions.includes(value.durationMinutes) ? durationOptions : [...durationOptions, value.durationMinutes].sort((a, b) => a - b);
  return (
    <div className={styles.fields}>
      <Field label="Purpose" required {...fieldValidation(error, 'purpose', problems.purpose)}>
        <Textarea
          value={value.purpose}
          maxLength={500}
          placeholder="e.g. Grow as engineering leads"
          resize="vertical"
          disabled={disabled}
          onChange={(_e, d) => set('purpose', d.value)}
        />
      </Field>
      <div className={styles.row}>
        <Field className={styles.cell} label="How often" {...fieldValidation(error, 'cadence')}>
          <Select root={{ className: styles.control }} className={styles.control} value={value.cadence} disabled={disabled} onChange={(_e, d) => set('cadence', d.value as Cadence)}>
            {cadenceOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.cell} label="Length" {...fieldValidation(error, 'durationMinutes')}>
          <Select
            root={{ className: styles.control }}
            className={styles.control}
            value={String(value.durationMinutes)}
            disabled={disabled}
            onChange={(_e, d) => set('durationMinutes', Number(d.value))}
          >
            {lengths.map((minutes) => (
              <option key={minutes} value={minutes}>
                {durationLabel(minutes)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label="Confidentiality" required {...fieldValidation(error, 'confidentiality', problems.confidentiality)}>
        <Textarea value={value.confidentiality} maxLength={2000} rows={3} resize="vertical" disabled={disabled} onChange={(_e, d) => set('confidentiality', d.value)} />
      </Field>
      <Field label="Boundaries" hint="Optional: what this is not for." {...fieldValidation(error, 'boundaries')}>
        <Textarea
          value={value.boundaries}
          maxLength={2000}
          placeholder="e.g. No performance reviews of each other."
          resize="vertical"
          disabled={disabled}
          onChange={(_e, d) => set('boundaries', d.value)}
        />
      </Field>
      <div className={styles.row}>
        <Field className={styles.cell} label="Starts" {...fieldValidation(error, 'startDate', problems.startDate)}>
          <Input className={styles.control} type="date" value={value.startDate} disabled={disabled} onChange={(_e, d) => set('startDate', d.value)} />
        </Field>
        <Field className={styles.cell} label="Planned end" {...fieldValidation(error, 'plannedEndDate', problems.plannedEndDate)}>
          <Input className={styles.control} type="date" value={value.plannedEndDate} disabled={disabled} onChange={(_e, d) => set('plannedEndDate', d.value)} />
        </Field>
      </div>
    </div>
  );
};
