import {
  Avatar,
  Field,
  makeStyles,
  Spinner,
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  tokens,
  type TagPickerProps,
} from '@fluentui/react-components';
import type React from 'react';
import { useId, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { Person } from '../api/types';
import { userMessageOf } from './userMessage';
import { usePeopleSearch } from '../hooks/useApi';

const noOption = '__none__';

const useStyles = makeStyles({
  status: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  tag: { maxWidth: '100%' },
});

export interface PeoplePickerProps {
  api: ApiClient;
  selected: readonly Person[];
  onChange: (people: Person[]) => void;
  /** Messages from the API for the `peers` field. */
  errors?: readonly string[];
  debounceMs?: number;
}

/** Multi-select directory search for the peers to meet with. */
export const PeoplePicker: React.FC<PeoplePickerProps> = ({ api, selected, onChange, errors = [], debounceMs = 250 }) => {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const search = usePeopleSearch(api, query, debounceMs);
  const hintId = useId();
  const selectedMails = selected.map((p) => p.mail);
  const results = (search.data ?? []).filter((p) => !selectedMails.includes(p.mail));

  const onOptionSelect: TagPickerProps['onOptionSelect'] = (_event, data) => {
    if (data.value === noOption) return;
    const kept = selected.filter((p) => data.selectedOptions.includes(p.mail));
    const added = (search.data ?? []).filter((p) => data.selectedOptions.includes(p.mail) && !selectedMails.includes(p.mail));
    onChange([...kept, ...added]);
    if (added.length > 0) setQuery('');
  };

  let status: string | null = null;
  if (query.trim() === '') status = 'Type a name or email address.';
  else if (search.error) status = userMessageOf(search.error);
  else if (search.loading && results.length === 0) status = 'Searching…';
  else if (!search.loading && search.data !== null && results.length === 0) status = `No one found for “${query.trim()}”.`;

  return (
    <Field
      label="Peers"
      hint={{ id: hintId, children: 'Everyone you want to meet with regularly.' }}
      validationState={errors.length > 0 ? 'error' : 'none'}
      validationMessage={errors.length > 0 ? errors.join(' ') : undefined}
    >
      <TagPicker onOptionSelect={onOptionSelect} selectedOptions={selectedMails}>
        <TagPickerControl expandIcon={search.loading ? <Spinner size="extra-tiny" aria-label="Searching" /> : undefined}>
          <TagPickerGroup aria-label="Chosen peers">
            {selected.map((person) => (
              <Tag
                key={person.mail}
                className={styles.tag}
                shape="rounded"
                value={person.mail}
                media={<Avatar aria-hidden name={person.displayName} color="colorful" />}
                dismissIcon={{ 'aria-label': `Remove ${person.displayName}` }}
              >
                {person.displayName}
              </Tag>
            ))}
          </TagPickerGroup>
          <TagPickerInput
            aria-label="Search people"
            aria-describedby={hintId}
            placeholder={selected.length === 0 ? 'Search people' : undefined}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </TagPickerControl>
        <TagPickerList aria-label="People found">
          {results.map((person) => (
            <TagPickerOption
              key={person.mail}
              value={person.mail}
              text={person.displayName}
              secondaryContent={[person.jobTitle, person.mail].filter(Boolean).join(' · ')}
              media={<Avatar aria-hidden name={person.displayName} color="colorful" />}
            >
              {person.displayName}
            </TagPickerOption>
          ))}
          {status !== null ? (
            <TagPickerOption value={noOption} text={status} aria-disabled className={styles.status}>
              {status}
            </TagPickerOption>
          ) : null}
        </TagPickerList>
      </TagPicker>
    </Field>
  );
};
