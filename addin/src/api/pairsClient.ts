import { createHttp, isObject, listOf, read, withFields, type ApiClientOptions, type Check } from './http';
import type {
  Agreement,
  Commitment,
  CommitmentChanges,
  CommitmentFilter,
  Goal,
  GoalChanges,
  NewCommitment,
  NewGoal,
  NextSessionSummary,
  Pair,
  PairSummary,
  ProposePairRequest,
  Versioned,
} from './pairTypes';

/** The pairs routes of docs/pairs-api.md. Changes to an existing resource send its ETag as If-Match. */
export interface PairsApi {
  listPairs(signal?: AbortSignal): Promise<Pair[]>;
  getPair(pairId: string, signal?: AbortSignal): Promise<Pair>;
  proposePair(request: ProposePairRequest, signal?: AbortSignal): Promise<Pair>;
  updateAgreement(pair: Versioned, agreement: Agreement, signal?: AbortSignal): Promise<Pair>;
  acceptPair(pair: Versioned, signal?: AbortSignal): Promise<Pair>;
  pausePair(pair: Versioned, signal?: AbortSignal): Promise<Pair>;
  resumePair(pair: Versioned, signal?: AbortSignal): Promise<Pair>;
  closePair(pair: Versioned, note: string, signal?: AbortSignal): Promise<Pair>;
  getSummary(pairId: string, signal?: AbortSignal): Promise<PairSummary>;
  listGoals(pairId: string, signal?: AbortSignal): Promise<Goal[]>;
  addGoal(pairId: string, goal: NewGoal, signal?: AbortSignal): Promise<Goal>;
  updateGoal(goal: Versioned & { pairId: string }, changes: GoalChanges, signal?: AbortSignal): Promise<Goal>;
  listCommitments(pairId: string, status?: CommitmentFilter, signal?: AbortSignal): Promise<Commitment[]>;
  addCommitment(pairId: string, commitment: NewCommitment, signal?: AbortSignal): Promise<Commitment>;
  updateCommitment(commitment: Versioned & { pairId: string }, changes: CommitmentChanges, signal?: AbortSignal): Promise<Commitment>;
}

const isAgreement = withFields<Agreement>('purpose', 'startDate', 'plannedEndDate');
const isPair: Check<Pair> = (b): b is Pair => withFields<Pair>('id', 'etag', 'status', 'members', 'agreement')(b) && Array.isArray(b.members) && isAgreement(b.agreement);
const isGoal = withFields<Goal>('id', 'etag', 'pairId', 'ownerId', 'title', 'progress');
const isCommitment = withFields<Commitment>('id', 'etag', 'pairId', 'ownerId', 'text', 'due', 'status');
const isSummary: Check<PairSummary> = (b): b is PairSummary =>
  withFields<PairSummary>('sessionsHeld', 'commitments', 'goals')(b) &&
  isObject(b.commitments) &&
  isObject(b.goals) &&
  (b.nextSession === null || withFields<NextSessionSummary>('sessionId', 'start', 'end')(b.nextSession));

export function createPairsClient(options: ApiClientOptions): PairsApi {
  const http = createHttp(options);
  const ifMatch = (item: Versioned) => ({ 'If-Match': item.etag });
  const pairAction = (action: '/api/pairs/{pairId}/accept' | '/api/pairs/{pairId}/pause' | '/api/pairs/{pairId}/resume') => (pair: Versioned, signal?: AbortSignal) =>
    read(http.POST(action, { params: { path: { pairId: pair.id } }, headers: ifMatch(pair), signal: signal ?? null }), isPair, 'pair', { conflict: isPair });

  return {
    async listPairs(signal) {
      return (await read(http.GET('/api/pairs', { signal: signal ?? null }), listOf('pairs', isPair), 'pairs')).pairs;
    },
    getPair: (pairId, signal) => read(http.GET('/api/pairs/{pairId}', { params: { path: { pairId } }, signal: signal ?? null }), isPair, 'pair'),
    proposePair: (request, signal) => read(http.POST('/api/pairs', { body: request, signal: signal ?? null }), isPair, 'pair'),
    updateAgreement: (pair, agreement, signal) =>
      read(
        http.PUT('/api/pairs/{pairId}/agreement', { params: { path: { pairId: pair.id } }, body: agreement, headers: ifMatch(pair), signal: signal ?? null }),
        isPair,
        'pair',
        { conflict: isPair },
      ),
    acceptPair: pairAction('/api/pairs/{pairId}/accept'),
    pausePair: pairAction('/api/pairs/{pairId}/pause'),
    resumePair: pairAction('/api/pairs/{pairId}/resume'),
    closePair: (pair, note, signal) =>
      read(
        http.POST('/api/pairs/{pairId}/close', { params: { path: { pairId: pair.id } }, body: { note }, headers: ifMatch(pair), signal: signal ?? null }),
        isPair,
        'pair',
        { conflict: isPair },
      ),
    getSummary: (pairId, signal) =>
      read(http.GET('/api/pairs/{pairId}/summary', { params: { path: { pairId } }, signal: signal ?? null }), isSummary, 'pair summary'),
    async listGoals(pairId, signal) {
      return (await read(http.GET('/api/pairs/{pairId}/goals', { params: { path: { pairId } }, signal: signal ?? null }), listOf('goals', isGoal), 'goals')).goals;
    },
    addGoal: (pairId, goal, signal) => read(http.POST('/api/pairs/{pairId}/goals', { params: { path: { pairId } }, body: goal, signal: signal ?? null }), isGoal, 'goal'),
    updateGoal: (goal, changes, signal) =>
      read(
        http.PATCH('/api/pairs/{pairId}/goals/{goalId}', {
          params: { path: { pairId: goal.pairId, goalId: goal.id } },
          body: changes,
          headers: ifMatch(goal),
          signal: signal ?? null,
        }),
        isGoal,
        'goal',
        { conflict: isGoal },
      ),
    async listCommitments(pairId, status = 'open', signal) {
      const call = http.GET('/api/pairs/{pairId}/commitments', { params: { path: { pairId }, query: { status } }, signal: signal ?? null });
      return (await read(call, listOf('commitments', isCommitment), 'commitments')).commitments;
    },
    addCommitment: (pairId, commitment, signal) =>
      read(http.POST('/api/pairs/{pairId}/commitments', { params: { path: { pairId } }, body: commitment, signal: signal ?? null }), isCommitment, 'commitment'),
    updateCommitment: (commitment, changes, signal) =>
      read(
        http.PATCH('/api/pairs/{pairId}/commitments/{commitmentId}', {
          params: { path: { pairId: commitment.pairId, commitmentId: commitment.id } },
          body: changes,
          headers: ifMatch(commitment),
          signal: signal ?? null,
        }),
        isCommitment,
        'commitment',
        { conflict: isCommitment },
      ),
  };
}

