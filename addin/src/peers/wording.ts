import type { Cadence, Me } from '../api/types';
import type { Agreement, Commitment, Goal, Pair, PairMember, PairStatus } from '../api/pairTypes';
import { cadenceOptions, durationLabel } from '../schedule/options';
import { formatDate } from './dates';

export const statusLabels: Record<PairStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  paused: 'Paused',
  closed: 'Closed',
};

export function statusLabel(status: string): string {
  return statusLabels[status as PairStatus] ?? status;
}

export function cadenceLabel(cadence: Cadence | string): string {
  return cadenceOptions.find((o) => o.value === cadence)?.label ?? cadence;
}

export { durationLabel };

const sameMail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** My user id in this pair: the member with my mail address, else the id /api/me gave. */
export function myUserId(pair: Pair, me: Me): string {
  return pair.members.find((m) => sameMail(m.mail, me.mail))?.userId ?? me.id;
}

/** What naming people needs from a pair: its id, status and members (a Pair, or a session agenda's members). */
export interface PairPeople {
  id: string;
  status: PairStatus;
  members: readonly Pick<PairMember, 'userId' | 'displayName' | 'mail'>[];
}

export function memberName(member: Pick<PairMember, 'displayName' | 'mail'>): string {
  return member.displayName.trim() || member.mail;
}

/** Who a user id is in this pair: "You", a member's name, or "Someone who left the pair". */
export function personLabel(pair: PairPeople, userId: string | null, meId: string): string {
  if (userId === null) return 'Someone';
  if (userId === meId) return 'You';
  const member = pair.members.find((m) => m.userId === userId);
  return member ? memberName(member) : 'Someone outside the pair';
}

/** The other people in the pair, for its heading: "Ben Carter", "Ben Carter and Chloé Martin", "Ben, Chloé and Dan". */
export function pairTitle(pair: Pair, meId: string): string {
  const others = pair.members.filter((m) => m.userId !== meId).map(memberName);
  if (others.length === 0) return 'Just you';
  if (others.length === 1) return others[0] ?? '';
  if (others.length === 2) return `${others[0]} and ${others[1]}`;
  const firstNames = others.map((n) => n.split(' ')[0] ?? n);
  return `${firstNames.slice(0, -1).join(', ')} and ${firstNames[firstNames.length - 1]}`;
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const agreementFieldLabels: Record<keyof Agreement, string> = {
  purpose: 'Purpose',
  cadence: 'How often',
  durationMinutes: 'Length',
  confidentiality: 'Confidentiality',
  boundaries: 'Boundaries',
  startDate: 'Starts',
  plannedEndDate: 'Planned end',
};

function agreementValue(field: keyof Agreement, agreement: Agreement): string {
  switch (field) {
    case 'cadence':
      return cadenceLabel(agreement.cadence);
    case 'durationMinutes':
      return durationLabel(agreement.durationMinutes);
    case 'startDate':
    case 'plannedEndDate':
      return formatDate(agreement[field]);
    default:
      return agreement[field] === '' ? '(none)' : `“${agreement[field]}”`;
  }
}

/** One line per changed thing, as the person reads it: "Due is now Tue 8 Dec 2026". */
export interface ChangeLine {
  field: string;
  text: string;
}

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

export function pairChanges(fields: readonly string[], current: Pair): ChangeLine[] {
  return fields.flatMap((field): ChangeLine[] => {
    if (field in agreementFieldLabels) {
      const key = field as keyof Agreement;
      return [{ field, text: `${agreementFieldLabels[key]}: ${agreementValue(key, current.agreement)}` }];
    }
    if (field === 'status') return [{ field, text: `The pair is now ${statusLabel(current.status).toLowerCase()}` }];
    if (field === 'members') return [{ field, text: 'Who has accepted the agreement changed' }];
    if (field === 'agreement') return [{ field, text: 'The agreement was edited' }];
    return [];
  });
}

/** The fields that differ between what the pane showed and what is stored now. */
export function differingFields<T extends object>(seen: T, current: T, fields: readonly (keyof T & string)[]): string[] {
  return fields.filter((f) => JSON.stringify(seen[f]) !== JSON.stringify(current[f]));
}

export const agreementFields = Object.keys(agreementFieldLabels) as (keyof Agreement)[];

/** Agreement fields that differ plus status and acceptances, for a pair. */
export function differingPairFields(seen: Pair, current: Pair): string[] {
  const changed: string[] = differingFields(seen.agreement, current.agreement, agreementFields);
  if (seen.status !== current.status) changed.push('status');
  const accepted = (p: Pair) => JSON.stringify(p.members.map((m) => [m.userId, m.acceptedAt !== null]));
  if (accepted(seen) !== accepted(current)) changed.push('members');
  return changed;
}
