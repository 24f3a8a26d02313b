/** Why an office.js call could not be made or failed. */
export type OfficeErrorCode =
  | 'notAvailable' // office.js is not loaded or the page is not running inside Office
  | 'notOutlook'
  | 'noItem' // no mailbox item is open
  | 'notAppointmentCompose' // the item is not an appointment being composed by its organizer
  | 'unsupported' // the client lacks the requirement set the call needs
  | 'invalidSlot' // the slot cannot be expressed as an Outlook series
  | 'asyncFailed'; // Outlook reported a failure for an xxxAsync call

/** An office.js failure with a message meant for the person using the pane. */
export class OfficeError extends Error {
  override readonly name = 'OfficeError';

  constructor(
    readonly code: OfficeErrorCode,
    message: string,
    /** Outlook's own error name (asyncResult.error.name), when it reported one. */
    readonly officeErrorName: string | null = null,
    readonly officeErrorCode: number | null = null,
  ) {
    super(message);
  }
}

export function isOfficeError(error: unknown): error is OfficeError {
  return error instanceof OfficeError;
}
