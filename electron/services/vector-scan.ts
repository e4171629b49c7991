import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Collection } from '../store/collections';
import type { Db } from '../store/db';
import { vectorProblem } from '../jobs/batch-writer';
import { VectorTable } from '../store/vectors';
import type { ScanReply, ScanRequest } from './vector-scan-worker';

/** Below this many vectors one in-thread pass is quicker than starting threads (≈ 0.27 s at 100k). */
export const PARALLEL_SCAN_FROM = 50_000;

export interface VectorScan {
  method: 'storage' | 'rows' | 'parallel-storage';
  /** Vectors found in storage (or rows of the vec0 table). */
  live: number;
  /** For storage reads: how far the rowid index disagrees with storage (0 = consistent). */
  mismatch: number | null;
  bad: number[];
}

function scanPart(req: ScanRequest): Promise<ScanReply> {
  return new Promise((resolve) => {
    const w = new Worker(join(__dirname, 'vector-scan-worker.js'), { workerData: req });
    w.once('message', (r: ScanReply) => resolve(r));
    w.once('error', (err) => resolve({ ok: false, error: err.message }));
    w.once('exit', (code) => resolve({ ok: false, error: `exited with code ${code}` }));
  });
}

/**
 * Verify's read of every vector (NaN/Inf/zero check). A big table is read in shares by worker
 * threads, each on its own read-only connection: the main thread stays free (serve mode and the
 * window keep answering), the shares run on every core, and the main connection never maps the
 * vectors into memory. Any failure of that route (a read-only folder without a -shm, an unknown
 * storage layout) falls back to the one-thread read, so it costs speed, never correctness.
 */
export async function scanVectors(db: Db, dbPath: string, c: Collection, vectors: number, parallelFrom = PARALLEL_SCAN_FROM): Promise<VectorScan> {
  if (vectors >= parallelFrom && dbPath !== ':memory:') {
    const count = Math.max(2, Math.min(4, availableParallelism()));
    const replies = await Promise.all(Array.from({ length: count }, (_, index) => scanPart({ dbPath, table: c.vecTable, dimension: c.dimension, part: { index, count } })));
    if (replies.every((r) => r.ok && r.layout)) {
      const parts = replies as Extract<ScanReply, { layout: true }>[];
      return {
        method: 'parallel-storage',
        live: parts.reduce((n, p) => n + p.live, 0),
        mismatch: parts.reduce((n, p) => n + Math.abs(p.live - p.indexed), 0),
        bad: parts.flatMap((p) => p.bad).sort((a, b) => a - b),
      };
    }
  }
  return { ...new VectorTable(db, c.vecTable).checkVectors(c.dimension, vectorProblem), mismatch: null };
}
