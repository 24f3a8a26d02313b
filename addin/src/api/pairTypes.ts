// The pane's names for the shapes of docs/pairs-api.md (pairs and their agreements, goals and commitments), all
// generated from the API's OpenAPI document; see types.ts. Dates are local calendar dates "yyyy-MM-dd". Every
// resource carries its ETag, which the pane sends back as If-Match when it changes the resource.

import type { JsonBody, Narrow, Schemas } from './http';
import type { Cadence } from './types';

/** Anything the API versions with an ETag. */
export interface Versioned {
  id: string;
  etag: string;
}

export type PairStatus = 'proposed' | 'active' | 'paused' | 'closed';
export type PairMember = Schemas['MemberResponse'];
export type Agreement = Narrow<Schemas['AgreementResponse'], { cadence: Cadence }>;
export type Pair = Narrow<Schemas['PairResponse'], { status: PairStatus; agreement: Agreement }>;
export type ProposePairRequest = JsonBody<'ProposePair'>;

export type GoalStatus = 'active' | 'achieved' | 'dropped';
export type Goal = Narrow<Schemas['GoalResponse'], { status: GoalStatus }>;
export type NewGoal = JsonBody<'AddGoal'>;
export type GoalChanges = JsonBody<'UpdateGoal'>;

export type CommitmentStatus = 'open' | 'done' | 'dropped';
export type Commitment = Narrow<Schemas['CommitmentResponse'], { status: CommitmentStatus }>;
export type NewCommitment = JsonBody<'AddCommitment'>;
export type CommitmentChanges = JsonBody<'UpdateCommitment'>;
export type CommitmentFilter = CommitmentStatus | 'all';

/** GET /api/pairs/{pairId}/summary: the pair's next session (whose turn it is) and its short history. */
export type PairSummary = Schemas['PairSummaryResponse'];
export type NextSessionSummary = Schemas['NextSessionSummary'];
