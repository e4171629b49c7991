/**
 * `verifyCollection` at scale, on a collection of random unit vectors built through the store,
 * with its wall time split into the parts that matter: the count queries (health-sql, the same
 * statements verify runs) and the full vector scan for NaN/zero vectors (`VectorTable.scan()` +
 * the same check verify applies), each timed separately after the whole verify.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../electron/engine';
import type { Db } from '../electron/store/db';
import { vectorProblem } from '../electron/jobs/batch-writer';
import { verifyCollection } from '../electron/services/verify';
import { healthSql } from '../electron/store/health-sql';
import { VectorTable } from '../electron/store/vectors';
import { rssSampler } from './sampler';
import { buildRandomCollection } from './scale-data';

export interface VerifyScaleRow {
  chunks: number;
  dimension: number;
  fileMB: number;
  insertMs: number;
  status: string;
  verifyMs: number;
  countsMs: number;
  perCountMs: Record<string, number>;
  scanMs: number;
  scanOnlyReadMs: number;
  /** The proposal in bench/README.md: the same check over sqlite-vec's shadow tables, 1,024 vectors per row. */
  shadowScanMs: number;
  peakRssMB: number;
  startRssMB: number;
}

export async function verifyScale(opts: { chunks: number; dimension?: number }): Promise<VerifyScaleRow> {
  const dim = opts.dimension ?? 384;
  const dir = mkdtempSync(join(tmpdir(), 'embedops-verify-'));
  try {
    const dbPath = join(dir, 'verify.sqlite');
    const engine = openEngine({ dbPath, env: { ...process.env, EMBEDOPS_MODELS: '' } });
    try {
      process.stderr.write(`verify: inserting ${opts.chunks} × ${dim}…\n`);
      const { collection: c, insertMs } = buildRandomCollection(engine.db, 'verify_scale', opts.chunks, dim, 7);
      engine.db.pragma('wal_checkpoint(TRUNCATE)');
      const fileMB = statSync(dbPath).size / 2 ** 20;
      const mem = rssSampler(50);
      let t0 = performance.now();
      const report = await verifyCollection(engine, c.name);
      const verifyMs = performance.now() - t0;
      const rss = mem.stop();
      const sql = healthSql(c);
      const perCountMs: Record<string, number> = {};
      t0 = performance.now();
      for (const [k, s] of Object.entries(sql)) {
        const t = performance.now();
        engine.db.prepare(s).pluck().get();
        perCountMs[k] = performance.now() - t;
      }
      const countsMs = performance.now() - t0;
      const table = new VectorTable(engine.db, c.vecTable);
      t0 = performance.now();
      let bad = 0;
      for (const { vector } of table.scan()) if (vectorProblem(vector, c.dimension) !== null) bad++;
      const scanMs = performance.now() - t0;
      // The read alone: rows out of SQLite with no copy into Float32Array and no check.
      t0 = performance.now();
      let bytes = 0;
      for (const r of engine.db.prepare(`SELECT rowid, embedding FROM ${c.vecTable}`).raw().iterate() as Iterable<[number, Buffer]>) bytes += r[1].length;
      const scanOnlyReadMs = performance.now() - t0;
      if (bad !== 0 || bytes !== opts.chunks * dim * 4) throw new Error(`scan saw ${bad} bad vectors, ${bytes} bytes`);
      t0 = performance.now();
      const shadow = shadowScan(engine.db, c.vecTable, dim);
      const shadowScanMs = performance.now() - t0;
      if (shadow.checked !== opts.chunks || shadow.bad !== 0) throw new Error(`shadow scan checked ${shadow.checked}, bad ${shadow.bad}`);
      return { chunks: opts.chunks, dimension: dim, fileMB, insertMs, status: report.status, verifyMs, countsMs, perCountMs, scanMs, scanOnlyReadMs, shadowScanMs, peakRssMB: rss.peakMB, startRssMB: rss.startMB };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A prototype of the faster bad-vector scan proposed in bench/README.md (not used by verify): read
 * sqlite-vec 0.1.9's shadow tables directly — `<t>_vector_chunks00` holds 1,024 vectors per row,
 * `<t>_chunks.validity` says which slots are live — and check each live vector in place.
 */
export function shadowScan(db: Db, table: string, dim: number): { checked: number; bad: number } {
  let checked = 0;
  let bad = 0;
  const rows = db.prepare(`SELECT c.size, c.validity, v.vectors FROM ${table}_chunks c JOIN ${table}_vector_chunks00 v ON v.rowid = c.chunk_id`).raw().iterate() as Iterable<[number, Buffer, Buffer]>;
  let f = new Float32Array(0);
  for (const [size, validity, vectors] of rows) {
    if (f.length * 4 < vectors.byteLength) f = new Float32Array(vectors.byteLength / 4);
    new Uint8Array(f.buffer, 0, vectors.byteLength).set(vectors);
    for (let slot = 0; slot < size; slot++) {
      if (!(validity[slot >> 3]! & (1 << (slot & 7)))) continue;
      checked++;
      let norm = 0;
      const base = slot * dim;
      for (let i = 0; i < dim; i++) norm += f[base + i]! * f[base + i]!;
      if (!Number.isFinite(norm) || norm <= 1e-12) bad++; // as vectorProblem: NaN/Inf or zero length
    }
  }
  return { checked, bad };
}

export function verifyTable(rows: (VerifyScaleRow | string)[]): string {
  const lines = rows.map((r) =>
    typeof r === 'string'
      ? `| ${r} | | | | | | |`
      : `| ${r.chunks.toLocaleString('en')} × ${r.dimension} (${r.fileMB.toFixed(0)} MB) | ${r.status} | **${(r.verifyMs / 1000).toFixed(2)} s** | ${(r.countsMs / 1000).toFixed(2)} s | ${(r.scanMs / 1000).toFixed(2)} s (read alone ${(r.scanOnlyReadMs / 1000).toFixed(2)} s) | ${(r.shadowScanMs / 1000).toFixed(2)} s | ${r.chunks >= 1_000_000 ? '< 1 s' : `< 1 s at 1M ⇒ < ${(1000 * r.chunks / 1e6).toFixed(0)} ms here if linear`} |`,
  );
  return ['| collection | verify | wall time | count queries | vector scan (NaN/zero) | proposed shadow-table scan | target |', '| --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}
