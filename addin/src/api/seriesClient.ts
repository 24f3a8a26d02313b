import type { ApiClientOptions } from './client';
import { authorisedFetch, segment } from './authorisedFetch';
import { ApiError, apiErrorFromResponse, unexpectedResponse } from './problem';
import { ConcurrencyConflict, leafFieldName } from './pairsClient';
import type {
  CancelOccurrenceRequest,
  CreateSeriesRequest,
  RescheduleOccurrenceRequest,
  RescheduleSeriesRequest,
  Series,
  SeriesOccurrence,
  SlotWarning,
} from './seriesTypes';
import type { PublicHoliday } from './types';

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

type Check<T> = (body: unknown) => body is T;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasStrings = (v: Record<string, unknown>, ...keys: string[]) => keys.every((k) => typeof v[k] === 'string');

const isSeries: Check<Series> = (b): b is Series =>
  isObject(b) &&
  hasStrings(b, 'id', 'etag', 'pairId', 'status', 'organizerId', 'subject', 'anchorTimeZone', 'firstStart') &&
  isObject(b.pattern) &&
  isObject(b.event) &&
  isObject(b.agenda) &&
  Array.isArray(b.agenda.sharedWith);
const isSeriesList = (b: unknown): b is { series: Series[] } => isObject(b) && Array.isArray(b.series) && b.series.every(isSeries);
const isOccurrences = (b: unknown): b is { occurrences: SeriesOccurrence[] } =>
  isObject(b) && Array.isArray(b.occurrences) && b.occurrences.every((o) => isObject(o) && hasStrings(o, 'id', 'start', 'end'));

function warningsOf(body: unknown): SlotWarning[] {
  if (!isObject(body) || !Array.isArray(body.warnings)) return [];
  return body.warnings
    .filter((w): w is Record<string, unknown> => isObject(w) && typeof w.message === 'string')
    .map((w) => ({
      kind: typeof w.kind === 'string' ? w.kind : 'conflict',
      mail: typeof w.mail === 'string' ? w.mail : null,
      dates: Array.isArray(w.dates) ? w.dates.filter((d): d is string => typeof d === 'string') : [],
      message: w.message as string,
      holidays: Array.isArray(w.holidays)
        ? w.holidays.filter((h): h is PublicHoliday => isObject(h) && typeof h.date === 'string' && typeof h.name === 'string' && typeof h.country === 'string')
        : null,
    }));
}

export function createSeriesClient(options: ApiClientOptions): SeriesApi {
  const send = authorisedFetch(options);

  async function failure(response: Response): Promise<ApiError> {
    let body: unknown = null;
    try {
      body = await response.clone().json();
    } catch {
      body = null;
    }
    const base = await apiErrorFromResponse(response);
    if (response.status === 412) {
      const current = isObject(body) && isSeries(body.current) ? body.current : null;
      const changed = isObject(body) && Array.isArray(body.changed) ? body.changed.filter((c): c is string => typeof c === 'string') : [];
      return new ConcurrencyConflict<Series>(current, changed, base);
    }
    if (response.status === 409) {
      const seriesId = isObject(body) && typeof body.seriesId === 'string' ? body.seriesId : null;
      return new SeriesConflict(warningsOf(body), seriesId, base);
    }
    // Nested fields ("end.date") land on the field named by the path's last part, as in the pairs forms.
    const fields: Record<string, string[]> = {};
    if (isObject(body) && isObject(body.errors)) {
      for (const [field, messages] of Object.entries(body.errors)) {
        const list = (Array.isArray(messages) ? messages : [messages]).filter((m): m is string => typeof m === 'string');
        if (list.length > 0) fields[leafFieldName(field)] = [...(fields[leafFieldName(field)] ?? []), ...list];
      }
    }
    return Object.keys(fields).length > 0 ? new ApiError(base.kind, base.status, base.userMessage, fields, base.problem, base.retryAfterSeconds) : base;
  }

  async function read<T>(response: Response, check: Check<T>, what: string): Promise<T> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw unexpectedResponse(`${what}: not JSON`);
    }
    const etag = response.headers.get('ETag');
    if (isObject(body) && typeof body.etag !== 'string' && etag !== null) body = { ...body, etag };
    if (!check(body)) throw unexpectedResponse(what);
    return body;
  }

  async function call<T>(path: string, init: RequestInit, check: Check<T>, what: string): Promise<T> {
    const response = await send(path, init);
    if (!response.ok) throw await failure(response);
    return read(response, check, what);
  }

  async function act(path: string, init: RequestInit): Promise<void> {
    const response = await send(path, init);
    if (!response.ok) throw await failure(response);
  }

  const json = (method: string, body: unknown, signal?: AbortSignal, headers: Record<string, string> = {}): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
  const seriesPath = (pairId: string, seriesId?: string) => `/api/pairs/${segment(pairId)}/series${seriesId === undefined ? '' : `/${segment(seriesId)}`}`;

  return {
    async listSeries(pairId, signal) {
      return (await call(seriesPath(pairId), { signal: signal ?? null }, isSeriesList, 'series')).series;
    },
    getSeries: (pairId, seriesId, signal) => call(seriesPath(pairId, seriesId), { signal: signal ?? null }, isSeries, 'series'),
    async createSeries(pairId, request, idempotencyKey, signal) {
      const response = await send(seriesPath(pairId), json('POST', request, signal, { 'Idempotency-Key': idempotencyKey }));
      if (!response.ok) throw await failure(response);
      const series = await read(response, isSeries, 'series');
      return { series, replayed: response.headers.get('Idempotent-Replayed') === 'true' };
    },
    async listOccurrences(pairId, seriesId, range = {}, signal) {
      const query = new URLSearchParams();
      if (range.from) query.set('from', range.from);
      if (range.to) query.set('to', range.to);
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return (await call(`${seriesPath(pairId, seriesId)}/occurrences${suffix}`, { signal: signal ?? null }, isOccurrences, 'occurrences')).occurrences;
    },
    rescheduleSeries: (series, request, signal) =>
      call(seriesPath(series.pairId, series.id), json('PATCH', request, signal, { 'If-Match': series.etag }), isSeries, 'series'),
    rescheduleOccurrence: (series, request, signal) => act(`${seriesPath(series.pairId, series.id)}/occurrences/reschedule`, json('POST', request, signal)),
    cancelOccurrence: (series, request, signal) => act(`${seriesPath(series.pairId, series.id)}/occurrences/cancel`, json('POST', request, signal)),
    endSeries: (series, message, signal) =>
      call(`${seriesPath(series.pairId, series.id)}/end`, json('POST', { message }, signal, { 'If-Match': series.etag }), isSeries, 'series'),
  };
}
