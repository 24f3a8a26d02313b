// MSAL's standard client alone (the sign-in window), loaded on demand by the Entra seam when "Sign in" is pressed.
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import type { MsalClient, MsalClientConfig } from './entraSeam';
import { msalConfiguration } from './msalConfiguration';

export async function createWindowClient(config: MsalClientConfig): Promise<MsalClient> {
  return (await createStandardPublicClientApplication(msalConfiguration(config))) as unknown as MsalClient;
}
