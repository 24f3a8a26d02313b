import type { Goal } from '../api/pairTypes';
import type { ChangeLine } from '../format/changes';
import { formatDate } from '../format/dates';

const quote = (s: string) => `“${s}”`;

export function goalChanges(fields: readonly string[], current: Goal): ChangeLine[] {
  return fields.flatMap((field): ChangeLine[] => {
    switch (field) {
      case 'title':
        return [{ field, text: `The goal is now ${quote(current.title)}` }];
      case 'measure':
        return [{ field, text: `It is measured by ${quote(current.measure)}` }];
      case 'targetDate':
        return [{ field, text: `The target date is now ${formatDate(current.targetDate)}` }];
      case 'progress':
        return [{ field, text: `Progress is now ${current.progress}%` }];
      case 'status':
        return [{ field, text: `It is now ${current.status}` }];
      default:
        return [];
    }
  });
}
