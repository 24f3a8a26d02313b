import { officeOrUndefined } from './officeGlobal';

/** Where the pane is running. */
export interface HostInfo {
  /** 'outlook' inside Outlook; 'otherOffice' in another Office app; 'browser' in a plain browser tab. */
  host: 'outlook' | 'otherOffice' | 'browser';
  /** office.js's platform name (e.g. "OfficeOnline", "PC") inside Office, else null. */
  platform: string | null;
  /** False when office.js was not loaded at all or did not become ready in time. */
  officeJsReady: boolean;
}

const browser = (officeJsReady: boolean): HostInfo => ({ host: 'browser', platform: null, officeJsReady });

/**
 * Waits for office.js. In a plain browser Office.onReady resolves with host null; when office.js is blocked it
 * never resolves at all, so the wait is bounded and the pane then carries on as in a browser.
 */
export async function getHostInfo(options: { timeoutMs?: number } = {}): Promise<HostInfo> {
  const office = officeOrUndefined();
  if (office === undefined || typeof office.onReady !== 'function') return browser(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.timeoutMs ?? 5000);
  });
  try {
    const info = await Promise.race([office.onReady(), timedOut]);
    if (info === null) return browser(false);
    if (info.host === null || info.host === undefined) return browser(true);
    const host = info.host === office.HostType.Outlook ? 'outlook' : 'otherOffice';
    return { host, platform: info.platform === null || info.platform === undefined ? null : String(info.platform), officeJsReady: true };
  } finally {
    clearTimeout(timer);
  }
}
