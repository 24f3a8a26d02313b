// The pane's names for the shapes of docs/series-api.md (a pair's recurring series with its Teams meeting and shared
// OneNote agenda), all generated from the API's OpenAPI document; see types.ts.

import type { JsonBody, Narrow, Schemas } from './http';
import type { Cadence, RecurrencePattern } from './types';

export type SeriesStatus = 'creating' | 'active' | 'ended';
export type CreateSeriesRequest = JsonBody<'CreateSeries'>;
export type Series = Narrow<Schemas['SeriesResponse'], { status: SeriesStatus; cadence: Cadence; pattern: RecurrencePattern }>;
export type SeriesOccurrence = Schemas['OccurrenceResponse'];
export type RescheduleSeriesRequest = JsonBody<'RescheduleSeries'>;
export type RescheduleOccurrenceRequest = JsonBody<'RescheduleSeriesOccurrence'>;
export type CancelOccurrenceRequest = JsonBody<'CancelSeriesOccurrence'>;
