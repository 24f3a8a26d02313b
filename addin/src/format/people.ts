import type { Me } from '../api/types';
import type { PairMember, PairStatus } from '../api/pairTypes';
import { firstName } from './time';

const sameMail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** My user id in this pair: the member with my mail address, else the id /api/me gave. */
export function myUserId(pair: { members: readonly Pick<PairMember, 'userId' | 'mail'>[] }, me: Me): string {
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

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "Your turn to bring a challenge" or "Ben’s turn to bring a challenge"; null when the session names no one. */
export function focusLine(focusUserId: string | null, members: readonly Pick<PairMember, 'userId' | 'displayName' | 'mail'>[], meId: string): string | null {
  if (focusUserId === null) return null;
  if (focusUserId === meId) return 'Your turn to bring a challenge';
  const member = members.find((m) => m.userId === focusUserId);
  if (member === undefined) return null;
  return `${firstName(member.displayName, member.mail)}\u2019s turn to bring a challenge`;
}
