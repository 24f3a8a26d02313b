import type { ApiClientOptions } from './http';
import { networkError } from './problem';

/** Sends one request (as the HTTP core builds it) with the signed-in user's token. */
export type AuthorisedSend = (request: Request) => Promise<Response>;

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
 * expiry on the server's clock). The answer is returned as it came, whatever its status; reading it is the core's business.
 */
export function authorisedFetch(options: Pick<ApiClientOptions, 'auth' | 'fetch'>): AuthorisedSend {
  const fetchFn = options.fetch ?? defaultFetch();

  return async (request) => {
    // Read once, so the retry sends the same bytes.
    const body = request.body === null ? null : await request.arrayBuffer();
    const attempt = async (claims: string | null = null) => {
      const token = await (claims === null ? options.auth.getAccessToken() : options.auth.getAccessToken(claims));
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${token}`);
      headers.set('Accept', 'application/json');
      return fetchOrNetworkError(fetchFn, request.url, { method: request.method, headers, body, signal: request.signal });
    };

    const response = await attempt();
    if (response.status !== 401) return response;
    const claims = claimsChallenge(response.headers.get('WWW-Authenticate'));
    options.auth.invalidateToken();
    return attempt(claims);
  };
}
