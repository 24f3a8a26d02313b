import type { Cadence, Me } from '../api/types';
import type { Agreement, Pair, PairStatus } from '../api/pairTypes';
import { cadenceOptions, durationLabel } from '../format/sessionOptions';
import { formatDate } from '../format/dates';
import { differingFields, type ChangeLine } from '../format/changes';
import { joinNames, memberName, myUserId, personLabel, type PairPeople } from '../format/people';

export { joinNames, memberName, myUserId, personLabel, type ChangeLine, type PairPeople };

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

/** The other people in the pair, for its heading: "Ben Carter", "Ben Carter and Chloé Martin", "Ben, Chloé and Dan". */
export function pairTitle(pair: Pair, meId: string): string {
  const others = pair.members.filter((m) => m.userId !== meId).map(memberName);
  if (others.length === 0) return 'Just you';
  if (others.length === 1) return others[0] ?? '';
  if (others.length === 2) return `${others[0]} and ${others[1]}`;
  const firstNames = others.map((n) => n.split(' ')[0] ?? n);
  return `${firstNames.slice(0, -1).join(', ')} and ${firstNames[firstNames.length - 1]}`;
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

export const agreementFields = Object.keys(agreementFieldLabels) as (keyof Agreement)[];

/** Agreement fields that differ plus status and acceptances, for a pair. */
export function differingPairFields(seen: Pair, current: Pair): string[] {
  const changed: string[] = differingFields(seen.agreement, current.agreement, agreementFields);
  if (seen.status !== current.status) changed.push('status');
  const accepted = (p: Pair) => JSON.stringify(p.members.map((m) => [m.userId, m.acceptedAt !== null]));
  if (accepted(seen) !== accepted(current)) changed.push('members');
  return changed;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 sessions held" (or "No sessions held yet"). */
export function sessionsHeldLine(held: number): string {
  return held === 0 ? 'No sessions held yet' : `${plural(held, 'session', 'sessions')} held`;
}

/** "Commitments: 2 done, 4 open (1 overdue)"; null when the pair has none. */
export function commitmentsLine(counts: { open: number; overdue: number; done: number }): string | null {
  if (counts.open + counts.done === 0) return null;
  return `Commitments: ${counts.done} done, ${counts.open} open${counts.overdue > 0 ? ` (${counts.overdue} overdue)` : ''}`;
}

/** "Goals: 45% on average over 2, 1 achieved"; null when the pair has none active or achieved. */
export function goalsLine(counts: { active: number; achieved: number; averageProgress: number | null }): string | null {
  if (counts.active + counts.achieved === 0) return null;
  const parts: string[] = [];
  if (counts.active > 0 && counts.averageProgress !== null)
    parts.push(counts.active === 1 ? `1 under way, ${counts.averageProgress}% there` : `${counts.active} under way, ${counts.averageProgress}% there on average`);
  if (counts.achieved > 0) parts.push(`${counts.achieved} achieved`);
  return `Goals: ${parts.join(', ')}`;
}

/** The members whose acceptance of the current agreement is still missing, but me. */
export function waitingFor(pair: Pair, meId: string): string[] {
  return pair.members.filter((m) => m.userId !== meId && m.acceptedAt === null).map(memberName);
}

/** A pair that waits for me: proposed, and I have not accepted its current agreement. */
export function isInvitation(pair: Pair, meId: string): boolean {
  return pair.status === 'proposed' && pair.members.some((m) => m.userId === meId && m.acceptedAt === null);
}
