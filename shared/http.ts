/**
 * The HTTP + SSE mapping of the contract (serve mode), shared by the server and the browser client
 * so neither spells a path or status code of its own.
 */
import type { ErrorCode } from './errors';

/** `POST /api/<name>` with the input object as JSON; 200 → `{ data }`, otherwise `{ error: {code, message} }`. */
export const API_PREFIX = '/api/';
/** Server-Sent Events: `id`, `event` (an event name of the contract), `data` (JSON); `: ping` heartbeats. */
export const EVENTS_PATH = '/api/events';
/** Seconds between SSE heartbeats (a comment line), so proxies and clients notice a dead link. */
export const HEARTBEAT_SECONDS = 15;
/** The access token travels as `Authorization: Bearer <token>`, or `?token=` where a header cannot be set (EventSource, the first page load). */
export const TOKEN_PARAM = 'token';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  usage: 400,
  invalid_input: 400,
  not_found: 404,
  refused: 409,
  locked: 409,
  read_only: 403,
  model: 500,
  disk_full: 507,
  environment: 500,
  cancelled: 409,
  internal: 500,
};
