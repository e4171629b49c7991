import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../engine';
import type { Db } from '../store/db';
import { mergeNearest, type Neighbour, storageSlots, VectorTable } from '../store/vectors';
import type { KnnReply, KnnRequest } from './knn-reader-worker';

/**
 * From this many storage slots (≈ vectors, rounded up to 1,024 per partition) a search goes to the
 * reader threads; below it one query on the main connection takes a few ms, less than the hop.
 */
export const PARALLEL_KNN_FROM = 20_480;

/**
 * Long-lived reader threads, each with its own read-only connection, that search the partitions
 * of a vector table side by side (sqlite-vec's brute force is single-threaded per query). The
 * threads start on the first big search (≈ 60 ms, once per connection), hold the process open
 * only while a search is pending, and belong to one connection of the engine: a restore swaps the
 * connection and the next search starts new readers on the restored file.
 */
export class KnnReaders {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (r: KnnReply) => void }>();
  private readonly holds = new Map<Worker, number>();
  private nextId = 1;
  private broken: string | null = null;
  /** Searches answered by the threads (the tests check the threads, not the fallback, answered). */
  searches = 0;

  constructor(
    readonly db: Db,
    dbPath: string,
    threads: number,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(join(__dirname, 'knn-reader-worker.js'), { workerData: { dbPath } });
      w.unref();
      w.on('message', (r: KnnReply) => this.settle(r));
      w.on('error', (err) => this.fail(err.message));
      w.on('exit', (code) => code !== 0 && this.fail(`a reader thread exited with code ${code}`));
      return w;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Why the readers cannot be used (a thread failed to open the database), or null. */
  get failure(): string | null {
    return this.broken;
  }

  /** The k nearest over `partitions` partitions, each thread taking every `size`-th one. */
  async search(table: string, query: Float32Array, k: number, partitions: number): Promise<Neighbour[]> {
    const replies = await Promise.all(
      this.workers.map((w, i) => {
        const parts = Array.from({ length: partitions }, (_, p) => p).filter((p) => p % this.workers.length === i);
        return parts.length ? this.ask(w, { table, query: Float32Array.from(query).buffer, k, parts }) : Promise.resolve<KnnReply>({ id: 0, ok: true, lists: [] });
      }),
    );
    const failed = replies.find((r): r is Extract<KnnReply, { ok: false }> => !r.ok);
    if (failed) throw new Error(failed.error);
    this.searches++;
    return mergeNearest(
      replies.flatMap((r) => (r.ok ? r.lists : [])),
      k,
    );
  }

  close(): void {
    for (const w of this.workers) {
      w.postMessage('close');
      w.unref();
    }
    this.fail('closed');
  }

  private ask(w: Worker, req: Omit<KnnRequest, 'id'>): Promise<KnnReply> {
    if (this.broken) return Promise.resolve({ id: 0, ok: false, error: this.broken });
    const id = this.nextId++;
    // Only a pending search keeps the process alive (a CLI spot-check must not exit before its answer).
    const holding = (this.holds.get(w) ?? 0) + 1;
    this.holds.set(w, holding);
    if (holding === 1) w.ref();
    return new Promise<KnnReply>((resolve) => {
      this.pending.set(id, {
        resolve: (r) => {
          const left = this.holds.get(w)! - 1;
          this.holds.set(w, left);
          if (left === 0) w.unref();
          resolve(r);
        },
      });
      w.postMessage({ ...req, id } satisfies KnnRequest, [req.query]);
    });
  }

  private settle(r: KnnReply): void {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    p?.resolve(r);
  }

  private fail(why: string): void {
    this.broken ??= why;
    for (const [id, p] of this.pending) p.resolve({ id, ok: false, error: why });
    this.pending.clear();
  }
}

const pools = new WeakMap<Engine, KnnReaders>();

/** The engine's readers for its current connection, started on first use; null where threads cannot help. */
export function readersOf(engine: Engine): KnnReaders | null {
  if (engine.dbPath === ':memory:') return null;
  let pool = pools.get(engine);
  if (pool && pool.db !== engine.db) {
    pool.close();
    pool = undefined;
  }
  if (!pool) {
    pool = new KnnReaders(engine.db, engine.dbPath, Math.max(2, Math.min(4, availableParallelism())));
    pools.set(engine, pool);
    engine.onClose(() => pool!.close());
  }
  return pool.failure ? null : pool;
}

/**
 * The k nearest chunks of a collection's vector table. A big partitioned table is searched by the
 * reader threads, one partition each, merged into the exact top k; small or old (unpartitioned)
 * tables, and any failure of the readers, take one query on the main connection — the same
 * answer, only slower. Each thread reads its own snapshot, so during a backfill a search may see
 * one more committed batch in one partition than in another: every hit is still a committed row.
 */
export async function nearest(engine: Engine, table: VectorTable, query: Float32Array, k: number, parallelFrom = PARALLEL_KNN_FROM): Promise<Neighbour[]> {
  if (table.partitions > 1 && storageSlots(engine.db, table.table) >= parallelFrom) {
    const pool = readersOf(engine);
    if (pool) {
      try {
        return await pool.search(table.table, query, k, table.partitions);
      } catch {
        // Fall through: the main connection gives the same answer.
      }
    }
  }
  return table.knn(query, k);
}
