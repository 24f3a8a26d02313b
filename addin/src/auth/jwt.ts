/** The claims the pane reads from a token it is about to send (it never trusts them: the backend validates). */
export interface TokenClaims {
  aud: string | null;
  scopes: string[];
  /** Seconds since the epoch. */
  exp: number | null;
  tid: string | null;
  username: string | null;
  name: string | null;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The payload of a JWT, or null when the text is not one. */
export function readClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return null;
  let payload: unknown;
  try {
    payload = JSON.parse(base64UrlDecode(parts[1]));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const p = payload as Record<string, unknown>;
  const aud = Array.isArray(p.aud) ? str(p.aud[0]) : str(p.aud);
  return {
    aud,
    scopes: typeof p.scp === 'string' ? p.scp.split(' ').filter((s) => s !== '') : [],
    exp: typeof p.exp === 'number' ? p.exp : null,
    tid: str(p.tid),
    username: str(p.preferred_username) ?? str(p.upn) ?? str(p.email) ?? str(p.unique_name),
    name: str(p.name),
  };
}

/**
 * What an access token for our API looks like: its audience is the API (the App ID URI of `apiScope`, or the
 * application id, which v2 tokens carry) and its `scp` holds the scope's name (access_as_user). An ID token has no
 * `scp`; a Graph token has Graph's audience. Both are refused here so that neither is ever sent to the backend.
 */
export function acceptedAudiences(apiScope: string, clientId: string | null): Set<string> {
  const resource = apiScope.slice(0, apiScope.lastIndexOf('/'));
  const audiences = new Set([resource, resource.toLowerCase()]);
  const lastSegment = resource.slice(resource.lastIndexOf('/') + 1);
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(lastSegment)) audiences.add(lastSegment.toLowerCase());
  if (clientId) audiences.add(clientId.toLowerCase());
  return audiences;
}

export function scopeName(apiScope: string): string {
  return apiScope.slice(apiScope.lastIndexOf('/') + 1);
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; why: 'notJwt' | 'wrongAudience' | 'missingScope' };

export function checkApiAccessToken(token: string, apiScope: string, clientId: string | null): TokenCheck {
  const claims = readClaims(token);
  if (claims === null) return { ok: false, why: 'notJwt' };
  if (claims.aud === null || !acceptedAudiences(apiScope, clientId).has(claims.aud.toLowerCase())) return { ok: false, why: 'wrongAudience' };
  if (!claims.scopes.includes(scopeName(apiScope))) return { ok: false, why: 'missingScope' };
  return { ok: true, claims };
}
