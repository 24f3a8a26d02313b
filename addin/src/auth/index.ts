export { createPaneAuth } from './createPaneAuth';
export { DevTenantAuth, type DevAccount } from './devTenantAuth';
export { EntraAuth, type EntraPath } from './entraAuth';
export type { EntraSeam, MsalClient } from './entraSeam';
export { AuthError, isAuthError, type PaneAuth, type SignedInAccount } from './types';
