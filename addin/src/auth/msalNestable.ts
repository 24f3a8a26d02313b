// MSAL's nestable client alone (Office's broker), loaded on demand by the Entra seam.
import { createNestablePublicClientApplication } from '@azure/msal-browser';
import type { MsalClient, MsalClientConfig } from './entraSeam';
import { msalConfiguration } from './msalConfiguration';

export async function createNestableClient(config: MsalClientConfig): Promise<MsalClient> {
  return (await createNestablePublicClientApplication(msalConfiguration(config))) as unknown as MsalClient;
}
