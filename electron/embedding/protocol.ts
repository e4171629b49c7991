import type { ErrorCode } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';

/** Messages to the embedding worker. Every request has an id; the worker answers each exactly once. */
export type WorkerRequest =
  | { id: number; type: 'load'; dir: string; dtype: ModelDtype }
  | { id: number; type: 'embed'; texts: string[] };

/** Messages from the worker. Vectors travel as a transferred Float32Array buffer, never as JSON arrays. */
export type WorkerReply =
  | { id: number; type: 'loaded'; dimension: number; loadMs: number }
  | { id: number; type: 'embedded'; vectors: Float32Array; dimension: number; ms: number }
  | { id: number; type: 'error'; code: ErrorCode; message: string };

/** A request before the client gives it an id. */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
