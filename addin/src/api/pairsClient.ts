import { authorisedFetch, segment } from './authorisedFetch';
import { ApiError, apiErrorFromResponse, isApiError, unexpectedResponse } from './problem';
import type { ApiClientOptions } from './client';
import type {
  Agreement,
  Commitment,
  CommitmentChanges,
  CommitmentFilter,
  Goal,
  GoalChanges,
  NewCommitment,
  NewGoal,
  Pair,
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
  listGoals(pairId: string, signal?: AbortSignal): Promise<Goal[]>;
  addGoal(pairId: string, goal: NewGoal, signal?: AbortSignal): Promise<Goal>;
  updateGoal(goal: Versioned & { pairId: string }, changes: GoalChanges, signal?: AbortSignal): Promise<Goal>;
  listCommitments(pairId: string, status?: CommitmentFilter, signal?: AbortSignal): Promise<Commitment[]>;
  addCommitment(pairId: string, commitment: NewCommitment, signal?: AbortSignal): Promise<Commitment>;
  updateCommitment(commitment: Versioned & { pairId: string }, changes: CommitmentChanges, signal?: AbortSignal): Promise<Commitment>;
}

/**
 * A 412: someone else changed the resource after the pane read it. `current` is the resource as it is now (null
 * when the answer did not carry a readable one) and `changed` the fields that differ, as the API named them.
 */
export class ConcurrencyConflict<T = unknown> extends ApiError {
  constructor(
    readonly current: T | null,
    readonly changed: readonly string[],
    problem: ApiError,
  ) {
    super(
      'badRequest',
      412,
      'Someone else in your pair changed this while you were working on it, so your change was not saved yet.',
      problem.fieldErrors,
      problem.problem,
      problem.retryAfterSeconds,
    );
  }
}

export function isConcurrencyConflict(error: unknown): error is ConcurrencyConflict {
  return error instanceof ConcurrencyConflict;
}

type Check<T> = (body: unknown) => body is T;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasStrings = (v: Record<string, unknown>, ...keys: string[]) => keys.every((k) => typeof v[k] === 'string');

const isPair: Check<Pair> = (b): b is Pair =>
  isObject(b) && hasStrings(b, 'id', 'etag', 'status') && Array.isArray(b.members) && isObject(b.agreement) && hasStrings(b.agreement, 'purpose', 'startDate', 'plannedEndDate');
const isGoal: Check<Goal> = (b): b is Goal => isObject(b) && hasStrings(b, 'id', 'etag', 'pairId', 'ownerId', 'title') && typeof b.progress === 'number';
const isCommitment: Check<Commitment> = (b): b is Commitment =>
  isObject(b) && hasStrings(b, 'id', 'etag', 'pairId', 'ownerId', 'text', 'due', 'status');
const listOf =
  <T>(key: string, item: Check<T>): Check<Record<string, T[]>> =>
  (b): b is Record<string, T[]> =>
    isObject(b) && Array.isArray(b[key]) && (b[key] as unknown[]).every(item);

/**
 * "$.agreement.purpose", "Agreement.Purpose", "peers[1]" → "purpose", "purpose", "peers": the pane's forms key their
 * fields by the last segment of the request path, in camelCase.
 */
export function leafFieldName(field: string): string {
  const segments = field
    .replace(/^\$\.?/, '')
    .split('.')
    .map((s) => s.replace(/\[\d*\]/g, '').trim())
    .filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last === undefined) return 'body';
  return last.charAt(0).toLowerCase() + last.slice(1);
}

function leafFieldErrors(body: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!isObject(body) || !isObject(body.errors)) return result;
  for (const [field, messages] of Object.entries(body.errors)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter((m): m is string => typeof m === 'string');
    if (list.length === 0) continue;
    const key = leafFieldName(field);
    result[key] = [...(result[key] ?? []), ...list];
  }
  return result;
}

export function createPairsClient(options: ApiClientOptions): PairsApi {
  const send = authorisedFetch(options);

  async function failure<T>(response: Response, currentCheck: Check<T> | null): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.clone().json();
    } catch {
      body = null;
    }
    const base = await apiErrorFromResponse(response);
    if (response.status === 412) {
      const current = currentCheck !== null && isObject(body) && currentCheck(body.current) ? body.current : null;
      const changed = isObject(body) && Array.isArray(body.changed) ? body.changed.filter((c): c is string => typeof c === 'string') : [];
      return new ConcurrencyConflict<T>(current, changed, base);
    }
    // The pane shows a message next to the field it belongs to, which for nested requests is the path's last part.
    const fields = leafFieldErrors(body);
    return Object.keys(fields).length > 0 ? new ApiError(base.kind, base.status, base.userMessage, fields, base.problem, base.retryAfterSeconds) : base;
  }

  async function read<T>(response: Response, check: Check<T>, what: string): Promise<T> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw unexpectedResponse(`${what}: not JSON`);
    }
    // The contract puts the ETag in the body and the header; a body without it still gets the header's.
    const etag = response.headers.get('ETag');
    if (isObject(body) && typeof body.etag !== 'string' && etag !== null) body = { ...body, etag };
    if (!check(body)) throw unexpectedResponse(what);
    return body;
  }

  async function call<T>(path: string, init: RequestInit, check: Check<T>, what: string, conflictCheck: Check<T> | null = null): Promise<T> {
    const response = await send(path, init);
    if (!response.ok) throw await failure(response, conflictCheck);
    return read(response, check, what);
  }

  const get = (signal?: AbortSignal): RequestInit => ({ signal: signal ?? null });
  const json = (method: string, body: unknown, signal?: AbortSignal, etag?: string): RequestInit => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (etag !== undefined) headers['If-Match'] = etag;
    return { method, headers, body: JSON.stringify(body), signal: signal ?? null };
  };
  const pairPath = (pairId: string) => `/api/pairs/${segment(pairId)}`;
  const pairAction = (action: string) => (pair: Versioned, signal?: AbortSignal) =>
    call(`${pairPath(pair.id)}/${action}`, json('POST', {}, signal, pair.etag), isPair, 'pair', isPair);

  return {
    async listPairs(signal) {
      return (await call('/api/pairs', get(signal), listOf('pairs', isPair), 'pairs')).pairs ?? [];
    },
    getPair: (pairId, signal) => call(pairPath(pairId), get(signal), isPair, 'pair'),
    proposePair: (request, signal) => call('/api/pairs', json('POST', request, signal), isPair, 'pair'),
    updateAgreement: (pair, agreement, signal) => call(`${pairPath(pair.id)}/agreement`, json('PUT', agreement, signal, pair.etag), isPair, 'pair', isPair),
    acceptPair: pairAction('accept'),
    pausePair: pairAction('pause'),
    resumePair: pairAction('resume'),
    closePair: (pair, note, signal) => call(`${pairPath(pair.id)}/close`, json('POST', { note }, signal, pair.etag), isPair, 'pair', isPair),
    async listGoals(pairId, signal) {
      return (await call(`${pairPath(pairId)}/goals`, get(signal), listOf('goals', isGoal), 'goals')).goals ?? [];
    },
    addGoal: (pairId, goal, signal) => call(`${pairPath(pairId)}/goals`, json('POST', goal, signal), isGoal, 'goal'),
    updateGoal: (goal, changes, signal) =>
      call(`${pairPath(goal.pairId)}/goals/${segment(goal.id)}`, json('PATCH', changes, signal, goal.etag), isGoal, 'goal', isGoal),
    async listCommitments(pairId, status = 'open', signal) {
      const query = new URLSearchParams({ status });
      const body = await call(`${pairPath(pairId)}/commitments?${query.toString()}`, get(signal), listOf('commitments', isCommitment), 'commitments');
      return body.commitments ?? [];
    },
    addCommitment: (pairId, commitment, signal) => call(`${pairPath(pairId)}/commitments`, json('POST', commitment, signal), isCommitment, 'commitment'),
    updateCommitment: (commitment, changes, signal) =>
      call(
        `${pairPath(commitment.pairId)}/commitments/${segment(commitment.id)}`,
        json('PATCH', changes, signal, commitment.etag),
        isCommitment,
        'commitment',
        isCommitment,
      ),
  };
}

/** True for failures that another try could fix (not for a conflict or bad input, which need the person). */
export function isRetryable(error: unknown): boolean {
  return isApiError(error) && (error.kind === 'network' || error.kind === 'unavailable' || error.kind === 'server');
}
