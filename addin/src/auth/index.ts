export { createPaneAuth } from './createPaneAuth';
export { DevTenantAuth, type DevAccount } from './devTenantAuth';
export { AuthError, isAuthError, type PaneAuth, type SignedInAccount } from './types';
