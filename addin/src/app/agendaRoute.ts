import type { AgendaTarget } from '../peers/agendaLinks';

const prefix = '#agenda/';
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The page address that opens a session's Agenda view: "#agenda/p_…/s_…" (a new tab or window opens the pane there). */
export function agendaHash(target: AgendaTarget): string {
  return `${prefix}${encodeURIComponent(target.pairId)}/${encodeURIComponent(target.sessionId)}`;
}

/** The session an address names (see agendaHash), or null. */
export function agendaTargetOf(hash: string): AgendaTarget | null {
  if (!hash.startsWith(prefix)) return null;
  const [pairId, sessionId, ...rest] = hash.slice(prefix.length).split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return '';
    }
  });
  if (rest.length > 0 || pairId === undefined || sessionId === undefined || !idPattern.test(pairId) || !idPattern.test(sessionId)) return null;
  return { pairId, sessionId };
}
