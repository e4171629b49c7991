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
import { throughput, type ThroughputResult } from './throughput';
import { latency, latencyTable } from './latency';
import { memoryTable, type MemoryResult } from './memory';
import { responsiveness, responsivenessTable } from './responsiveness';
import { verifyScale, verifyTable, type VerifyScaleRow } from './verify-scale';

interface FigureOutput {
  results: Record<string, unknown>;
  table: string;
}

const FIGURES: Record<string, (quick: boolean) => Promise<FigureOutput>> = {
  /** Backfill chunks/s against the bare transformers.js pipeline (needs ../shared). */
  async throughput(quick) {
    const docs = quick ? 150 : 400;
    const results: Record<string, ThroughputResult | string> = {};
    for (const dtype of ['q8', 'fp32'] as const) {
      process.stderr.write(`throughput ${dtype}…\n`);
      results[`throughput-${dtype}`] = await throughput({ dtype, docs, batchSize: 32, chunkSize: 128 });
    }
    const rows = Object.entries(results).map(([name, r]) =>
      typeof r === 'string'
        ? `| ${name} | ${r} | | | |`
        : `| ${name} | ${r.chunks} chunks, ~${r.meanTokens.toFixed(0)} tokens, batch ${r.batchSize} | ${r.backfillChunksPerSecond.toFixed(1)} | ${r.bareChunksPerSecond.toFixed(1)} | **${r.overhead.toFixed(3)}** (target ≥ 0.95) |`,
    );
    return { results, table: ['| figure | workload | backfill chunks/s | bare pipeline chunks/s | ratio |', '| --- | --- | --- | --- | --- |', ...rows].join('\n') };
  },
  /** Spot-check p50/p95 of k=10 queries over 10k / 100k (/ 1M) random 384-d vectors, default vs mmap. */
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
  /** Peak RSS (main + worker thread) during a 100k verify and a backfill. */
  async memory(quick) {
    // In a fresh process: after the other figures this one would start with their leftovers in RSS.
    const r = JSON.parse(execFileSync(process.execPath, [join(__dirname, 'memory.js'), '100000', quick ? '150' : '400'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as MemoryResult;
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
