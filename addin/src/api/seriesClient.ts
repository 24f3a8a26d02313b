import { createHttp, isObject, listOf, read, readWithResponse, succeed, withFields, type ApiClientOptions, type Check, type Failure, type ReadOptions } from './http';
import { ApiError } from './problem';
import type {
  CancelOccurrenceRequest,
  CreateSeriesRequest,
  RescheduleOccurrenceRequest,
  RescheduleSeriesRequest,
  Series,
  SeriesOccurrence,
} from './seriesTypes';
import type { PublicHoliday, SlotWarning } from './types';

/** The series routes of docs/series-api.md. */
export interface SeriesApi {
  listSeries(pairId: string, signal?: AbortSignal): Promise<Series[]>;
  getSeries(pairId: string, seriesId: string, signal?: AbortSignal): Promise<Series>;
  /** One attempt; see createSeriesWithRetries for the retrying intent. The key must be the same on every repeat. */
  createSeries(pairId: string, request: CreateSeriesRequest, idempotencyKey: string, signal?: AbortSignal): Promise<CreatedSeries>;
  listOccurrences(pairId: string, seriesId: string, range?: { from?: string; to?: string }, signal?: AbortSignal): Promise<SeriesOccurrence[]>;
  rescheduleSeries(series: Pick<Series, 'id' | 'etag' | 'pairId'>, request: RescheduleSeriesRequest, signal?: AbortSignal): Promise<Series>;
  rescheduleOccurrence(series: Pick<Series, 'id' | 'pairId'>, request: RescheduleOccurrenceRequest, signal?: AbortSignal): Promise<void>;
  cancelOccurrence(series: Pick<Series, 'id' | 'pairId'>, request: CancelOccurrenceRequest, signal?: AbortSignal): Promise<void>;
  endSeries(series: Pick<Series, 'id' | 'etag' | 'pairId'>, message: string, signal?: AbortSignal): Promise<Series>;
}

export interface CreatedSeries {
  series: Series;
  /** The API answered a repeat with the first result (Idempotent-Replayed: true). */
  replayed: boolean;
}

/**
 * A 409 from the series routes. Three kinds, told apart by the problem's extensions: `warnings` (a reschedule would
 * clash or leave working hours: resend with acceptWarnings), `seriesId` (the pair already has a series), or neither
 * (the same creation is still running: retry after Retry-After).
 */
export class SeriesConflict extends ApiError {
  constructor(
    readonly warnings: readonly SlotWarning[],
    readonly existingSeriesId: string | null,
    base: ApiError,
  ) {
    super('badRequest', 409, base.userMessage, base.fieldErrors, base.problem, base.retryAfterSeconds);
  }

  get inProgress(): boolean {
    return this.warnings.length === 0 && this.existingSeriesId === null;
  }
}

export function isSeriesConflict(error: unknown): error is SeriesConflict {
  return error instanceof SeriesConflict;
}

const isSeries: Check<Series> = (b): b is Series =>
  withFields<Series>('id', 'etag', 'pairId', 'status', 'organizerId', 'subject', 'anchorTimeZone', 'firstStart', 'pattern', 'event', 'agenda')(b) &&
  isObject(b.agenda) &&
  Array.isArray(b.agenda.sharedWith);
const isOccurrence = withFields<SeriesOccurrence>('id', 'start', 'end');

// The 409's warnings are a problem extension, not a declared answer: read what is there, with defaults for the rest.
function warningsOf(body: unknown): SlotWarning[] {
  if (!isObject(body) || !Array.isArray(body.warnings)) return [];
  return body.warnings
    .filter((w): w is Record<string, unknown> => isObject(w) && typeof w.message === 'string')
    .map((w) => ({
      kind: typeof w.kind === 'string' ? w.kind : 'conflict',
      mail: typeof w.mail === 'string' ? w.mail : '',
      dates: Array.isArray(w.dates) ? w.dates.filter((d): d is string => typeof d === 'string') : [],
      message: w.message as string,
      holidays: Array.isArray(w.holidays)
        ? w.holidays.filter((h): h is PublicHoliday => isObject(h) && typeof h.date === 'string' && typeof h.name === 'string' && typeof h.country === 'string')
        : null,
    }));
}

const seriesConflict: Failure = (response, body, base) =>
  response.status === 409 ? new SeriesConflict(warningsOf(body), isObject(body) && typeof body.seriesId === 'string' ? body.seriesId : null, base) : null;
const seriesFailures: ReadOptions<Series> = { conflict: isSeries, failure: seriesConflict };

export function createSeriesClient(options: ApiClientOptions): SeriesApi {
  const http = createHttp(options);
  const onSeries = (series: Pick<Series, 'id' | 'pairId'>) => ({ path: { pairId: series.pairId, seriesId: series.id } });

  return {
    async listSeries(pairId, signal) {
      const call = http.GET('/api/pairs/{pairId}/series', { params: { path: { pairId } }, signal: signal ?? null });
      return (await read(call, listOf('series', isSeries), 'series', { failure: seriesConflict })).series;
    },
    getSeries: (pairId, seriesId, signal) =>
      read(http.GET('/api/pairs/{pairId}/series/{seriesId}', { params: { path: { pairId, seriesId } }, signal: signal ?? null }), isSeries, 'series', seriesFailures),
    async createSeries(pairId, request, idempotencyKey, signal) {
      const call = http.POST('/api/pairs/{pairId}/series', {
        params: { path: { pairId } },
        body: request,
        headers: { 'Idempotency-Key': idempotencyKey },
        signal: signal ?? null,
      });
      const { body, response } = await readWithResponse(call, isSeries, 'series', seriesFailures);
      return { series: body, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
    },
    async listOccurrences(pairId, seriesId, range = {}, signal) {
      // An empty bound is left out, so the API takes its default.
      const query = { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
      const call = http.GET('/api/pairs/{pairId}/series/{seriesId}/occurrences', { params: { path: { pairId, seriesId }, query }, signal: signal ?? null });
      return (await read(call, listOf('occurrences', isOccurrence), 'occurrences', { failure: seriesConflict })).occurrences;
    },
    rescheduleSeries: (series, request, signal) =>
      read(
        http.PATCH('/api/pairs/{pairId}/series/{seriesId}', { params: onSeries(series), body: request, headers: { 'If-Match': series.etag }, signal: signal ?? null }),
        isSeries,
        'series',
        seriesFailures,
      ),
    rescheduleOccurrence: (series, request, signal) =>
      succeed(http.POST('/api/pairs/{pairId}/series/{seriesId}/occurrences/reschedule', { params: onSeries(series), body: request, signal: signal ?? null }), { failure: seriesConflict }),
    cancelOccurrence: (series, request, signal) =>
      succeed(http.POST('/api/pairs/{pairId}/series/{seriesId}/occurrences/cancel', { params: onSeries(series), body: request, signal: signal ?? null }), { failure: seriesConflict }),
    endSeries: (series, message, signal) =>
      read(
        http.POST('/api/pairs/{pairId}/series/{seriesId}/end', { params: onSeries(series), body: { message }, headers: { 'If-Match': series.etag }, signal: signal ?? null }),
        isSeries,
        'series',
        seriesFailures,
      ),
  };
}
