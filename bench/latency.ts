/**
 * Spot-check latency at scale: k = 10 queries against collections of random unit vectors of
 * dimension 384 in a database file, each query being what spotcheck does after embedding:
 * `VectorTable.knn` (sqlite-vec's `MATCH ? AND k = ?`) plus the citation join per hit. Measured on
 * the same file opened as EmbedOps opens it (default page cache) and with `PRAGMA mmap_size`
 * large enough to map the whole file, alternating the two so drift hits both alike.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../electron/store/db';
import { getCollection } from '../electron/store/collections';
import { VectorTable } from '../electron/store/vectors';
import { buildRandomCollection, percentile, randomUnit, rng } from './scale-data';

export interface LatencyRow {
  vectors: number;
  dimension: number;
  insertMs: number;
  fileMB: number;
  queries: number;
  k: number;
  default: { p50: number; p95: number; mean: number };
  mmap: { p50: number; p95: number; mean: number; mmapSize: number };
}

const DIM = 384;
const K = 10;

function queryOnce(db: Db, name: string) {
  const c = getCollection(db, name);
  const table = new VectorTable(db, c.vecTable);
  // The same citation statement spotcheck prepares.
  const lookup = db.prepare(
    `SELECT c.ordinal, c.start_offset, c.end_offset, c.text, d.external_id, d.title, d.source_path
     FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND c.collection_id = ?`,
  );
  return (q: Float32Array) => {
    const hits = table.knn(q, K);
    let cited = 0;
    for (const h of hits) if (lookup.get(h.chunkId, c.id)) cited++;
    if (cited !== K) throw new Error(`expected ${K} cited hits, got ${cited}`);
  };
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), mean: ms.reduce((a, b) => a + b, 0) / ms.length };
}

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
      {
        const db = openDatabase(file);
        process.stderr.write(`latency: inserting ${n} × ${DIM}…\n`);
        insertMs = buildRandomCollection(db, name, n, DIM, n).insertMs;
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      }
      const bytes = statSync(file).size;
      const mmapSize = 2 ** Math.ceil(Math.log2(bytes * 1.25));
      const dbDefault = openDatabase(file);
      const dbMmap = openDatabase(file);
      dbMmap.pragma(`mmap_size = ${mmapSize}`);
      const runDefault = queryOnce(dbDefault, name);
      const runMmap = queryOnce(dbMmap, name);
      const rand = rng(4242 + n);
      const qs = Array.from({ length: warmup + queries }, () => randomUnit(DIM, rand));
      const tDefault: number[] = [];
      const tMmap: number[] = [];
      qs.forEach((q, i) => {
        // Alternate which side goes first, so neither always finds the other's cache warm.
        const order: [typeof runDefault, number[]][] = i % 2 ? [[runDefault, tDefault], [runMmap, tMmap]] : [[runMmap, tMmap], [runDefault, tDefault]];
        for (const [run, into] of order) {
          const t0 = performance.now();
          run(q);
          const dt = performance.now() - t0;
          if (i >= warmup) into.push(dt);
        }
      });
      dbDefault.close();
      dbMmap.close();
      rows.push({ vectors: n, dimension: DIM, insertMs, fileMB: bytes / 2 ** 20, queries, k: K, default: stats(tDefault), mmap: { ...stats(tMmap), mmapSize } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function latencyTable(rows: (LatencyRow | string)[]): string {
  const lines = rows.map((r) =>
    typeof r === 'string'
      ? `| ${r} | | | | |`
      : `| ${r.vectors.toLocaleString('en')} × ${r.dimension} (${r.fileMB.toFixed(0)} MB, inserted in ${(r.insertMs / 1000).toFixed(1)} s) | ${r.default.p50.toFixed(1)} / **${r.default.p95.toFixed(1)}** | ${r.mmap.p50.toFixed(1)} / **${r.mmap.p95.toFixed(1)}** | ${(r.mmap.p95 / r.default.p95).toFixed(2)} | ${r.vectors === 100_000 ? 'p95 < 50 ms' : ''} |`,
  );
  return ['| collection | default p50 / p95 ms | mmap p50 / p95 ms | mmap ÷ default p95 | target |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
}
