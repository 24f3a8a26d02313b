import type { Pair } from '../api/pairTypes';
import { isApiError } from '../api/problem';
import type { CreatedSeries, SeriesApi } from '../api/seriesClient';
import { isSeriesConflict } from '../api/seriesClient';
import type { CreateSeriesRequest } from '../api/seriesTypes';
import type { Suggestion } from '../api/types';

/** Waits; tests pass one that resolves at once (and records the delays) instead of a timer. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const timerSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** One "Create series" intent gets one key, sent again on every retry and repeat click (8-100 of A-Z a-z 0-9 _ -). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Worth repeating with the same key: no answer at all (the first attempt may have gone through), the service or
 * Microsoft 365 busy (429/502/503/504), or the same creation still running (409 without seriesId or warnings).
 */
export function isRetryable(error: unknown): boolean {
  if (isSeriesConflict(error)) return error.inProgress;
  if (!isApiError(error)) return false;
  return error.kind === 'network' || [429, 502, 503, 504].includes(error.status);
}

function delayFor(error: unknown, attempt: number, policy: RetryPolicy): number {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const retryAfter = isApiError(error) && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 0;
  return Math.min(Math.max(backoff, retryAfter), policy.maxDelayMs);
}

export interface CreateOptions {
  sleep?: Sleep;
  policy?: RetryPolicy;
  signal?: AbortSignal;
  /** Told before each wait, e.g. to say "Still setting up…". */
  onRetry?: (attempt: number, delayMs: number) => void;
}

/** Creates the series, repeating transient failures with the same Idempotency-Key a bounded number of times. */
export async function createSeriesWithRetries(
  api: Pick<SeriesApi, 'createSeries'>,
  pairId: string,
  request: CreateSeriesRequest,
  idempotencyKey: string,
  options: CreateOptions = {},
): Promise<CreatedSeries> {
  const policy = options.policy ?? defaultRetryPolicy;
  const sleep = options.sleep ?? timerSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createSeries(pairId, request, idempotencyKey, options.signal);
    } catch (error) {
      if (options.signal?.aborted || attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const delay = delayFor(error, attempt, policy);
      options.onRetry?.(attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** The request for a suggested slot: the slot gives when and where; the pair's agreement gives cadence, length and end. */
export function seriesRequestFor(suggestion: Suggestion, pair: Pair): CreateSeriesRequest {
  return {
    firstStart: suggestion.recurrence.firstStart,
    anchorTimeZone: suggestion.recurrence.anchorTimeZone,
    cadence: pair.agreement.cadence,
    durationMinutes: pair.agreement.durationMinutes,
    end: { date: pair.agreement.plannedEndDate },
  };
}

const key = (mail: string) => mail.trim().toLowerCase();

/** The active pair whose members are exactly me and these peers, if there is one. */
export function pairForPeople(pairs: readonly Pair[], myMail: string, peers: readonly string[]): Pair | null {
  const wanted = new Set([key(myMail), ...peers.map(key)]);
  return (
    pairs.find(
      (pair) => pair.status === 'active' && pair.members.length === wanted.size && pair.members.every((m) => wanted.has(key(m.mail))),
    ) ?? null
  );
}
