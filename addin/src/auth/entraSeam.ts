import { getOfficeSsoToken, hasOfficeSso, isNestedAppAuthSupported, type OfficeSsoOptions } from '../office/sso';

// The outer edge of the Entra sign-in: MSAL.js and office.js. EntraAuth talks to them only through this seam, so
// tests put fakes of exactly these calls behind it; production uses the real @azure/msal-browser and src/office.

/** The part of an MSAL account the pane uses (MSAL's AccountInfo has more). */
export interface MsalAccount {
  homeAccountId: string;
  tenantId: string;
  username: string;
  name?: string | undefined;
}

export interface MsalTokenResult {
  accessToken: string;
  account: MsalAccount | null;
}

/** The calls of MSAL's IPublicClientApplication that the pane makes. */
export interface MsalClient {
  getActiveAccount(): MsalAccount | null;
  getAllAccounts(): MsalAccount[];
  setActiveAccount(account: MsalAccount | null): void;
  /** `claims`: a claims challenge (JSON) to sign in with; MSAL then skips its cache. */
  acquireTokenSilent(request: { scopes: string[]; account?: MsalAccount; forceRefresh?: boolean; claims?: string }): Promise<MsalTokenResult>;
  acquireTokenPopup(request: { scopes: string[]; account?: MsalAccount; claims?: string }): Promise<MsalTokenResult>;
  clearCache(): Promise<void>;
}

export interface MsalClientConfig {
  clientId: string;
  authority: string;
  /** Where the sign-in window returns (a page that hands the answer back); unused under nested app authentication. */
  redirectUri: string;
}

export interface EntraSeam {
  /** Office says nested app authentication works here (NestedAppAuth 1.1). */
  nestedAppAuthSupported(): boolean;
  /** MSAL's nestable client: talks to Office's broker under NAA. */
  createNestableClient(config: MsalClientConfig): Promise<MsalClient>;
  /** MSAL's standard client, for the sign-in window (popup) outside NAA. */
  createWindowClient(config: MsalClientConfig): Promise<MsalClient>;
  /** Office's legacy single sign-on (Office.auth.getAccessToken) exists here. */
  officeSsoAvailable(): boolean;
  /** Office's single sign-on token; fails with an OfficeError carrying Office's code. */
  officeSsoToken(options: OfficeSsoOptions): Promise<string>;
}

/** The real seam: MSAL.js is loaded only when the service asks for Entra sign-in (the dev tenant never needs it). */
export function productionEntraSeam(): EntraSeam {
  return {
    nestedAppAuthSupported: isNestedAppAuthSupported,
    // Two modules, so Office's broker (NAA) loads only MSAL's nestable client and the sign-in window only the standard one.
    createNestableClient: async (config) => (await import('./msalNestable')).createNestableClient(config),
    createWindowClient: async (config) => (await import('./msalWindow')).createWindowClient(config),
    officeSsoAvailable: hasOfficeSso,
    officeSsoToken: getOfficeSsoToken,
  };
}
