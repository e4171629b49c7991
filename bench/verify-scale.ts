/**
 * `verifyCollection` at scale, on a collection of random unit vectors built through the store,
 * with its wall time split into the parts that matter: the count queries (health-sql, the same
 * statements verify runs), verify's bad-vector scan (`readStorage`: sqlite-vec's storage read in
 * bulk), the bare read of that storage with no check, and (up to 100k, where it takes seconds, not
 * tens of them) the row-by-row scan through the vec0 table that verify used before and still
 * falls back to, each timed separately after the whole verify.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../electron/engine';
import { vectorProblem } from '../electron/jobs/batch-writer';
import { verifyCollection } from '../electron/services/verify';
import { healthSql } from '../electron/store/health-sql';
import { readStorage, VectorTable } from '../electron/store/vectors';
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
  /** verify's bad-vector scan: sqlite-vec's storage read in bulk and checked. */
  storageScanMs: number;
  /** The same storage read with no check: the floor of any full scan. */
  storageReadMs: number;
  /** The row-by-row scan through vec0 (verify's fallback; before: its only scan); null when skipped at 1M. */
  rowScanMs: number | null;
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
      t0 = performance.now();
      const storage = readStorage(engine.db, c.vecTable, dim, vectorProblem);
      const storageScanMs = performance.now() - t0;
      if (!storage || storage.live !== opts.chunks || storage.bad.length !== 0) throw new Error(`storage scan: ${JSON.stringify(storage && { live: storage.live, bad: storage.bad.length })}`);
      t0 = performance.now();
      let bytes = 0;
      for (const r of engine.db.prepare(`SELECT c.validity, v.vectors FROM ${c.vecTable}_chunks c JOIN ${c.vecTable}_vector_chunks00 v ON v.rowid = c.chunk_id`).raw().iterate() as Iterable<[Buffer, Buffer]>) bytes += r[1].length;
      const storageReadMs = performance.now() - t0;
      let rowScanMs: number | null = null;
      if (opts.chunks <= 100_000) {
        t0 = performance.now();
        let bad = 0;
        for (const { vector } of new VectorTable(engine.db, c.vecTable).scan()) if (vectorProblem(vector, c.dimension) !== null) bad++;
        rowScanMs = performance.now() - t0;
        if (bad !== 0) throw new Error(`row scan saw ${bad} bad vectors`);
      }
      if (bytes < opts.chunks * dim * 4) throw new Error(`storage read ${bytes} bytes`);
      return { chunks: opts.chunks, dimension: dim, fileMB, insertMs, status: report.status, verifyMs, countsMs, perCountMs, storageScanMs, storageReadMs, rowScanMs, peakRssMB: rss.peakMB, startRssMB: rss.startMB };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function verifyTable(rows: (VerifyScaleRow | string)[]): string {
  const sec = (ms: number) => (ms / 1000).toFixed(2);
  const lines = rows.map((r) =>
    typeof r === 'string'
      ? `| ${r} | | | | | | | |`
      : `| ${r.chunks.toLocaleString('en')} × ${r.dimension} (${r.fileMB.toFixed(0)} MB) | ${r.status} | **${sec(r.verifyMs)}** | ${sec(r.countsMs)} (${Object.entries(r.perCountMs).map(([k, v]) => `${k} ${sec(v)}`).join(', ')}) | ${sec(r.storageScanMs)} | ${sec(r.storageReadMs)} | ${r.rowScanMs === null ? 'not run' : sec(r.rowScanMs)} | ${r.chunks >= 1_000_000 ? '< 1 s' : ''} |`,
  );
  return ['| collection | verify | wall time s | count queries s | bad-vector scan (storage, bulk) s | storage read alone s | row-by-row scan (before) s | target |', '| --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}
