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
      return { chunks: opts.chunks, dimension: dim, fileMB, insertMs, status: report.status, verifyMs, countsMs, perCountMs, scanMs, scanOnlyReadMs, peakRssMB: rss.peakMB, startRssMB: rss.startMB };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function verifyTable(rows: (VerifyScaleRow | string)[]): string {
  const lines = rows.map((r) =>
    typeof r === 'string'
      ? `| ${r} | | | | | |`
      : `| ${r.chunks.toLocaleString('en')} × ${r.dimension} (${r.fileMB.toFixed(0)} MB) | ${r.status} | **${(r.verifyMs / 1000).toFixed(2)} s** | ${(r.countsMs / 1000).toFixed(2)} s | ${(r.scanMs / 1000).toFixed(2)} s (read alone ${(r.scanOnlyReadMs / 1000).toFixed(2)} s) | ${r.chunks >= 1_000_000 ? '< 1 s' : `< 1 s at 1M ⇒ < ${(1000 * r.chunks / 1e6).toFixed(0)} ms here if linear`} |`,
  );
  return ['| collection | verify | wall time | count queries | vector scan (NaN/zero) | target |', '| --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}
