import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';
import { type ResolvedModel, validateModelFolder } from './model-folder';
import type { WorkerReply, WorkerRequest, WorkerRequestBody } from './protocol';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/**
 * Main-thread handle on the embedding worker. Several embed calls may be outstanding: the worker
 * runs them in order, so while one batch embeds the next is already waiting in its queue.
 */
export class Embedder {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private dead: Error | null = null;
  dimension = 0;
  loadMs = 0;

  /** True once the worker has exited or crashed: nothing more can be embedded with this handle. */
  get isDead(): boolean {
    return this.dead !== null;
  }

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      p.resolve(msg);
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new EmbedOpsError('model', `The embedding worker crashed: ${err.message}`)));
    worker.on('exit', (code) => fail(new EmbedOpsError('model', `The embedding worker stopped (exit code ${code}).`)));
  }

  /** Starts a worker and loads the model; errors name the folder and the fix. */
  static async open(model: ResolvedModel, dtype: ModelDtype): Promise<Embedder> {
    validateModelFolder(model, dtype);
    const embedder = new Embedder(new Worker(join(__dirname, 'worker.js')));
    try {
      const r = await embedder.request({ type: 'load', dir: model.dir, dtype });
      if (r.type !== 'loaded') throw new Error('unexpected reply');
      embedder.dimension = r.dimension;
      embedder.loadMs = r.loadMs;
      return embedder;
    } catch (err) {
      await embedder.close();
      throw err;
    }
  }

  private request(req: WorkerRequestBody): Promise<WorkerReply> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...req, id } as WorkerRequest);
    }).then((r) => {
      if (r.type === 'error') throw new EmbedOpsError(r.code, r.message);
      return r;
    });
  }

  /** Embeds texts; one vector per text, each a view into one transferred buffer. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const r = await this.request({ type: 'embed', texts });
    if (r.type !== 'embedded') throw new Error('unexpected reply');
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) out.push(r.vectors.subarray(i * r.dimension, (i + 1) * r.dimension));
    return out;
  }

  async close(): Promise<void> {
    this.dead ??= new EmbedOpsError('cancelled', 'The embedder was closed.');
    await this.worker.terminate();
  }
}
