import type { ClientConfig } from '../api/types';
import { DevTenantAuth } from './devTenantAuth';
import { AuthError, type PaneAuth } from './types';

/** Picks the sign-in the backend asks for in GET /api/client-config. */
export function createPaneAuth(config: ClientConfig, storage?: Storage): PaneAuth {
  if (config.authMode === 'devTenant') {
    if (!config.devTenant) {
      throw new AuthError('unexpectedResponse', 'The service asks for dev-tenant sign-in but does not say where the dev tenant is.');
    }
    return new DevTenantAuth({ config: config.devTenant, apiScope: config.apiScope, ...(storage ? { storage } : {}) });
  }
  throw new AuthError(
    'unsupported',
    'This PeerMentor365 service signs in with Microsoft Entra ID, which this version of the pane cannot do yet. Use the dev tenant, or update the pane.',
  );
}
