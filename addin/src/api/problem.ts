import { consentRequiredMessage, tenantNotAllowedMessage } from '../auth/entraErrors';

/** Why an API call failed, in the terms the pane reacts to. */
export type ApiErrorKind =
  | 'validation' // 400 with field errors: show them next to the fields
  | 'badRequest' // other 4xx the user can fix
  | 'unauthorized' // 401: sign in again
  | 'forbidden'
  | 'notFound'
  | 'unavailable' // 429/502/503/504: Microsoft 365 or the service is busy; try again later
  | 'server' // other 5xx
  | 'network' // no response at all
  | 'unexpectedResponse'; // a 2xx whose body is not what the contract says

/** RFC 9457 problem details, as the backend sends them (ASP.NET Core's ValidationProblem adds `errors`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  /** Extension on a 403: nobody has consented to the app acting for this user (on-behalf-of was refused for it). */
  consentRequired?: boolean;
  /** Extension on a 403: the user's Microsoft 365 tenant is not on the service's allow-list. */
  tenantNotAllowed?: boolean;
}

/** A failed API call: carries the problem details and a message meant for the person using the pane. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    readonly userMessage: string,
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
    readonly problem: ProblemDetails | null = null,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(userMessage);
  }

  /** The messages for one request field (camelCase, as in docs/api.md), or none. */
  fieldMessages(field: string): readonly string[] {
    return this.fieldErrors[field] ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
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

function kindForStatus(status: number, hasFieldErrors: boolean): ApiErrorKind {
  if (status === 400 && hasFieldErrors) return 'validation';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 429 || status === 502 || status === 503 || status === 504) return 'unavailable';
  if (status >= 500) return 'server';
  return 'badRequest';
}

/** Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

function waitPhrase(seconds: number | null): string {
  if (seconds === null) return 'Try again in a moment.';
  if (seconds <= 1) return 'Try again in a second.';
  if (seconds < 90) return `Try again in ${seconds} seconds.`;
  return `Try again in ${Math.round(seconds / 60)} minutes.`;
}

function messageFor(kind: ApiErrorKind, status: number, problem: ProblemDetails | null, retryAfter: number | null): string {
  const detail = problem?.detail?.trim();
  switch (kind) {
    case 'validation':
      return detail || 'Some of the choices need a change. See the notes next to them.';
    case 'unauthorized':
      return 'Your sign-in has expired. Sign in again to continue.';
    case 'forbidden':
      if (problem?.consentRequired === true) return consentRequiredMessage;
      if (problem?.tenantNotAllowed === true) return tenantNotAllowedMessage;
      return detail || 'Your account is not allowed to do this.';
    case 'notFound':
      return detail || 'The service could not find what the pane asked for.';
    case 'unavailable':
      return `${detail || 'Microsoft 365 is busy right now.'} ${waitPhrase(retryAfter)}`;
    case 'server':
      return `Something went wrong on our side (HTTP ${status}). ${waitPhrase(retryAfter)}`;
    default:
      return detail || problem?.title?.trim() || `The request was not accepted (HTTP ${status}).`;
  }
}

function asProblem(body: unknown): ProblemDetails | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const candidate = body as Record<string, unknown>;
  const problem: ProblemDetails = {};
  if (typeof candidate.type === 'string') problem.type = candidate.type;
  if (typeof candidate.title === 'string') problem.title = candidate.title;
  if (typeof candidate.status === 'number') problem.status = candidate.status;
  if (typeof candidate.detail === 'string') problem.detail = candidate.detail;
  if (typeof candidate.instance === 'string') problem.instance = candidate.instance;
  if (candidate.consentRequired === true || (typeof candidate.type === 'string' && /consent-?required$/i.test(candidate.type))) {
    problem.consentRequired = true;
  }
  // The backend may say it with a flag or with its problem type (…/tenant-not-allowed).
  if (candidate.tenantNotAllowed === true || (typeof candidate.type === 'string' && /tenant-?not-?allowed$/i.test(candidate.type))) {
    problem.tenantNotAllowed = true;
  }
  if (typeof candidate.errors === 'object' && candidate.errors !== null && !Array.isArray(candidate.errors)) {
    const errors: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(candidate.errors as Record<string, unknown>)) {
      const list = (Array.isArray(messages) ? messages : [messages]).filter((m): m is string => typeof m === 'string');
      if (list.length > 0) errors[leafFieldName(field)] = [...(errors[leafFieldName(field)] ?? []), ...list];
    }
    problem.errors = errors;
  }
  return problem;
}

/**
 * "$.agreement.purpose", "Agreement.Purpose", "peers[1]", "$" → "purpose", "purpose", "peers", "body": ASP.NET Core keys
 * errors by the request path in any case; the pane's forms key their fields by its last segment, in camelCase.
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

/** Turns a non-2xx response into an ApiError; reads problem+json (or plain JSON) bodies and Retry-After. */
export async function apiErrorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  if (/json/i.test(response.headers.get('Content-Type') ?? '')) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  }
  return apiErrorFromAnswer(response, body);
}

/** The ApiError for a non-2xx answer whose body has been read already (`body` is its JSON, or anything else when it had none). */
export function apiErrorFromAnswer(response: Response, body: unknown): ApiError {
  const problem = /json/i.test(response.headers.get('Content-Type') ?? '') ? asProblem(body) : null;
  const fieldErrors = problem?.errors ?? {};
  const kind = kindForStatus(response.status, Object.keys(fieldErrors).length > 0);
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  return new ApiError(kind, response.status, messageFor(kind, response.status, problem, retryAfter), fieldErrors, problem, retryAfter);
}

export function networkError(): ApiError {
  return new ApiError('network', 0, "Can't reach PeerMentor365. Check your connection and try again.");
}

export function unexpectedResponse(what: string): ApiError {
  return new ApiError('unexpectedResponse', 0, `The service sent an answer the pane does not understand (${what}).`);
}
