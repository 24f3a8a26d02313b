import { authorisedFetch, segment } from '../api/authorisedFetch';
import type { ApiClientOptions } from '../api/client';
import { apiErrorFromResponse, unexpectedResponse } from '../api/problem';
import type { components } from '../api/schema';

/** GET /api/pairs/{pairId}/summary: the pair's next session (whose turn it is) and its short history. */
export type PairSummary = components['schemas']['PairSummaryResponse'];
export type NextSessionSummary = components['schemas']['NextSessionSummary'];

export interface PairSummaryApi {
  getSummary(pairId: string, signal?: AbortSignal): Promise<PairSummary>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isSummary = (b: unknown): b is PairSummary =>
  isObject(b) &&
  typeof b.sessionsHeld === 'number' &&
  isObject(b.commitments) &&
  isObject(b.goals) &&
  (b.nextSession === null || (isObject(b.nextSession) && typeof b.nextSession.sessionId === 'string' && typeof b.nextSession.start === 'string'));

export function createPairSummaryClient(options: ApiClientOptions): PairSummaryApi {
  const send = authorisedFetch(options);
  return {
    async getSummary(pairId, signal) {
      const response = await send(`/api/pairs/${segment(pairId)}/summary`, { signal: signal ?? null });
      if (!response.ok) throw await apiErrorFromResponse(response);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw unexpectedResponse('pair summary: not JSON');
      }
      if (!isSummary(body)) throw unexpectedResponse('pair summary');
      return body;
    },
  };
}
