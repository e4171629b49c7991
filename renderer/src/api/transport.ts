import type { Api } from '../../../shared/api';
import type { ErrorCode } from '../../../shared/errors';

/** Whether events are flowing: `live`, or `reconnecting` after the link dropped (serve mode only). */
export type ConnectionState = 'live' | 'reconnecting';

/**
 * What the console talks to: the contract's two verbs (`Api`), plus connection news so the UI can
 * refetch after events were possibly missed.
 */
export interface Transport extends Api {
  /** `ipc` inside the desktop app, `http` in a browser against `embedops serve`. */
  readonly kind: 'ipc' | 'http';
  /** Calls `listener` whenever the event link changes state; returns an unsubscribe function. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** An error as the engine reported it: `message` names the problem and the fix. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message);
  }
}

/** Any thrown value as an ApiError, keeping the engine's code and message when they are there. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(err);
    return new ApiError(typeof e.code === 'string' ? (e.code as ErrorCode) : 'internal', message);
  }
  return new ApiError('internal', String(err));
}
