import { isApiError } from '../api/problem';

/** Said under a date and time that has already passed, before anything is sent. */
export const pastTimeMessage = 'That time has already passed. Choose a later one.';

// The API's validation messages name the wire field ("start must be in the future."); a person reads them under the
// field itself, so they are said again in the field's own terms.
const plainWords: ReadonlyArray<[RegExp, string]> = [
  [/must be in the future/i, pastTimeMessage],
  [/within two years/i, 'Choose a time within the next two years.'],
  [/within a year from now/i, 'Choose a time within the next year.'],
];

/** A field's messages from a 400 problem, in words a person uses; none when the error is not about that field. */
export function fieldMessagesOf(error: unknown, field: string): string[] {
  if (!isApiError(error)) return [];
  return error.fieldMessages(field).map((message) => plainWords.find(([pattern]) => pattern.test(message))?.[1] ?? message);
}
