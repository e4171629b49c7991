import type { Statement } from 'better-sqlite3';
import type { Db } from './db';

/** Why a vector is unusable (NaN/Inf, zero length, wrong size), or null: the batch writer's own rule. */
export type VectorProblem = (v: Float32Array, dimension: number) => string | null;

/**
 * Vector tables are split into this many partitions (`part` = chunk id modulo it), stored apart by
 * sqlite-vec, so a KNN search can run one partition per thread and merge (knn-readers.ts): exact
 * results in about half the time on 2 cores (bench/README.md); up to four threads where there are
 * more cores. Tables made before partitioning have one (no `part` column) and are searched whole.
 */
export const VECTOR_PARTITIONS = 4;

/**
 * The one place that knows how vectors are stored: one sqlite-vec `vec0` table per collection,
 * rowid = chunk id, dimension fixed at creation, partitioned by chunk id. Vectors are stored at
 * unit length and searched by L2 distance, which orders them exactly as cosine distance does
 * (|a − b|² = 2 − 2·cos for unit vectors) at less cost per vector in sqlite-vec's scalar loop
 * (≈ 0.8×, bench/README.md); `knn` reports cosine distance either way. Keeping this behind a small
 * interface is what would let another vector engine stand in later.
 */
export function createVectorTable(db: Db, table: string, dimension: number): void {
  assertTableName(table);
  db.exec(`CREATE VIRTUAL TABLE ${table} USING vec0(part integer partition key, embedding float[${dimension}] distance_metric=l2)`);
}

/** How a table was made: partitions (VECTOR_PARTITIONS, or 1 before partitioning) and distance metric (cosine before L2). */
export function layoutOf(db: Db, table: string): { partitions: number; metric: 'cosine' | 'l2' } {
  assertTableName(table);
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ? AND type = 'table'").pluck().get(table) as string | undefined) ?? '';
  return {
    partitions: /\bpart integer partition key\b/.test(sql) ? VECTOR_PARTITIONS : 1,
    metric: /\bdistance_metric=l2\b/.test(sql) ? 'l2' : 'cosine',
  };
}

/** Slots in a table's storage (sqlite-vec allocates 1,024 per chunk): a free bound on its size, no scan. */
export function storageSlots(db: Db, table: string): number {
  assertTableName(table);
  return db.prepare(`SELECT coalesce(sum(size), 0) FROM ${table}_chunks`).pluck().get() as number;
}

/** v at unit length; a zero or non-finite vector is left as it is (the batch writer refuses those before; verify reports them). */
export function unitLength(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (!(s > 0) || !Number.isFinite(s) || Math.abs(s - 1) < 1e-7) return v;
  const inv = 1 / Math.sqrt(s);
  return v.map((x) => x * inv);
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

export interface Neighbour {
  chunkId: number;
  distance: number;
}

/** The k nearest of several partial results (each sorted, from disjoint partitions): by distance, then chunk id. */
export function mergeNearest(lists: Neighbour[][], k: number): Neighbour[] {
  return lists
    .flat()
    .sort((a, b) => a.distance - b.distance || a.chunkId - b.chunkId)
    .slice(0, k);
}

/** Prepared statements for one collection's vector table. */
export class VectorTable {
  private readonly del;
  private readonly ins;
  private readonly has;
  private readonly knnStmt;
  private knnPartStmt: Statement | null = null;
  /** VECTOR_PARTITIONS, or 1 for a table made before partitioning. */
  readonly partitions: number;
  readonly metric: 'cosine' | 'l2';
  constructor(
    private readonly db: Db,
    readonly table: string,
  ) {
    ({ partitions: this.partitions, metric: this.metric } = layoutOf(db, table));
    this.del = db.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
    this.ins =
      this.partitions > 1
        ? db.prepare(`INSERT INTO ${table} (rowid, part, embedding) VALUES (?, ?, ?)`)
        : db.prepare(`INSERT INTO ${table} (rowid, embedding) VALUES (?, ?)`);
    this.has = db.prepare(`SELECT 1 FROM ${table} WHERE rowid = ?`);
    this.knnStmt = db.prepare(`SELECT rowid AS chunk_id, distance FROM ${table} WHERE embedding MATCH ? AND k = ?`);
  }

  /** Replaces the vector of a chunk (vec0 has no upsert). Call inside a transaction. */
  put(chunkId: number, v: Float32Array): void {
    this.del.run(BigInt(chunkId));
    const blob = toBlob(this.metric === 'l2' ? unitLength(v) : v);
    // BigInt: better-sqlite3 binds a JS number as REAL, which vec0 refuses for an integer key.
    if (this.partitions > 1) this.ins.run(BigInt(chunkId), BigInt(chunkId % this.partitions), blob);
    else this.ins.run(BigInt(chunkId), blob);
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

  /**
   * Nearest neighbours by cosine distance, of the whole table or of one partition; sqlite-vec's KNN
   * form (a MATCH + k), never a full ORDER BY scan. An L2 table's distance d between unit vectors
   * is reported as the cosine distance d²/2.
   */
  knn(query: Float32Array, k: number, part?: number): Neighbour[] {
    const q = toBlob(this.metric === 'l2' ? unitLength(query) : query);
    let rows: { chunk_id: number; distance: number }[];
    if (part === undefined) rows = this.knnStmt.all(q, k) as typeof rows;
    else {
      this.knnPartStmt ??= this.db.prepare(`SELECT rowid AS chunk_id, distance FROM ${this.table} WHERE embedding MATCH ? AND k = ? AND part = ?`);
      rows = this.knnPartStmt.all(q, k, BigInt(part)) as typeof rows;
    }
    const toCosine = this.metric === 'l2' ? (d: number) => (d * d) / 2 : (d: number) => d;
    return rows.map((r) => ({ chunkId: Number(r.chunk_id), distance: toCosine(r.distance) }));
  }

  /**
   * Checks every stored vector for NaN/Inf values and zero length (verify's bad-vector scan). Reads
   * sqlite-vec's storage in bulk when its layout is the one this build knows (`readStorage`,
   * 1,024 vectors per row), else every row through the vec0 table (`scan()`, about 13× slower).
   * `live` counts the vectors found in storage: verify compares it with the rowid index.
   */
  checkVectors(dimension: number, vectorProblem: VectorProblem): { method: 'storage' | 'rows'; live: number; bad: number[] } {
    const storage = readStorage(this.db, this.table, dimension, vectorProblem);
    if (storage) return { method: 'storage', ...storage };
    const bad: number[] = [];
    let live = 0;
    for (const { chunkId, vector } of this.scan()) {
      live++;
      if (vectorProblem(vector, dimension) !== null) bad.push(chunkId);
    }
    return { method: 'rows', live, bad };
  }

  /** Every (rowid, vector), streamed: the slow, layout-independent form of `checkVectors`. */
  *scan(): Generator<{ chunkId: number; vector: Float32Array }> {
    for (const r of this.db.prepare(`SELECT rowid AS chunk_id, embedding FROM ${this.table}`).iterate() as Iterable<{ chunk_id: number; embedding: Buffer }>) {
      yield { chunkId: Number(r.chunk_id), vector: fromBlob(r.embedding) };
    }
  }
}

/** One of `count` disjoint shares of a table's storage (storage chunks by id modulo `count`), for reading in parallel. */
export interface StoragePart {
  index: number;
  count: number;
}

/** Rows of the rowid index whose vectors live in the storage chunks of `part`: what that part's `live` must equal. */
export function indexedInPart(db: Db, table: string, part: StoragePart): number {
  assertTableName(table);
  return db.prepare(`SELECT count(*) FROM ${table}_rowids WHERE chunk_id % ? = ?`).pluck().get(part.count, part.index) as number;
}

/** The columns of sqlite-vec 0.1.9's shadow tables that `readStorage` reads (chunks: plain, partitioned). */
const CHUNKS_COLUMNS = ['chunk_id,size,validity,rowids', 'chunk_id,size,sequence_id,partition00,validity,rowids'];
const VECTOR_CHUNKS_COLUMNS = 'rowid,vectors';

function columns(db: Db, table: string): string {
  return (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]).join(',');
}

/**
 * Reads a vec0 table's vectors straight from sqlite-vec's shadow tables and checks each one:
 * `<t>_chunks` holds, per chunk of `size` slots, a validity bitmap (bit i = slot i is live) and the
 * slots' rowids (int64 each); `<t>_vector_chunks00` holds the chunk's `size × dimension` float32s.
 * That is sqlite-vec 0.1.9's layout (a test checks it against the vec0 table itself). Anything else
 * — other columns, a second vector column, a blob of an unexpected length — returns null and the
 * caller reads the rows through vec0 instead, so a layout change costs speed, never correctness.
 */
export function readStorage(db: Db, table: string, dimension: number, vectorProblem: VectorProblem, part?: StoragePart): { live: number; bad: number[] } | null {
  assertTableName(table);
  if (!CHUNKS_COLUMNS.includes(columns(db, `${table}_chunks`))) return null;
  if (columns(db, `${table}_vector_chunks00`) !== VECTOR_CHUNKS_COLUMNS) return null;
  if (columns(db, `${table}_vector_chunks01`) !== '') return null;
  const where = part ? `WHERE c.chunk_id % ${part.count} = ${part.index}` : '';
  const rows = db
    .prepare(`SELECT c.size, c.validity, c.rowids, v.vectors FROM ${table}_chunks c JOIN ${table}_vector_chunks00 v ON v.rowid = c.chunk_id ${where}`)
    .raw()
    .iterate() as IterableIterator<[number, Buffer, Buffer, Buffer]>;
  const bad: number[] = [];
  let live = 0;
  let copy = new Float32Array(0);
  for (const [size, validity, rowids, vectors] of rows) {
    if (!Number.isInteger(size) || validity.length * 8 < size || rowids.length !== size * 8 || vectors.length !== size * dimension * 4) {
      rows.return?.();
      return null;
    }
    let f: Float32Array;
    if (vectors.byteOffset % 4 === 0) f = new Float32Array(vectors.buffer, vectors.byteOffset, vectors.length / 4);
    else {
      if (copy.length < vectors.length / 4) copy = new Float32Array(vectors.length / 4);
      new Uint8Array(copy.buffer, 0, vectors.length).set(vectors);
      f = copy;
    }
    for (let slot = 0; slot < size; slot++) {
      if (!(validity[slot >> 3]! & (1 << (slot & 7)))) continue;
      live++;
      const s = sumOfSquares(f, slot * dimension, dimension);
      // NaN and ±Inf make the sum NaN/Inf, a zero vector makes it 0. A suspect is re-checked by the
      // batch writer's own rule, which also clears a finite vector whose square merely overflowed.
      if (s > 1e-12 && s < Infinity) continue;
      if (vectorProblem(f.slice(slot * dimension, (slot + 1) * dimension), dimension) !== null) bad.push(Number(rowids.readBigInt64LE(slot * 8)));
    }
  }
  return { live, bad };
}

/** Σ x² over f[base, base + n), in four lanes (a quarter of the add chain; ≈ 2× a plain loop in V8). */
function sumOfSquares(f: Float32Array, base: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = base + n;
  let i = base;
  for (; i + 3 < end; i += 4) {
    const a = f[i]!;
    const b = f[i + 1]!;
    const c = f[i + 2]!;
    const d = f[i + 3]!;
    s0 += a * a;
    s1 += b * b;
    s2 += c * c;
    s3 += d * d;
  }
  for (; i < end; i++) s0 += f[i]! * f[i]!;
  return s0 + s1 + s2 + s3;
}
