/**
 * One share of verify's bad-vector scan, in its own thread on its own read-only connection (see
 * vector-scan.ts). sqlite-vec's shadow tables are plain tables, so no extension is loaded here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { vectorProblem } from '../jobs/batch-writer';
import { indexedInPart, readStorage, type StoragePart } from '../store/vectors';

export interface ScanRequest {
  dbPath: string;
  table: string;
  dimension: number;
  part: StoragePart;
}

export type ScanReply = { ok: true; layout: false } | { ok: true; layout: true; live: number; indexed: number; bad: number[] } | { ok: false; error: string };

function run(req: ScanRequest): ScanReply {
  const db = new Database(req.dbPath, { readonly: true, fileMustExist: true });
  try {
    // One read transaction: this share's storage and its rowid index are read from one snapshot,
    // so a backfill committing meanwhile cannot make them disagree.
    return db.transaction((): ScanReply => {
      const r = readStorage(db, req.table, req.dimension, vectorProblem, req.part);
      return r ? { ok: true, layout: true, ...r, indexed: indexedInPart(db, req.table, req.part) } : { ok: true, layout: false };
    })();
  } finally {
    db.close();
  }
}

try {
  parentPort!.postMessage(run(workerData as ScanRequest));
} catch (err) {
  parentPort!.postMessage({ ok: false, error: (err as Error).message } satisfies ScanReply);
}
