/**
 * A KNN reader thread (see knn-readers.ts): its own read-only connection with sqlite-vec loaded,
 * answering "the k nearest in these partitions of this table" for as long as the pool lives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/db';
import { type Neighbour, VectorTable } from '../store/vectors';

export interface KnnRequest {
  id: number;
  table: string;
  /** The query vector's float32 bytes. */
  query: ArrayBuffer;
  k: number;
  parts: number[];
}

export type KnnReply = { id: number; ok: true; lists: Neighbour[][] } | { id: number; ok: false; error: string };

const db = openDatabase((workerData as { dbPath: string }).dbPath, { readonly: true });
const tables = new Map<string, VectorTable>();

function search(req: KnnRequest): Neighbour[][] {
  let t = tables.get(req.table);
  if (!t) tables.set(req.table, (t = new VectorTable(db, req.table)));
  const q = new Float32Array(req.query);
  // One read transaction: the partitions this thread searches come from one snapshot.
  return db.transaction(() => req.parts.map((p) => t.knn(q, req.k, p)))();
}

parentPort!.on('message', (req: KnnRequest | 'close') => {
  if (req === 'close') {
    db.close();
    process.exit(0);
  }
  try {
    parentPort!.postMessage({ id: req.id, ok: true, lists: search(req) } satisfies KnnReply);
  } catch (err) {
    // A table purged or recreated since it was cached: forget it, the next call prepares afresh.
    tables.delete(req.table);
    parentPort!.postMessage({ id: req.id, ok: false, error: (err as Error).message } satisfies KnnReply);
  }
});
