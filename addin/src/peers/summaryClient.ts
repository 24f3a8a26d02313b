import { createHttp, isObject, read, withFields, type ApiClientOptions, type Check, type Schemas } from '../api/http';

/** GET /api/pairs/{pairId}/summary: the pair's next session (whose turn it is) and its short history. */
export type PairSummary = Schemas['PairSummaryResponse'];
export type NextSessionSummary = Schemas['NextSessionSummary'];

export interface PairSummaryApi {
  getSummary(pairId: string, signal?: AbortSignal): Promise<PairSummary>;
}

const isSummary: Check<PairSummary> = (b): b is PairSummary =>
  withFields<PairSummary>('sessionsHeld', 'commitments', 'goals')(b) &&
  isObject(b.commitments) &&
  isObject(b.goals) &&
  (b.nextSession === null || withFields<NextSessionSummary>('sessionId', 'start', 'end')(b.nextSession));

export function createPairSummaryClient(options: ApiClientOptions): PairSummaryApi {
  const http = createHttp(options);
  return {
    getSummary: (pairId, signal) =>
      read(http.GET('/api/pairs/{pairId}/summary', { params: { path: { pairId } }, signal: signal ?? null }), isSummary, 'pair summary'),
  };
}
