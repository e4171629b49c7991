/**
 * Spot-check latency at scale: k = 10 queries against collections of random unit vectors of
 * dimension 384 in a database file, each query being what spotcheck does after embedding: the
 * KNN plus the citation join per hit. Two sides on the same file, alternated so drift hits both
 * alike: **one query** on the main connection (`VectorTable.knn`, sqlite-vec's `MATCH ? AND k = ?`
 * over the whole table: what a table made before partitioning gets) and **readers** (`nearest`:
 * the table's partitions searched side by side by the reader threads and merged, what spot-check
 * runs). Both return the same hits; the figure checks that on every query. A third side, **earlier
 * layout**, runs the one query on a copy of the collection (same vectors) in the table layout of
 * earlier versions (cosine, unpartitioned): the before/after of the table format in the same run.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Engine, openEngine } from '../electron/engine';
import { nearest, readersOf } from '../electron/services/knn-readers';
import { getCollection } from '../electron/store/collections';
import { openDatabase } from '../electron/store/db';
import { type Neighbour, VectorTable } from '../electron/store/vectors';
import { buildRandomCollection, percentile, randomUnit, rng } from './scale-data';

interface Stats {
  p50: number;
  p95: number;
  mean: number;
}

export interface LatencyRow {
  vectors: number;
  dimension: number;
  insertMs: number;
  fileMB: number;
  queries: number;
  k: number;
  /** Reader threads used (min(4, max(2, cores))). */
  threads: number;
  oneQuery: Stats;
  readers: Stats;
  /** One query on the same vectors in the earlier table layout (cosine, unpartitioned). */
  earlierLayout: Stats;
}

const DIM = 384;
const K = 10;

function querySides(engine: Engine, name: string) {
  const c = getCollection(engine.db, name);
  const table = new VectorTable(engine.db, c.vecTable);
  // The same citation statement spotcheck prepares.
  const lookup = engine.db.prepare(
    `SELECT c.ordinal, c.start_offset, c.end_offset, c.text, d.external_id, d.title, d.source_path
     FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND c.collection_id = ?`,
  );
  const cite = (hits: Neighbour[]) => {
    let cited = 0;
    for (const h of hits) if (lookup.get(h.chunkId, c.id)) cited++;
    if (cited !== K) throw new Error(`expected ${K} cited hits, got ${cited}`);
    return hits;
  };
  const legacy = getCollection(engine.db, `${name}_earlier`);
  const legacyTable = new VectorTable(engine.db, legacy.vecTable);
  const citeLegacy = (hits: Neighbour[]) => {
    for (const h of hits) if (!lookup.get(h.chunkId, legacy.id)) throw new Error('uncited hit');
    return hits;
  };
  return {
    oneQuery: async (q: Float32Array) => cite(table.knn(q, K)),
    readers: async (q: Float32Array) => cite(await nearest(engine, table, q, K)),
    earlierLayout: async (q: Float32Array) => citeLegacy(legacyTable.knn(q, K)),
  };
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

type Side = 'oneQuery' | 'readers' | 'earlierLayout';
const SIDES: Side[] = ['oneQuery', 'readers', 'earlierLayout'];

const ids = (hits: Neighbour[]) => hits.map((h) => h.chunkId).join(',');

export async function latency(opts: { sizes: number[]; queries?: number; warmup?: number }): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  for (const n of opts.sizes) {
    // A brute-force query over 1M vectors takes about a second: 30 queries there, not 200.
    const queries = opts.queries ?? (n >= 1_000_000 ? 30 : 200);
    const warmup = opts.warmup ?? (n >= 1_000_000 ? 3 : 10);
    const dir = mkdtempSync(join(tmpdir(), 'embedops-latency-'));
    try {
      const file = join(dir, 'latency.sqlite');
      const name = `lat_${n}`;
      let insertMs: number;
      let bytes: number;
      {
        const db = openDatabase(file);
        process.stderr.write(`latency: inserting ${n} × ${DIM}…\n`);
        insertMs = buildRandomCollection(db, name, n, DIM, n).insertMs;
        db.pragma('wal_checkpoint(TRUNCATE)');
        bytes = statSync(file).size;
        buildRandomCollection(db, `${name}_earlier`, n, DIM, n, 'bench-random', true);
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
      const engine = openEngine({ dbPath: file });
      try {
        const sides = querySides(engine, name);
        const rand = rng(4242 + n);
        const qs = Array.from({ length: warmup + queries }, () => randomUnit(DIM, rand));
        const times: Record<Side, number[]> = { oneQuery: [], readers: [], earlierLayout: [] };
        for (const [i, q] of qs.entries()) {
          // Rotate which side goes first, so none always finds the others' cache warm.
          const order = SIDES.map((_, j) => SIDES[(i + j) % SIDES.length]!);
          const answers: Partial<Record<Side, string>> = {};
          for (const side of order) {
            const t0 = performance.now();
            answers[side] = ids(await sides[side](q));
            const dt = performance.now() - t0;
            if (i >= warmup) times[side].push(dt);
          }
          if (answers.oneQuery !== answers.readers) throw new Error(`one query and the readers disagree on query ${i}: ${answers.oneQuery} vs ${answers.readers}`);
        }
        rows.push({
          vectors: n,
          dimension: DIM,
          insertMs,
          fileMB: bytes / 2 ** 20,
          queries,
          k: K,
          threads: readersOf(engine)?.size ?? 0,
          oneQuery: stats(times.oneQuery),
          readers: stats(times.readers),
          earlierLayout: stats(times.earlierLayout),
        });
      } finally {
        engine.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function latencyTable(rows: (LatencyRow | string)[]): string {
  const pair = (x: Stats) => `${x.p50.toFixed(1)} / **${x.p95.toFixed(1)}**`;
  const lines = rows.map((r) =>
    typeof r === 'string'
      ? `| ${r} | | | | | |`
      : `| ${r.vectors.toLocaleString('en')} × ${r.dimension} (${r.fileMB.toFixed(0)} MB, inserted in ${(r.insertMs / 1000).toFixed(1)} s) | ${pair(r.earlierLayout)} | ${pair(r.oneQuery)} | ${pair(r.readers)} (${r.threads} threads) | ${(r.readers.p95 / r.earlierLayout.p95).toFixed(2)} | ${r.vectors === 100_000 ? 'p95 < 50 ms' : ''} |`,
  );
  return [
    '| collection | earlier layout, one query p50 / p95 ms | one query p50 / p95 ms | readers p50 / p95 ms (what spot-check runs) | readers ÷ earlier layout p95 | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...lines,
  ].join('\n');
}
