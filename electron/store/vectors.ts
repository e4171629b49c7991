import type { Db } from './db';

/**
 * The one place that knows how vectors are stored: one sqlite-vec `vec0` table per collection,
 * rowid = chunk id, dimension fixed at creation, cosine distance. Keeping this behind a small
 * interface is what would let another vector engine stand in later.
 */
export function createVectorTable(db: Db, table: string, dimension: number): void {
  assertTableName(table);
  db.exec(`CREATE VIRTUAL TABLE ${table} USING vec0(embedding float[${dimension}] distance_metric=cosine)`);
}

export function dropVectorTable(db: Db, table: string): void {
  assertTableName(table);
  db.exec(`DROP TABLE IF EXISTS ${table}`);
}

function assertTableName(table: string): void {
  if (!/^vec_c[0-9]+$/.test(table)) throw new Error(`unexpected vector table name ${table}`);
}

export function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function fromBlob(b: Buffer): Float32Array {
  // Copy: the Buffer may be a view into a pooled allocation with no 4-byte alignment.
  const out = new Float32Array(b.byteLength / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

/** Prepared statements for one collection's vector table. */
export class VectorTable {
  private readonly del;
  private readonly ins;
  private readonly has;
  private readonly knnStmt;
  constructor(
    private readonly db: Db,
    readonly table: string,
  ) {
    assertTableName(table);
    this.del = db.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
    this.ins = db.prepare(`INSERT INTO ${table} (rowid, embedding) VALUES (?, ?)`);
    this.has = db.prepare(`SELECT 1 FROM ${table} WHERE rowid = ?`);
    this.knnStmt = db.prepare(`SELECT rowid AS chunk_id, distance FROM ${table} WHERE embedding MATCH ? AND k = ?`);
  }

  /** Replaces the vector of a chunk (vec0 has no upsert). Call inside a transaction. */
  put(chunkId: number, v: Float32Array): void {
    this.del.run(BigInt(chunkId));
    this.ins.run(BigInt(chunkId), toBlob(v));
  }

  delete(chunkId: number): void {
    this.del.run(BigInt(chunkId));
  }

  exists(chunkId: number): boolean {
    return this.has.get(BigInt(chunkId)) !== undefined;
  }

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${this.table}`).get() as { n: number }).n;
  }

  /** Nearest neighbours by cosine distance; sqlite-vec's KNN form (a MATCH + k), never a full ORDER BY scan. */
  knn(query: Float32Array, k: number): { chunkId: number; distance: number }[] {
    return (this.knnStmt.all(toBlob(query), k) as { chunk_id: number; distance: number }[]).map((r) => ({
      chunkId: Number(r.chunk_id),
      distance: r.distance,
    }));
  }

  /** Every (rowid, vector), streamed: verify scans them for NaN and zero vectors. */
  *scan(): Generator<{ chunkId: number; vector: Float32Array }> {
    for (const r of this.db.prepare(`SELECT rowid AS chunk_id, embedding FROM ${this.table}`).iterate() as Iterable<{ chunk_id: number; embedding: Buffer }>) {
      yield { chunkId: Number(r.chunk_id), vector: fromBlob(r.embedding) };
    }
  }
}
