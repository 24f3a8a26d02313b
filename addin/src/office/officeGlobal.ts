import { OfficeError } from './errors';

/** The office.js global, or undefined in a page that did not load it (tests, a plain browser without it). */
export function officeOrUndefined(): typeof Office | undefined {
  const candidate = (globalThis as { Office?: typeof Office }).Office;
  return typeof candidate === 'object' && candidate !== null ? candidate : undefined;
}

export function requireOffice(): typeof Office {
  const office = officeOrUndefined();
  if (office === undefined) throw new OfficeError('notAvailable', 'This needs Outlook: the pane is not running inside Office.');
  return office;
}

/** Requirement-set check; anything newer than the manifest's Mailbox 1.8 must pass through here first. */
export function isSetSupported(name: string, version: string): boolean {
  const office = officeOrUndefined();
  const requirements = office?.context?.requirements;
  return typeof requirements?.isSetSupported === 'function' && requirements.isSetSupported(name, version);
}

/** Wraps an office.js xxxAsync(callback) call in a Promise that rejects with an OfficeError on failure. */
export function callAsync<T>(what: string, invoke: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  const office = requireOffice();
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result.status === office.AsyncResultStatus.Succeeded) {
          resolve(result.value);
        } else {
          const error = result.error as Office.Error | undefined;
          reject(
            new OfficeError(
              'asyncFailed',
              `Outlook could not ${what}${error?.message ? `: ${error.message}` : '.'}`,
              error?.name ?? null,
              typeof error?.code === 'number' ? error.code : null,
            ),
          );
        }
      });
    } catch (thrown) {
      // Older clients throw instead of calling back when an API is missing.
      reject(new OfficeError('unsupported', `This version of Outlook cannot ${what}.`, thrown instanceof Error ? thrown.name : null));
    }
  });
}
