/**
 * Peak RSS of the main process during a large verify and a backfill, sampled every 50 ms. The
 * embedding worker is a worker thread, so its memory (model weights, onnxruntime arenas) is inside
 * the same process's RSS: the figure is main + worker together, not the main thread alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEngine } from '../electron/engine';
import { importPaths } from '../electron/ingest/import';
import { startBackfill } from '../electron/jobs/backfill';
import { planBackfill } from '../electron/jobs/plan';
import { createCollection } from '../electron/services/collections';
import { verifyCollection } from '../electron/services/verify';
import { responsiveness } from './responsiveness';
import { rssSampler } from './sampler';
import { buildRandomCollection } from './scale-data';

interface Peak {
  chunks: number;
  what: string;
  peakRssMB: number;
  startRssMB: number;
  seconds: number;
}

export interface MemoryResult {
  planVerify: Peak | string;
  backfillStatic: Peak | string;
  backfillMinilm: Peak | string;
}

/**
 * A `plan` (missing mode: counts, and the model loaded in the worker thread to time a probe batch)
 * then a `verify` of a collection of N random 384-d vectors, the collection recorded with the
 * built-in model's id so the plan really loads a model into the worker (its dimension check then
 * fails: 100 ≠ 384, which changes nothing here).
 */
async function planVerify(chunks: number): Promise<Peak> {
  const dir = mkdtempSync(join(tmpdir(), 'embedops-mem-'));
  try {
    const engine = openEngine({ dbPath: join(dir, 'mem.sqlite'), env: { ...process.env, EMBEDOPS_MODELS: '', XDG_CONFIG_HOME: join(dir, 'config') } });
    try {
      process.stderr.write(`memory: inserting ${chunks} × 384…\n`);
      buildRandomCollection(engine.db, 'mem', chunks, 384, 11, 'embedops-static-100d');
      engine.db.pragma('wal_checkpoint(TRUNCATE)');
      const mem = rssSampler(50);
      const t0 = performance.now();
      await planBackfill(engine, 'mem', 'missing');
      await verifyCollection(engine, 'mem');
      const seconds = (performance.now() - t0) / 1000;
      const rss = mem.stop();
      return { chunks, what: `plan + verify of ${chunks.toLocaleString('en')} chunks × 384`, peakRssMB: rss.peakMB, startRssMB: rss.startMB, seconds };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A backfill of `docs` generated documents of two 64-token chunks each with the built-in embedops-static-100d. */
async function backfillStatic(docs: number): Promise<Peak> {
  const dir = mkdtempSync(join(tmpdir(), 'embedops-mem-'));
  try {
    const words = 'wing lift drag flow pressure boundary layer heat transfer shock wave mach number turbulent laminar velocity surface temperature nozzle jet engine blade rotor stress plate shell'.split(' ');
    const corpus = join(dir, 'docs.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < docs; i++) lines.push(JSON.stringify({ id: `g${i}`, title: `g${i}`, text: Array.from({ length: 118 }, (_, j) => words[(i * 7 + j * 13 + (i >> 3)) % words.length]).join(' ') }));
    writeFileSync(corpus, lines.join('\n') + '\n');
    const engine = openEngine({ dbPath: join(dir, 'mem.sqlite'), env: { ...process.env, EMBEDOPS_MODELS: '', XDG_CONFIG_HOME: join(dir, 'config') } });
    try {
      await createCollection(engine, { name: 'mem', model: 'embedops-static-100d', chunkSize: 64, chunkOverlap: 0 });
      process.stderr.write(`memory: importing ${docs} documents…\n`);
      await importPaths(engine, 'mem', [corpus]);
      const mem = rssSampler(50);
      const run = await startBackfill(engine, 'mem', { mode: 'missing' });
      const rss = mem.stop();
      const seconds = (Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000;
      return { chunks: run.embedded, what: `backfill of ${run.embedded.toLocaleString('en')} chunks (embedops-static-100d, 64 tokens, batch 100; ${(run.embedded / seconds).toFixed(0)} chunks/s)`, peakRssMB: rss.peakMB, startRssMB: rss.startMB, seconds };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function memory(opts: { planVerifyChunks: number; staticDocs: number; backfillDocs: number }): Promise<MemoryResult> {
  const safe = async (f: () => Promise<Peak>): Promise<Peak | string> => {
    try {
      return await f();
    } catch (err) {
      return `failed: ${(err as Error).message}`;
    }
  };
  const planVerifyPeak = await safe(() => planVerify(opts.planVerifyChunks));
  const backfillStaticPeak = await safe(() => backfillStatic(opts.staticDocs));
  const backfillMinilm = await safe(async () => {
    const b = await responsiveness({ docs: opts.backfillDocs });
    return { chunks: b.chunks, what: `backfill of ${b.chunks} Cranfield chunks (${b.model} ${b.dtype}, batch ${b.batchSize})`, peakRssMB: b.peakRssMB, startRssMB: b.startRssMB, seconds: b.seconds };
  });
  return { planVerify: planVerifyPeak, backfillStatic: backfillStaticPeak, backfillMinilm };
}

export function memoryTable(r: MemoryResult): string {
  const row = (x: Peak | string) => (typeof x === 'string' ? `| ${x} | | | | |` : `| ${x.what} | ${x.seconds.toFixed(1)} | ${x.startRssMB.toFixed(0)} | **${x.peakRssMB.toFixed(0)}** | < 1024 |`);
  return [
    '| workload | seconds | RSS before MB | peak RSS MB (main + worker thread) | target MB |',
    '| --- | --- | --- | --- | --- |',
    row(r.planVerify),
    row(r.backfillStatic),
    row(r.backfillMinilm),
  ].join('\n');
}

/**
 * `node dist/bench/memory.js PLAN_VERIFY_CHUNKS STATIC_DOCS BACKFILL_DOCS`: the figure in a fresh process (what
 * bench/run.ts does), so RSS left by earlier figures does not count; prints the result as JSON.
 */
if (require.main === module) {
  memory({ planVerifyChunks: Number(process.argv[2]), staticDocs: Number(process.argv[3]), backfillDocs: Number(process.argv[4]) })
    .then((r) => process.stdout.write(JSON.stringify(r) + '\n'))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
