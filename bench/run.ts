/**
 * `npm run bench [-- FIGURE…] [-- --quick]`: runs the benchmarks (all of them when no figure is
 * named), prints a table per figure and records the results in bench/results/<date>.json (a
 * figure run again the same day replaces its own entries, the others stay). See bench/README.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { quality, qualityTable } from './quality';
import { throughput, type ThroughputResult } from './throughput';

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
