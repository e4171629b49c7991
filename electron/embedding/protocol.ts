import type { ErrorCode } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';
import type { ChunkParams } from '../ingest/chunker';

/** A chunk as the worker returns it: offsets only; the main side slices the text it already has. */
export interface ChunkSpan {
  start: number;
  end: number;
  tokenCount: number;
}

/**
 * Messages to the embedding worker. Every request has an id; the worker answers each exactly once,
 * in arrival order. All transformers.js work (tokenising for the chunker, embedding) happens there.
 */
export type WorkerRequest =
  | { id: number; type: 'load'; dir: string; dtype: ModelDtype }
  | { id: number; type: 'embed'; dir: string; dtype: ModelDtype; texts: string[] }
  | { id: number; type: 'chunk'; dir: string; params: ChunkParams; contents: string[] }
  | { id: number; type: 'unload'; dir: string; dtype: ModelDtype };

/** Messages from the worker. Vectors travel as a transferred Float32Array buffer, never as JSON arrays. */
export type WorkerReply =
  | { id: number; type: 'loaded'; dimension: number; maxTokens: number; loadMs: number; /** Already loaded (and its files unchanged): nothing was read. */ cached: boolean }
  | { id: number; type: 'embedded'; vectors: Float32Array; dimension: number; ms: number }
  | { id: number; type: 'chunked'; chunks: ChunkSpan[][] }
  | { id: number; type: 'unloaded' }
  | { id: number; type: 'error'; code: ErrorCode; message: string };

/** A request before the host gives it an id. */
export type WorkerRequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
