import type { Me } from '../api/types';
import { joinNames, memberName } from '../format/people';
import { firstName, formatClock, formatLongDate, localPartsAt } from '../format/time';
import type { AgendaMember } from '../api/agendaTypes';

/** The zone the viewer reads times in: their mailbox's (from /api/me), else the browser's. */
export function viewerZone(me: Pick<Me, 'timeZone'>): string {
  return me.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

const sameMail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** My user id among the session's members: the member with my mail, else the id /api/me gave. */
export function myIdAmong(members: readonly AgendaMember[], me: Pick<Me, 'id' | 'mail'>): string {
  return members.find((m) => sameMail(m.mail, me.mail))?.userId ?? me.id;
}

/** "Tue 1 Dec 2026, 12:00–13:00" on the wall clock of `timeZone`; an end past midnight adds "(+1 day)". */
export function sessionWhen(start: string, end: string, timeZone: string): string {
  const from = localPartsAt(start, timeZone);
  const to = localPartsAt(end, timeZone);
  const sameDay = from.year === to.year && from.month === to.month && from.day === to.day;
  return `${formatLongDate(from)}, ${formatClock(from)}\u2013${formatClock(to)}${sameDay ? '' : ' (+1 day)'}`;
}

/** "Your turn to bring a challenge" or "Ben’s turn to bring a challenge"; null when the session names no one. */
export function focusLine(focusUserId: string | null, members: readonly AgendaMember[], meId: string): string | null {
  if (focusUserId === null) return null;
  if (focusUserId === meId) return 'Your turn to bring a challenge';
  const member = members.find((m) => m.userId === focusUserId);
  if (member === undefined) return null;
  return `${firstName(member.displayName, member.mail)}\u2019s turn to bring a challenge`;
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
