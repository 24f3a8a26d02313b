import type { ClientConfig } from '../api/types';
import type { EntraSeam } from './entraSeam';
import { AuthError, type PaneAuth } from './types';

/** The page the sign-in window returns to: auth-redirect.html, built next to the pane's page (/api/pane/). */
export function authRedirectUri(): string {
  const url = new URL('auth-redirect.html', window.location.href);
  return `${url.origin}${url.pathname}`;
}

/**
 * Picks the sign-in the backend asks for in GET /api/client-config. Each kind is loaded only when asked for, so the
 * pane's page carries neither: the dev tenant's never loads Entra's code (nor MSAL), Entra's never the dev tenant's.
 */
export async function createPaneAuth(config: ClientConfig, storage?: Storage, seam?: EntraSeam): Promise<PaneAuth> {
  if (config.authMode === 'devTenant') {
    if (!config.devTenant) {
      throw new AuthError('unexpectedResponse', 'The service asks for dev-tenant sign-in but does not say where the dev tenant is.');
    }
    const { DevTenantAuth } = await import('./devTenantAuth');
    return new DevTenantAuth({ config: config.devTenant, apiScope: config.apiScope, ...(storage ? { storage } : {}) });
  }
  if (!config.entra) {
    throw new AuthError('unexpectedResponse', 'The service asks for Microsoft Entra sign-in but does not say which app registration to use.');
  }
  const [{ EntraAuth }, { productionEntraSeam }] = await Promise.all([import('./entraAuth'), import('./entraSeam')]);
  return new EntraAuth({
    config: config.entra,
    apiScope: config.apiScope,
    seam: seam ?? productionEntraSeam(),
    redirectUri: authRedirectUri(),
    ...(storage ? { storage } : {}),
  });
}
