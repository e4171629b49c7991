/**
 * The "bare model" side of the throughput benchmark, in a process of its own: transformers.js
 * called directly on the main thread, no database, no worker. It must be a separate process:
 * onnxruntime-node's addon is not context-aware, and loading it in the main thread of a process
 * whose worker already uses it crashes Node (HandleScope fatal error).
 *
 * argv: <model dir> <dtype> <batches.json> → prints {"chunksPerSecond": n} on stdout.
 */
import { readFileSync } from 'node:fs';
import type { ModelDtype } from '../shared/types';
import { loadExtractor } from '../electron/embedding/transformers';

async function main(): Promise<void> {
  const [dir, dtype, file] = process.argv.slice(2) as [string, ModelDtype, string];
  const batches = JSON.parse(readFileSync(file, 'utf8')) as string[][];
  const chunks = batches.reduce((n, b) => n + b.length, 0);
  const extractor = await loadExtractor(dir, dtype);
  await extractor.embed(batches[0]!.slice(0, 4)); // warm-up, as the backfill's model load is
  const t0 = performance.now();
  for (const b of batches) await extractor.embed(b);
  process.stdout.write(JSON.stringify({ chunksPerSecond: chunks / ((performance.now() - t0) / 1000) }));
}

void main();
