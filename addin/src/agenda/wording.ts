import type { Me } from '../api/types';
import { focusLine, joinNames, memberName } from '../format/people';
import { sessionWhen, viewerZone } from '../format/time';
import type { AgendaMember } from '../api/agendaTypes';

export { focusLine, sessionWhen, viewerZone };

const sameMail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** My user id among the session's members: the member with my mail, else the id /api/me gave. */
export function myIdAmong(members: readonly AgendaMember[], me: Pick<Me, 'id' | 'mail'>): string {
  return members.find((m) => sameMail(m.mail, me.mail))?.userId ?? me.id;
}

/** "Session with Ben Carter" (the others in the pair). */
export function sessionTitle(members: readonly AgendaMember[], meId: string): string {
  const others = members.filter((m) => m.userId !== meId).map(memberName);
  return others.length === 0 ? 'Mentoring session' : `Session with ${joinNames(others)}`;
}

export const ratingWords: Record<number, string> = {
  1: 'Not useful',
  2: 'A little useful',
  3: 'Useful',
  4: 'Very useful',
  5: 'Excellent',
};
