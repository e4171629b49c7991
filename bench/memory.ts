/**
 * Peak RSS of the main process during a large verify and a backfill, sampled every 50 ms. The
 * embedding worker is a worker thread, so its memory (model weights, onnxruntime arenas) is inside
 * the same process's RSS: the figure is main + worker together, not the main thread alone.
 */
import { responsiveness } from './responsiveness';
import { verifyScale } from './verify-scale';

export interface MemoryResult {
  verify: { chunks: number; peakRssMB: number; startRssMB: number } | string;
  backfill: { chunks: number; model: string; peakRssMB: number; startRssMB: number } | string;
}

export async function memory(opts: { verifyChunks: number; backfillDocs: number }): Promise<MemoryResult> {
  const v = await verifyScale({ chunks: opts.verifyChunks });
  const b = await responsiveness({ docs: opts.backfillDocs });
  return {
    verify: { chunks: v.chunks, peakRssMB: v.peakRssMB, startRssMB: v.startRssMB },
    backfill: { chunks: b.chunks, model: `${b.model} ${b.dtype}`, peakRssMB: b.peakRssMB, startRssMB: b.startRssMB },
  };
}

export function memoryTable(r: MemoryResult): string {
  const row = (what: string, x: MemoryResult['verify'] | MemoryResult['backfill']) =>
    typeof x === 'string' ? `| ${what} | ${x} | | |` : `| ${what} | ${x.startRssMB.toFixed(0)} | **${x.peakRssMB.toFixed(0)}** | < 1024 |`;
  const v = r.verify;
  const b = r.backfill;
  return [
    '| workload | RSS before MB | peak RSS MB (main + worker thread) | target MB |',
    '| --- | --- | --- | --- |',
    row(typeof v === 'string' ? 'verify' : `verify of ${v.chunks.toLocaleString('en')} chunks × 384`, v),
    row(typeof b === 'string' ? 'backfill' : `backfill of ${b.chunks} chunks (${b.model})`, b),
  ].join('\n');
}

/**
 * `node dist/bench/memory.js VERIFY_CHUNKS BACKFILL_DOCS`: the figure in a fresh process (what
 * bench/run.ts does), so RSS left by earlier figures does not count; prints the result as JSON.
 */
if (require.main === module) {
  memory({ verifyChunks: Number(process.argv[2]), backfillDocs: Number(process.argv[3]) })
    .then((r) => process.stdout.write(JSON.stringify(r) + '\n'))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
