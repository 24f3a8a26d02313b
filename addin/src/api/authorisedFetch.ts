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
 * The claims of a Conditional Access challenge (`WWW-Authenticate: Bearer error="insufficient_claims",
 * claims="<base64 JSON>"`) as the JSON MSAL takes, or null when the 401 is not one.
 */
export function claimsChallenge(wwwAuthenticate: string | null): string | null {
  if (wwwAuthenticate === null || !/error="insufficient_claims"/.test(wwwAuthenticate)) return null;
  const encoded = /claims="([^"]+)"/.exec(wwwAuthenticate)?.[1];
  if (encoded === undefined) return null;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/**
 * The sender every API client shares: bearer token and Accept: application/json on each request, and after a 401
 * one more try: with a token signed in again for the claims when the 401 is a Conditional Access claims challenge
 * (e.g. multi-factor authentication), else with a fresh token (the token may have been revoked or outlived its
 * expiry on the server's clock). The answer is returned as it came, whatever its status; reading it is the client's business.
 */
export function authorisedFetch(options: ApiClientOptions): AuthorisedSend {
  const fetchFn = options.fetch ?? defaultFetch();
  const baseUrl = options.baseUrl ?? '';

  const attempt = async (path: string, init: RequestInit, claims: string | null = null) => {
    const token = await (claims === null ? options.auth.getAccessToken() : options.auth.getAccessToken(claims));
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('Accept', 'application/json');
    return fetchOrNetworkError(fetchFn, `${baseUrl}${path}`, { ...init, headers });
  };

  return async (path, init) => {
    const response = await attempt(path, init);
    if (response.status !== 401) return response;
    const claims = claimsChallenge(response.headers.get('WWW-Authenticate'));
    options.auth.invalidateToken();
    return attempt(path, init, claims);
  };
}
