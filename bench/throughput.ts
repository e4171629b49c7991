/**
 * Backfill throughput against the bare model: the same transformers.js pipeline called directly on
 * the same texts in the same batches, with no database and no worker. Measured in one run, so the
 * ratio holds on a noisy machine even when the absolute numbers drift.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelDtype } from '../shared/types';
import { execFileSync } from 'node:child_process';
import { openEngine } from '../electron/engine';
import { importPaths } from '../electron/ingest/import';
import { startBackfill } from '../electron/jobs/backfill';
import { lengthSortedBatches, type WorkChunk } from '../electron/jobs/work-set';
import { createCollection } from '../electron/services/collections';
import { readJsonl, sharedPath, type Doc } from './shared-data';

export interface ThroughputResult {
  model: string;
  dtype: ModelDtype;
  chunks: number;
  batchSize: number;
  meanTokens: number;
  backfillChunksPerSecond: number;
  bareChunksPerSecond: number;
  overhead: number;
}

export async function throughput(opts: { dtype: ModelDtype; docs: number; batchSize: number; chunkSize: number }): Promise<ThroughputResult | string> {
  const modelDir = sharedPath('models', 'minilm-l6-shaped-random');
  const docsFile = sharedPath('datasets', 'cranfield', 'docs.jsonl');
  if (!modelDir || !docsFile) return 'skipped: ../shared/models/minilm-l6-shaped-random or ../shared/datasets/cranfield is absent';
  const dir = mkdtempSync(join(tmpdir(), 'embedops-bench-'));
  try {
    const corpus = join(dir, 'docs.jsonl');
    writeFileSync(corpus, readJsonl<Doc>(docsFile).slice(0, opts.docs).map((d) => JSON.stringify(d)).join('\n') + '\n');
    const engine = openEngine({ dbPath: join(dir, 'bench.sqlite'), env: { ...process.env, EMBEDOPS_MODELS: '' } });
    try {
      await createCollection(engine, { name: 'bench', model: modelDir, chunkSize: opts.chunkSize, chunkOverlap: 0, dtype: opts.dtype });
      await importPaths(engine, 'bench', [corpus]);
      // The exact batches the backfill will form: pages of 8 batches, sorted by length.
      const rows = engine.db.prepare('SELECT id, text, text_hash, token_count FROM document_chunks ORDER BY id').all() as WorkChunk[];
      const batches: string[][] = [];
      for (let i = 0; i < rows.length; i += opts.batchSize * 8) {
        for (const b of lengthSortedBatches(rows.slice(i, i + opts.batchSize * 8), opts.batchSize)) batches.push(b.map((c) => c.text));
      }
      const batchFile = join(dir, 'batches.json');
      writeFileSync(batchFile, JSON.stringify(batches));
      const bareRun = () => (JSON.parse(execFileSync(process.execPath, [join(__dirname, 'bare-pipeline.js'), modelDir, opts.dtype, batchFile], { encoding: 'utf8' })) as { chunksPerSecond: number }).chunksPerSecond;
      // bare, backfill, bare: drift on a shared machine then affects both sides alike.
      const bare1 = bareRun();
      const run = await startBackfill(engine, 'bench', { mode: 'missing', batchSize: opts.batchSize });
      const backfill = run.embedded / ((Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000);
      const bare2 = bareRun();
      const bareRate = (bare1 + bare2) / 2;
      return {
        model: 'minilm-l6-shaped-random',
        dtype: opts.dtype,
        chunks: rows.length,
        batchSize: opts.batchSize,
        meanTokens: rows.reduce((s, r) => s + r.token_count, 0) / rows.length,
        backfillChunksPerSecond: backfill,
        bareChunksPerSecond: bareRate,
        overhead: backfill / bareRate,
      };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
