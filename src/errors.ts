/**
 * One vocabulary for expected failures. Each code has a user-facing message (short, polite, says
 * what to do). Code that fails in an expected way throws (or returns) an AppError; adapters show
 * `userMessage` where the person typed. Anything else gets `genericErrorMessage(ref)`.
 */
export const ERROR_CODES = {
  NOT_REGISTERED:
    'I do not know you yet, so I cannot record anything for you. Please ask the IISG Secretariat to add you to the WBBSi roster.',
  FORBIDDEN: 'Sorry, your role does not allow this.',
  NOT_FOUND: 'I could not find that record.',
  VALIDATION: 'Some answers need a correction.',
  CLASSIFIED: 'This text carries a classification marking and was not stored.',
  CONFLICT: 'Someone else changed this record while you were editing. Please open it again and reapply your change.',
  DB_UNAVAILABLE:
    'I cannot reach the database right now. I have kept what you typed and will save it as soon as it is back.',
  RATE_LIMITED: 'You are sending commands very quickly. Please wait a few seconds and try again.',
  BAD_REQUEST: 'I did not understand that request.',
  ROSTER_INVALID: 'The roster file has problems; nothing was imported.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string = ERROR_CODES[code],
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}: ${userMessage}`);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** `field`: the form field whose value was refused, so a form can show the refusal on it and stay open. */
export function forbidden(what: string, field?: string): AppError {
  return new AppError('FORBIDDEN', `Sorry, ${what}`, field ? { field } : undefined);
}

/** The form field an expected failure is about, if it names one. */
export function refusedField(err: unknown): string | undefined {
  const field = isAppError(err) ? err.details?.field : undefined;
  return typeof field === 'string' ? field : undefined;
}

export function genericErrorMessage(reference: string): string {
  return `Something went wrong on my side. Please try again in a minute; if it keeps happening, tell the IISG Secretariat and quote reference ${reference}.`;
}

/** Errors that mean "the database is not reachable right now" (retry later), not "the data is wrong". */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | undefined;
  if (!e) return false;
  return (
    /MongoNetwork|MongoServerSelection|MongoNotConnected|MongoTopologyClosed|PoolClearedError/.test(e.name ?? '') ||
    /ECONNREFUSED|ECONNRESET|buffering timed out|Client must be connected|Topology is closed|connection .* closed/i.test(
      e.message ?? '',
    )
  );
}
