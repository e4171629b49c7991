/**
 * `npm run bench [-- FIGURE…] [-- --quick]`: runs the benchmarks (all of them when no figure is
 * named), prints a table per figure and records the results in bench/results/<date>.json (a
 * figure run again the same day replaces its own entries, the others stay). See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { quality, qualityTable } from './quality';
import { importThroughput, throughput, type ImportResult, type ThroughputResult } from './throughput';
import { DEFAULT_BATCH_SIZE } from '../electron/jobs/backfill';
import { latency, latencyTable } from './latency';
import { memoryTable, type MemoryResult } from './memory';
import { responsiveness, responsivenessTable } from './responsiveness';
import { verifyScale, verifyTable, type VerifyScaleRow } from './verify-scale';

interface FigureOutput {
  results: Record<string, unknown>;
  table: string;
}

const FIGURES: Record<string, (quick: boolean) => Promise<FigureOutput>> = {
  /**
   * Backfill chunks/s against the bare transformers.js pipeline (overhead) and against a naive
   * main-thread loop (scheduling gain), interleaved over several rounds (needs ../shared).
   */
  async throughput(quick) {
    const docs = quick ? 150 : 400;
    const results: Record<string, ThroughputResult | string> = {};
    for (const dtype of quick ? (['q8'] as const) : (['q8', 'fp32'] as const)) {
      process.stderr.write(`throughput ${dtype}…\n`);
      results[`throughput-${dtype}`] = await throughput({ dtype, docs, batchSize: DEFAULT_BATCH_SIZE, chunkSize: 128, rounds: quick ? 2 : 3 });
    }
    const range = (r: [number, number]) => `${r[0].toFixed(2)}–${r[1].toFixed(2)}`;
    const rows = Object.entries(results).map(([name, r]) =>
      typeof r === 'string'
        ? `| ${name} | ${r} | | | | | | | |`
        : `| ${name} | ${r.chunks} chunks, ~${r.meanTokens.toFixed(0)} tokens, batch ${r.batchSize}, ${r.rounds} rounds | ${r.backfillChunksPerSecond.toFixed(1)} | ${r.bareChunksPerSecond.toFixed(1)} | ${r.naiveChunksPerSecond.toFixed(1)} | ${r.workerChunksPerSecond.toFixed(1)} | **${r.overhead.toFixed(3)}** (${range(r.overheadRange)}; target ≥ 0.95) | **${r.schedulingGain.toFixed(2)}** (${range(r.schedulingGainRange)}; target ≥ 1.3) | ${r.databaseCost.toFixed(3)} (${range(r.databaseCostRange)}); worker busy ≥ ${r.backfillWorkerBusy === null ? '?' : r.backfillWorkerBusy.toFixed(3)} |`,
    );
    return {
      results,
      table: [
        '| figure | workload | backfill chunks/s | bare pipeline chunks/s | naive loop chunks/s | worker only chunks/s | overhead: backfill ÷ bare, median (min–max) | scheduling gain: backfill ÷ naive, median (min–max) | database + scheduling: backfill ÷ worker only; embedding worker busy during the backfill |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    };
  },
  /** MB/s of text imported and chunked: Cranfield, and a generated corpus of long documents. */
  async import(quick) {
    const rows: Record<string, ImportResult | string> = {
      'import-cranfield': await importThroughput({ corpus: 'cranfield', docs: 1400 }),
      'import-generated': await importThroughput({ corpus: 'generated', docs: quick ? 1000 : 5000 }),
    };
    const lines = Object.entries(rows).map(([name, r]) =>
      typeof r === 'string'
        ? `| ${name} | ${r} | | | |`
        : `| ${name} | ${r.documents.toLocaleString('en')} documents, ${r.megabytes.toFixed(1)} MB of text | ${r.chunks.toLocaleString('en')} | ${r.seconds.toFixed(1)} | **${r.megabytesPerSecond.toFixed(2)}** |`,
    );
    return { results: rows, table: ['| figure | corpus | chunks (default 200 tokens) | seconds | MB/s |', '| --- | --- | --- | --- | --- |', ...lines].join('\n') };
  },
  /** Spot-check p50/p95 of k=10 queries over 10k / 100k (/ 1M) random 384-d vectors: one query vs the reader threads. */
  async latency(quick) {
    const rows = await latency({ sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000] });
    return { results: { latency: rows }, table: latencyTable(rows) };
  },
  /** verifyCollection wall time at 100k (/ 1M) chunks, split into count queries and the vector scan. */
  async verify(quick) {
    const sizes = quick ? [100_000] : [100_000, 1_000_000];
    const rows: VerifyScaleRow[] = [];
    for (const chunks of sizes) rows.push(await verifyScale({ chunks }));
    return { results: { verify: rows }, table: verifyTable(rows) };
  },
  /** Event-loop delay p99 on the main thread during a real backfill. */
  async responsiveness(quick) {
    const r = await responsiveness({ docs: quick ? 150 : 400 });
    return { results: { responsiveness: r }, table: responsivenessTable(r) };
  },
  /** Peak RSS (main + worker thread) during a 1M (quick: 100k) plan + verify, a 100k (quick: 10k) static-model backfill and a MiniLM backfill. */
  async memory(quick) {
    // In a fresh process: after the other figures this one would start with their leftovers in RSS.
    const r = JSON.parse(execFileSync(process.execPath, [join(__dirname, 'memory.js'), quick ? '100000' : '1000000', quick ? '5000' : '50000', quick ? '150' : '400'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as MemoryResult;
    return { results: { memory: r }, table: memoryTable(r) };
  },
  /** Cranfield nDCG@10 / recall@10: the default model through the real pipeline, and BM25 (needs ../shared). */
  async quality(quick) {
    const r = await quality({ quick });
    return { results: { quality: r }, table: qualityTable(r) };
  },
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in FIGURES));
  if (unknown.length) {
    console.error(`unknown figure ${unknown.join(', ')}; figures: ${Object.keys(FIGURES).join(', ')} (none named = all)`);
    process.exit(2);
  }
  const run = names.length ? [...new Set(names)] : Object.keys(FIGURES);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { results?: Record<string, unknown>; figures?: Record<string, unknown> }) : {};
  const results: Record<string, unknown> = { ...previous.results };
  const figures: Record<string, unknown> = { ...previous.figures };
  for (const name of run) {
    const out = await FIGURES[name]!(quick);
    Object.assign(results, out.results);
    figures[name] = { date: new Date().toISOString(), quick };
    console.log(`${out.table}\n`);
  }
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, quick, figures, results }, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
