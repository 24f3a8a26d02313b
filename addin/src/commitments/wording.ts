import type { Commitment } from '../api/pairTypes';
import type { ChangeLine } from '../format/changes';
import { formatDate } from '../format/dates';
import { personLabel, type PairPeople } from '../format/people';

const quote = (s: string) => `“${s}”`;

export function commitmentChanges(fields: readonly string[], current: Commitment, pair: PairPeople, meId: string): ChangeLine[] {
  return fields.flatMap((field): ChangeLine[] => {
    switch (field) {
      case 'text':
        return [{ field, text: `The text is now ${quote(current.text)}` }];
      case 'due':
        return [{ field, text: `Due is now ${formatDate(current.due)}` }];
      case 'status':
        return [{ field, text: current.status === 'open' ? 'It is open again' : `It was marked ${current.status === 'done' ? 'done' : 'dropped'}` }];
      case 'ownerId':
        return [{ field, text: `It now belongs to ${personLabel(pair, current.ownerId, meId) === 'You' ? 'you' : personLabel(pair, current.ownerId, meId)}` }];
      default:
        return [];
    }
  });
}
