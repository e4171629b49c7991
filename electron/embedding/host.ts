import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { WorkerReply, WorkerRequest, WorkerRequestBody } from './protocol';

type Pending = { resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/**
 * The process's one embedding worker (see worker.ts for why one). It is started on first use and
 * holds the event loop open only while a request is pending, so a CLI command exits when its work
 * is done without anyone having to stop the worker.
 */
class EmbeddingHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private dead: Error | null = null;
  private readonly taps = new Set<(req: WorkerRequestBody) => void>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(join(__dirname, 'worker.js'));
    w.unref();
    w.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) w.unref();
      p.resolve(msg);
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    w.on('error', (err) => fail(new EmbedOpsError('model', `The embedding worker crashed: ${err.message}. Restart EmbedOps; if it happens again with this model, the model folder may be damaged.`)));
    w.on('exit', (code) => fail(new EmbedOpsError('model', `The embedding worker stopped (exit code ${code}). Restart EmbedOps.`)));
    this.worker = w;
    return w;
  }

  get isDead(): boolean {
    return this.dead !== null;
  }

  /**
   * Sees every request as it is posted to the worker, e.g. exactly which texts the model is given
   * (the secrets guard's tests assert on it). Returns the unsubscribe function.
   */
  /** How busy the worker thread has been (since an earlier reading): the benchmarks' proof that the model never waits for the database. */
  utilization(since?: EventLoopUtilization): EventLoopUtilization | null {
    return this.worker ? this.worker.performance.eventLoopUtilization(since) : null;
  }

  tap(listener: (req: WorkerRequestBody) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  request(req: WorkerRequestBody): Promise<WorkerReply> {
    if (this.dead) return Promise.reject(this.dead);
    for (const t of this.taps) t(req);
    const w = this.start();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      if (this.pending.size === 0) w.ref();
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...req, id } as WorkerRequest);
    }).then((r) => {
      if (r.type === 'error') throw new EmbedOpsError(r.code, r.message);
      return r;
    });
  }

  /** Stops the worker (app shutdown). Later requests fail. */
  async stop(): Promise<void> {
    this.dead ??= new EmbedOpsError('cancelled', 'The embedding worker was stopped.');
    await this.worker?.terminate();
  }
}

let host: EmbeddingHost | null = null;

export function embeddingHost(): EmbeddingHost {
  return (host ??= new EmbeddingHost());
}
