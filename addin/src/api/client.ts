import type { PaneAuth } from '../auth/types';
import { authorisedFetch, defaultFetch, fetchOrNetworkError } from './authorisedFetch';
import { apiErrorFromResponse, unexpectedResponse } from './problem';
import type { ClientConfig, Me, PeopleResponse, Person, SuggestionsRequest, SuggestionsResponse } from './types';

/** The backend's routes the pane calls (docs/api.md). */
export interface ApiClient {
  getMe(signal?: AbortSignal): Promise<Me>;
  searchPeople(search: string, signal?: AbortSignal, top?: number): Promise<Person[]>;
  getSuggestions(request: SuggestionsRequest, signal?: AbortSignal): Promise<SuggestionsResponse>;
}

export interface ApiClientOptions {
  auth: Pick<PaneAuth, 'getAccessToken' | 'invalidateToken'>;
  /** Prefix for the routes; empty means same origin (the backend serves the pane at /api/pane/). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

type Check<T> = (body: unknown) => body is T;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isMe: Check<Me> = (b): b is Me =>
  isObject(b) && typeof b.mail === 'string' && typeof b.displayName === 'string' && (typeof b.timeZone === 'string' || b.timeZone === null);
const isPeople: Check<PeopleResponse> = (b): b is PeopleResponse => isObject(b) && Array.isArray(b.people);
const isSuggestions: Check<SuggestionsResponse> = (b): b is SuggestionsResponse =>
  isObject(b) && Array.isArray(b.suggestions) && Array.isArray(b.participants);
const isClientConfig: Check<ClientConfig> = (b): b is ClientConfig =>
  isObject(b) && (b.authMode === 'devTenant' || b.authMode === 'entra') && typeof b.apiScope === 'string';

async function readJson<T>(response: Response, check: Check<T>, what: string): Promise<T> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw unexpectedResponse(`${what}: not JSON`);
  }
  if (!check(body)) throw unexpectedResponse(what);
  return body;
}

/** GET /api/client-config: anonymous, tells the pane how to sign in. */
export async function fetchClientConfig(options: { baseUrl?: string; fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<ClientConfig> {
  const response = await fetchOrNetworkError(options.fetch ?? defaultFetch(), `${options.baseUrl ?? ''}/api/client-config`, {
    headers: { Accept: 'application/json' },
    signal: options.signal ?? null,
  });
  if (!response.ok) throw await apiErrorFromResponse(response);
  return readJson(response, isClientConfig, 'client configuration');
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const send = authorisedFetch(options);

  async function call<T>(path: string, init: RequestInit, check: Check<T>, what: string): Promise<T> {
    const response = await send(path, init);
    if (!response.ok) throw await apiErrorFromResponse(response);
    return readJson(response, check, what);
  }

  return {
    getMe: (signal) => call('/api/me', { signal: signal ?? null }, isMe, 'signed-in user'),
    async searchPeople(search, signal, top = 10) {
      const query = new URLSearchParams({ search, top: String(top) });
      const body = await call(`/api/people?${query.toString()}`, { signal: signal ?? null }, isPeople, 'people');
      return body.people;
    },
    getSuggestions: (request, signal) =>
      call(
        '/api/suggestions',
        { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request), signal: signal ?? null },
        isSuggestions,
        'suggestions',
      ),
  };
}
