import { EmbedOpsError } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';
import type { ChunkParams } from '../ingest/chunker';
import { embeddingHost } from './host';
import { type ResolvedModel, validateModelFolder } from './model-folder';
import type { ChunkSpan } from './protocol';

/**
 * A loaded model in the process's embedding worker. Several embed calls may be outstanding: the
 * worker runs them in order, so while one batch embeds the next is already waiting in its queue.
 */
export class Embedder {
  private closed = false;

  private constructor(
    readonly model: ResolvedModel,
    readonly dtype: ModelDtype,
    readonly dimension: number,
    /** The longest input the model reads, special tokens included. */
    readonly maxTokens: number,
    readonly loadMs: number,
    /** The worker had it loaded already (and its files had not changed). */
    readonly wasLoaded: boolean,
  ) {}

  /** Loads the model (or finds it already loaded); errors name the folder and the fix. */
  static async open(model: ResolvedModel, dtype: ModelDtype): Promise<Embedder> {
    validateModelFolder(model, dtype);
    const r = await embeddingHost().request({ type: 'load', dir: model.dir, dtype });
    if (r.type !== 'loaded') throw new Error('unexpected reply');
    return new Embedder(model, dtype, r.dimension, r.maxTokens, r.loadMs, r.cached);
  }

  /** True when the worker is gone: nothing more can be embedded in this process. */
  get isDead(): boolean {
    return this.closed || embeddingHost().isDead;
  }

  /** Embeds texts; one vector per text, each a view into one transferred buffer. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.closed) throw new EmbedOpsError('cancelled', 'The embedder was closed.');
    const r = await embeddingHost().request({ type: 'embed', dir: this.model.dir, dtype: this.dtype, texts });
    if (r.type !== 'embedded') throw new Error('unexpected reply');
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) out.push(r.vectors.subarray(i * r.dimension, (i + 1) * r.dimension));
    return out;
  }

  /** Releases this handle; the model stays warm in the worker for the next user. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Chunks documents with the model's own tokenizer, in the worker (tokenising is CPU work). */
export async function chunkInWorker(model: ResolvedModel, params: ChunkParams, contents: string[]): Promise<ChunkSpan[][]> {
  validateModelFolder(model, 'fp32', { onnx: false });
  const r = await embeddingHost().request({ type: 'chunk', dir: model.dir, params, contents });
  if (r.type !== 'chunked') throw new Error('unexpected reply');
  return r.chunks;
}
