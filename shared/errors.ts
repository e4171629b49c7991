/**
 * Error codes that cross every boundary (CLI exit codes, IPC, HTTP). A message always names the
 * problem and the fix; the code tells a script what kind of failure it was.
 */
export type ErrorCode =
  /** Bad command line or input value (exit 2). */
  | 'usage'
  /** A named collection, run, file or model does not exist (exit 2). */
  | 'not_found'
  /** Input that cannot be used as given (exit 2). */
  | 'invalid_input'
  /** Refused on purpose: a run is already active, the model's dimension differs, a newer schema (exit 3). */
  | 'refused'
  /** The database is locked by another process or read-only (exit 3). */
  | 'locked'
  /** The database file or its folder cannot be written (exit 3). */
  | 'read_only'
  /** The model folder is missing, incomplete or fails to load (exit 4). */
  | 'model'
  /** The disk is full (exit 4). */
  | 'disk_full'
  /** Something in the environment failed (exit 4). */
  | 'environment'
  /** The user cancelled (exit 130). */
  | 'cancelled'
  /** A bug: reported with its message, never a stack trace (exit 4). */
  | 'internal';

/** Process exit code per error code; 0 = success/PASS and 1 = verification FAIL are not errors. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  not_found: 2,
  invalid_input: 2,
  refused: 3,
  locked: 3,
  read_only: 3,
  model: 4,
  disk_full: 4,
  environment: 4,
  cancelled: 130,
  internal: 4,
};

/** The one error type the engine throws on purpose. `message` names the problem and the fix. */
export class EmbedOpsError extends Error {
  override name = 'EmbedOpsError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Plain shape of an error as it crosses a boundary (JSON, IPC, HTTP). */
export interface ErrorPayload {
  /** One of {@link ErrorCode}. */
  code: ErrorCode;
  /** What went wrong and how to fix it. */
  message: string;
}

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof EmbedOpsError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}. Please report it with the command you ran.` };
}
