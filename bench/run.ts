/**
 * `npm run bench [-- --quick]`: runs the benchmarks, prints a table and writes
 * bench/results/<date>.json. Figures are ratios measured side by side in one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { throughput, type ThroughputResult } from './throughput';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
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
  const table = ['| figure | workload | backfill chunks/s | bare pipeline chunks/s | ratio |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  console.log(table);
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, quick, results }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
