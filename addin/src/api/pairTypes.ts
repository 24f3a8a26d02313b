// The pane's view of docs/pairs-api.md: pairs and their agreements, goals and commitments. Instants are ISO-8601
// UTC strings ending in Z; dates are local calendar dates "yyyy-MM-dd". Every resource carries its ETag, which the
// pane sends back as If-Match when it changes the resource.

import type { Cadence } from './types';

/** Anything the API versions with an ETag. */
export interface Versioned {
  id: string;
  etag: string;
}

export type PairStatus = 'proposed' | 'active' | 'paused' | 'closed';

export interface PairMember {
  userId: string;
  mail: string;
  displayName: string;
  /** When this member accepted the current agreement; null until they do. */
  acceptedAt: string | null;
}

export interface Agreement {
  purpose: string;
  cadence: Cadence;
  durationMinutes: number;
  confidentiality: string;
  boundaries: string;
  startDate: string;
  plannedEndDate: string;
}

export interface Pair extends Versioned {
  status: PairStatus;
  members: PairMember[];
  agreement: Agreement;
  proposedBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closingNote: string | null;
}

export interface ProposePairRequest {
  /** Mail addresses of the other peers (1-3). */
  peers: string[];
  agreement: Agreement;
}

export type GoalStatus = 'active' | 'achieved' | 'dropped';

export interface Goal extends Versioned {
  pairId: string;
  ownerId: string;
  title: string;
  measure: string;
  targetDate: string;
  /** 0-100 */
  progress: number;
  status: GoalStatus;
  createdAt: string;
  updatedAt: string;
}

export interface NewGoal {
  title: string;
  measure: string;
  targetDate: string;
}

export type GoalChanges = Partial<Pick<Goal, 'title' | 'measure' | 'targetDate' | 'progress' | 'status'>>;

export type CommitmentStatus = 'open' | 'done' | 'dropped';

export interface Commitment extends Versioned {
  pairId: string;
  ownerId: string;
  text: string;
  due: string;
  status: CommitmentStatus;
  overdue: boolean;
  createdInSession: string | null;
  closedInSession: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface NewCommitment {
  text: string;
  /** A member's user id; the API defaults to the caller. */
  ownerId?: string;
  /** The API defaults to the pair's next session date, else today + cadence. */
  due?: string;
  sessionId?: string;
}

export interface CommitmentChanges {
  text?: string;
  due?: string;
  status?: CommitmentStatus;
  ownerId?: string;
  sessionId?: string;
}

export type CommitmentFilter = 'open' | 'done' | 'dropped' | 'all';
