/**
 * Backfill throughput against the bare model: the same transformers.js pipeline called directly on
 * the same texts in the same batches, with no database and no worker. Measured in one run, so the
 * ratio holds on a noisy machine even when the absolute numbers drift.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { join } from 'node:path';
import type { ModelDtype } from '../shared/types';
import { execFileSync } from 'node:child_process';
import { openEngine } from '../electron/engine';
import { importPaths } from '../electron/ingest/import';
import { Embedder } from '../electron/embedding/embedder';
import { embeddingHost } from '../electron/embedding/host';
import { resolveModel } from '../electron/embedding/model-folder';
import { startBackfill } from '../electron/jobs/backfill';
import { lengthSortedBatches, type WorkChunk } from '../electron/jobs/work-set';
import { createCollection } from '../electron/services/collections';
import { getCollection } from '../electron/store/collections';
import { readJsonl, sharedPath, type Doc } from './shared-data';

export interface ThroughputResult {
  model: string;
  dtype: ModelDtype;
  chunks: number;
  batchSize: number;
  meanTokens: number;
  rounds: number;
  /** Median over the rounds of each side's chunks/s. */
  backfillChunksPerSecond: number;
  bareChunksPerSecond: number;
  naiveChunksPerSecond: number;
  /** backfill ÷ bare, median of the per-round ratios, and their min–max. */
  overhead: number;
  overheadRange: [number, number];
  /** backfill ÷ naive main-thread loop, likewise. */
  schedulingGain: number;
  schedulingGainRange: [number, number];
  /** The same batches embedded one after another by our worker thread, no database: backfill ÷ this is what the database and scheduling cost. */
  workerChunksPerSecond: number;
  databaseCost: number;
  databaseCostRange: [number, number];
  /** The lowest event-loop utilization of the embedding worker over the backfill rounds (1 = never idle). */
  backfillWorkerBusy: number | null;
  perRound: { bare: number; backfill: number; naive: number; worker: number }[];
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Rounds of (bare pipeline, backfill, naive loop), the order rotated each round, so a drift of the
 * shared machine's speed hits every side alike; each round gives a ratio and the figure is their
 * median with the spread. The backfill re-embeds the same chunks each round (vectors and ledger
 * cleared first); the bare pipeline gets the backfill's own batches (pages of 8 batches sorted by
 * length); the naive loop reads 100 chunks in id order, embeds, inserts, repeats.
 */
export async function throughput(opts: { dtype: ModelDtype; docs: number; batchSize: number; chunkSize: number; rounds: number }): Promise<ThroughputResult | string> {
  const modelDir = sharedPath('models', 'minilm-l6-shaped-random');
  const docsFile = sharedPath('datasets', 'cranfield', 'docs.jsonl');
  if (!modelDir || !docsFile) return 'skipped: ../shared/models/minilm-l6-shaped-random or ../shared/datasets/cranfield is absent';
  const dir = mkdtempSync(join(tmpdir(), 'embedops-bench-'));
  try {
    const corpus = join(dir, 'docs.jsonl');
    writeFileSync(corpus, readJsonl<Doc>(docsFile).slice(0, opts.docs).map((d) => JSON.stringify(d)).join('\n') + '\n');
    const dbPath = join(dir, 'bench.sqlite');
    const engine = openEngine({ dbPath, env: { ...process.env, EMBEDOPS_MODELS: '' } });
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
      const child = (script: string, args: string[]) => (JSON.parse(execFileSync(process.execPath, [join(__dirname, script), ...args], { encoding: 'utf8' })) as { chunksPerSecond: number }).chunksPerSecond;
      /** The embedding worker's event-loop utilization during each backfill: 1.0 = the model never waited. */
      const workerBusy: number[] = [];
      const sides = {
        bare: async () => child('bare-pipeline.js', [modelDir, opts.dtype, batchFile]),
        naive: async () => child('naive-loop.js', [dbPath, 'bench', modelDir, opts.dtype, '100']),
        // The decomposition: the batches through our worker with no database. If the backfill keeps
        // up with this, the database, the scheduling and the secrets guard cost nothing measurable,
        // and what separates backfill from bare is the worker thread against a process of its own.
        worker: async () => {
          const embedder = await Embedder.open(resolveModel(modelDir), opts.dtype);
          try {
            await embedder.embed(batches[0]!.slice(0, 4));
            const t0 = performance.now();
            for (const b of batches) await embedder.embed(b);
            return rows.length / ((performance.now() - t0) / 1000);
          } finally {
            await embedder.close();
          }
        },
        backfill: async () => {
          const c = getCollection(engine.db, 'bench');
          engine.db.transaction(() => {
            engine.db.exec(`DELETE FROM ${c.vecTable}`);
            engine.db.exec('DELETE FROM document_embeddings');
          })();
          let since: EventLoopUtilization | null = null;
          const run = await startBackfill(engine, 'bench', { mode: 'missing', batchSize: opts.batchSize, onStart: () => (since = embeddingHost().utilization()) });
          if (since) workerBusy.push(embeddingHost().utilization(since)!.utilization);
          return run.embedded / ((Date.parse(run.finishedAt!) - Date.parse(run.startedAt!)) / 1000);
        },
      };
      const order = ['bare', 'backfill', 'naive', 'worker'] as const;
      const perRound: ThroughputResult['perRound'] = [];
      for (let r = 0; r < opts.rounds; r++) {
        const got: Partial<Record<(typeof order)[number], number>> = {};
        for (let i = 0; i < order.length; i++) {
          const side = order[(i + r) % order.length]!;
          got[side] = await sides[side]();
        }
        perRound.push(got as ThroughputResult['perRound'][number]);
        process.stderr.write(`  round ${r + 1}: ${JSON.stringify(got)}\n`);
      }
      const overheads = perRound.map((x) => x.backfill / x.bare);
      const gains = perRound.map((x) => x.backfill / x.naive);
      const dbCosts = perRound.map((x) => x.backfill / x.worker);
      return {
        model: 'minilm-l6-shaped-random',
        dtype: opts.dtype,
        chunks: rows.length,
        batchSize: opts.batchSize,
        meanTokens: rows.reduce((s, r) => s + r.token_count, 0) / rows.length,
        rounds: opts.rounds,
        backfillChunksPerSecond: median(perRound.map((x) => x.backfill)),
        bareChunksPerSecond: median(perRound.map((x) => x.bare)),
        naiveChunksPerSecond: median(perRound.map((x) => x.naive)),
        overhead: median(overheads),
        overheadRange: [Math.min(...overheads), Math.max(...overheads)],
        schedulingGain: median(gains),
        schedulingGainRange: [Math.min(...gains), Math.max(...gains)],
        workerChunksPerSecond: median(perRound.map((x) => x.worker)),
        databaseCost: median(dbCosts),
        backfillWorkerBusy: workerBusy.length ? Math.min(...workerBusy) : null,
        databaseCostRange: [Math.min(...dbCosts), Math.max(...dbCosts)],
        perRound,
      };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImportResult {
  corpus: string;
  documents: number;
  megabytes: number;
  chunks: number;
  seconds: number;
  megabytesPerSecond: number;
}

/**
 * `import` throughput: MB of text (the documents' text as read from the source file) imported and
 * chunked per second, through `importPaths` into a fresh collection (documents, chunks, keyword
 * index, one transaction per file page). The default model's tokenizer does the chunking.
 */
export async function importThroughput(opts: { corpus: 'cranfield' | 'generated'; docs: number }): Promise<ImportResult | string> {
  const dir = mkdtempSync(join(tmpdir(), 'embedops-import-'));
  try {
    const corpus = join(dir, 'docs.jsonl');
    if (opts.corpus === 'cranfield') {
      const docsFile = sharedPath('datasets', 'cranfield', 'docs.jsonl');
      if (!docsFile) return 'skipped: ../shared/datasets/cranfield is absent';
      writeFileSync(corpus, readJsonl<Doc>(docsFile).slice(0, opts.docs).map((d) => JSON.stringify(d)).join('\n') + '\n');
    } else {
      writeGeneratedCorpus(corpus, opts.docs);
    }
    const texts = readJsonl<Doc>(corpus);
    const bytes = texts.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
    const engine = openEngine({ dbPath: join(dir, 'import.sqlite'), env: { ...process.env, EMBEDOPS_MODELS: '', XDG_CONFIG_HOME: join(dir, 'config') } });
    try {
      await createCollection(engine, { name: 'imp', model: 'embedops-static-100d' });
      const t0 = performance.now();
      await importPaths(engine, 'imp', [corpus]);
      const seconds = (performance.now() - t0) / 1000;
      const chunks = engine.db.prepare('SELECT count(*) FROM document_chunks').pluck().get() as number;
      return { corpus: opts.corpus, documents: texts.length, megabytes: bytes / 1e6, chunks, seconds, megabytesPerSecond: bytes / 1e6 / seconds };
    } finally {
      engine.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** English-like documents of ~1,200 words from a fixed vocabulary (deterministic). */
export function writeGeneratedCorpus(file: string, docs: number, words = 1200): void {
  const vocab = 'the of and to in a is that for on with as by at from this be are was it an or which have has not but were been their its these more than other also can such into two may when only some most over after between about where both first new used each those under time through while three during same without same well however because system model data flow pressure surface energy method results analysis theory temperature velocity boundary layer wave heat structure'.split(' ');
  let s = 7;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const lines: string[] = [];
  for (let i = 0; i < docs; i++) {
    const ws = Array.from({ length: words }, (_, j) => vocab[Math.floor(rnd() * vocab.length)]! + (j % 17 === 16 ? '.' : ''));
    lines.push(JSON.stringify({ id: `g${i}`, title: `generated ${i}`, text: ws.join(' ') }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}
