import type { ApiClientOptions } from './client';
import { networkError } from './problem';

/** Sends one request to a backend route (a path such as "/api/me") with the signed-in user's token. */
export type AuthorisedSend = (path: string, init: RequestInit) => Promise<Response>;

/** One id as one segment of a route's path. */
export const segment = (id: string) => encodeURIComponent(id);

/** The page's fetch, looked up on every call so a page (or test) that replaces fetch after start-up is honoured. */
export function defaultFetch(): typeof fetch {
  return (input, init) => globalThis.fetch(input, init);
}

/**
 * One fetch whose failure to get any answer becomes the pane's network error; a cancellation by the caller's
 * AbortSignal stays the AbortError it is, so callers can tell "gave up" from "could not reach".
 */
export async function fetchOrNetworkError(fetchFn: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchFn(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw networkError();
  }
}

/**
 * The sender every API client shares: bearer token and Accept: application/json on each request, and after a 401
 * one more try with a fresh token (the token may have been revoked or outlived its expiry on the server's clock).
 * The answer is returned as it came, whatever its status; reading it is the client's business.
 */
export function authorisedFetch(options: ApiClientOptions): AuthorisedSend {
  const fetchFn = options.fetch ?? defaultFetch();
  const baseUrl = options.baseUrl ?? '';

  const attempt = async (path: string, init: RequestInit) => {
    const token = await options.auth.getAccessToken();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept', 'application/json');
    return fetchOrNetworkError(fetchFn, `${baseUrl}${path}`, { ...init, headers });
  };

  return async (path, init) => {
    const response = await attempt(path, init);
    if (response.status !== 401) return response;
    options.auth.invalidateToken();
    return attempt(path, init);
  };
}
