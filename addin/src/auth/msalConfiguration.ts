import type { Configuration } from '@azure/msal-browser';
import type { MsalClientConfig } from './entraSeam';

export function msalConfiguration(config: MsalClientConfig): Configuration {
  return {
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: config.redirectUri },
    // Tokens stay in this tab's memory/session only.
    cache: { cacheLocation: 'sessionStorage' },
  };
}
