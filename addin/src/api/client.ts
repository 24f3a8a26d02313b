import createClient from 'openapi-fetch';
import { defaultFetch, fetchOrNetworkError } from './authorisedFetch';
import { createHttp, listOf, read, withFields, type ApiClientOptions, type Check } from './http';
import type { paths } from './schema';
import type { ClientConfig, Me, Person, SuggestionsRequest, SuggestionsResponse } from './types';

export type { ApiClientOptions } from './http';

/** The backend's routes the pane calls (docs/api.md). */
export interface ApiClient {
  getMe(signal?: AbortSignal): Promise<Me>;
  searchPeople(search: string, signal?: AbortSignal, top?: number): Promise<Person[]>;
  getSuggestions(request: SuggestionsRequest, signal?: AbortSignal): Promise<SuggestionsResponse>;
}

const isMe = withFields<Me>('id', 'mail', 'displayName', 'timeZone');
const isPeople = listOf('people', withFields<Person>('id', 'mail', 'displayName'));
const isSuggestions: Check<SuggestionsResponse> = (b): b is SuggestionsResponse =>
  withFields<SuggestionsResponse>('suggestions', 'participants')(b) && Array.isArray(b.suggestions) && Array.isArray(b.participants);
const isClientConfig: Check<ClientConfig> = (b): b is ClientConfig =>
  withFields<ClientConfig>('authMode', 'apiScope')(b) && (b.authMode === 'devTenant' || b.authMode === 'entra');

/** GET /api/client-config: anonymous, tells the pane how to sign in. */
export async function fetchClientConfig(options: { baseUrl?: string; fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<ClientConfig> {
  const fetchFn = options.fetch ?? defaultFetch();
  const anonymous = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    fetch: (request) => fetchOrNetworkError(fetchFn, request.url, { headers: { Accept: 'application/json' }, signal: request.signal }),
  });
  return read(anonymous.GET('/api/client-config', { signal: options.signal ?? null }), isClientConfig, 'client configuration');
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const http = createHttp(options);
  return {
    getMe: (signal) => read(http.GET('/api/me', { signal: signal ?? null }), isMe, 'signed-in user'),
    async searchPeople(search, signal, top = 10) {
      const call = http.GET('/api/people', { params: { query: { search, top: String(top) } }, signal: signal ?? null });
      return (await read(call, isPeople, 'people')).people;
    },
    getSuggestions: (request, signal) => read(http.POST('/api/suggestions', { body: request, signal: signal ?? null }), isSuggestions, 'suggestions'),
  };
}
