/** A session of a pair, as its Agenda view is opened. */
export interface AgendaTarget {
  pairId: string;
  sessionId: string;
}

/** How My peers opens a session's Agenda view: a link's address (for a new tab) and the in-pane navigation. */
export interface AgendaLinks {
  href: (target: AgendaTarget) => string;
  open: (target: AgendaTarget) => void;
}
