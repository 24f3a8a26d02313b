// The auth folder at a glance, for tests and tools. The pane itself imports createPaneAuth, which loads the code of
// the mode the service asks for on demand: importing the classes from here would put both modes into the page.
export { createPaneAuth } from './createPaneAuth';
export { DevTenantAuth, type DevAccount } from './devTenantAuth';
export { EntraAuth, type EntraPath } from './entraAuth';
export type { EntraSeam, MsalClient } from './entraSeam';
export { AuthError, isAuthError, type PaneAuth, type SignedInAccount } from './types';
