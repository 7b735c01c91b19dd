/** Turns what AWS refuses (denied, throttled past retries, not opted in) into a Note, so one gap never stops a run. */
import { isFatal } from '../domain/errors';
import type { Note, NoteKind } from '../domain/note';

const KINDS: [RegExp, NoteKind][] = [
  [
    /AccessDenied|Authorization|UnauthorizedOperation|UnrecognizedClient|AuthFailure|NotAuthorized|Forbidden/i,
    'denied',
  ],
  [/Throttl|TooManyRequests|RequestLimitExceeded|LimitExceeded|SlowDown/i, 'throttled'],
  [/OptIn|NotEnrolled|SubscriptionRequired/i, 'opt-in'],
  [/DataUnavailable|BillingViewHealthStatus|Unavailable|NotEnabled/i, 'unavailable'],
];

/** The note kind for an AWS error name. */
export const noteKind = (errorName: string): NoteKind => KINDS.find(([re]) => re.test(errorName))?.[1] ?? 'error';

/**
 * Run one collector step. On an AWS error, push a note and return undefined; usage errors (a cassette with no
 * answer, no credentials) still throw, because the run cannot be trusted without them.
 */
export async function guard<T>(
  notes: Note[],
  where: { source: string; region?: string; accountId?: string },
  step: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await step();
  } catch (err) {
    if (isFatal(err) || !(err instanceof Error)) throw err;
    notes.push({ kind: noteKind(err.name), message: `${err.name}: ${err.message}`, ...where });
    return undefined;
  }
}
