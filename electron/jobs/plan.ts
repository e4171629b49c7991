import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { BackfillMode, BackfillPlan, PlanCheck, SecretsPolicy } from '../../shared/types';
import type { Embedder } from '../embedding/embedder';
import type { Engine } from '../engine';
import { getCollection } from '../store/collections';
import { nowIso } from '../store/db';
import { healthSql } from '../store/health-sql';
import { embeddingInput, secretsCheckDetail, secretsPlan, validateSecretsPolicy } from '../secrets/guard';
import { ensureScanned } from '../secrets/scan-store';
import { backupsDir } from '../store/backup';
import { activeWriter } from '../store/runs';
import { backfillCommand, DEFAULT_BATCH_SIZE, openCollectionModel, validateBatchSize } from './backfill';
import { lengthSortedBatches, WorkSet } from './work-set';

/** Bytes a vector costs on disk: the float32 values plus vec0's rowid bookkeeping and the ledger row. */
function bytesPerVector(dimension: number): number {
  return dimension * 4 + 48 + 200;
}

/**
 * What a backfill would do, every assumption checked, nothing written but the plan itself.
 * The estimate comes from embedding a sample of the collection's own chunks with its own model.
 */
export async function planBackfill(engine: Engine, collectionName: string, mode: BackfillMode, batchSizeIn?: number, secretsIn?: SecretsPolicy): Promise<BackfillPlan> {
  const { db } = engine;
  const c = getCollection(db, collectionName);
  const batchSize = validateBatchSize(batchSizeIn ?? DEFAULT_BATCH_SIZE);
  const policy = validateSecretsPolicy(secretsIn);
  const scanned = ensureScanned(db, c.id);
  const work = new WorkSet(db, c, mode, 0, false, policy);
  const toEmbed = work.count();
  const secrets = secretsPlan(db, c.id, policy, work.flagged(), Math.max(0, -scanned));
  const sql = healthSql(c);
  const count = (q: string) => db.prepare(q).pluck().get() as number;
  const [chunks, missing, stale] = [count(sql.chunks), count(sql.missing), count(sql.stale)];
  const checks: PlanCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  let chunksPerSecond: number | null = null;
  let embedder: Embedder | null = null;
  try {
    embedder = await openCollectionModel(engine, c);
    check('model loads offline', true, `${c.modelId} (${c.modelDtype}) loaded from its local folder${embedder.wasLoaded ? ' (already loaded)' : ` in ${Math.round(embedder.loadMs)} ms`}`);
    check('dimension matches', true, `model output ${embedder.dimension} = collection ${c.dimension}`);
    const sample = lengthSortedBatches(work.next(0, 512), 1).filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 32)) === 0).slice(0, 32).flat();
    if (sample.length) {
      const t0 = performance.now();
      // The sample goes to the model too, so it passes the same secrets gate as the run.
      await embedder.embed(sample.map((s) => embeddingInput(s.text, policy, s.secrets) ?? '[REDACTED]'));
      chunksPerSecond = sample.length / ((performance.now() - t0) / 1000);
    }
  } catch (err) {
    if (!(err instanceof EmbedOpsError)) throw err;
    check(err.message.includes('dimensional') ? 'dimension matches' : err.message.includes('changed since') ? 'model files unchanged' : 'model loads offline', false, err.message);
  } finally {
    await embedder?.close();
  }

  const needBytes = toEmbed * bytesPerVector(c.dimension) * 2; // ×2: the WAL holds a copy until checkpoint
  try {
    const fs = statfsSync(dirname(engine.dbPath));
    const free = fs.bavail * fs.bsize;
    check('enough disk', free > needBytes, `${formatBytes(free)} free, about ${formatBytes(needBytes)} needed`);
  } catch (err) {
    check('enough disk', false, `could not read free space: ${(err as Error).message}`);
  }
  if (mode === 'rebuild') {
    // The rebuild is preceded by a full backup of the database file (plus its WAL).
    let dbBytes = 0;
    for (const ext of ['', '-wal']) {
      try {
        dbBytes += statSync(engine.dbPath + ext).size;
      } catch {
        // no WAL yet
      }
    }
    const dir = backupsDir(engine.dbPath);
    try {
      const fs = statfsSync(dirname(engine.dbPath));
      const free = fs.bavail * fs.bsize;
      check('backup before rebuild', free > dbBytes + needBytes, `a backup goes to ${dir} first (about ${formatBytes(dbBytes)}; ${formatBytes(free)} free)`);
    } catch (err) {
      check('backup before rebuild', false, `could not read free space for the backup in ${dir}: ${(err as Error).message}`);
    }
  }
  check('secrets guard', true, secretsCheckDetail(secrets));
  const busy = activeWriter(db, c.id);
  check('no other writer', !busy, busy ? `run #${busy.id} (${busy.kind}) is ${busy.status}; wait or run: embedops cancel ${busy.id}` : 'the collection is free');
  check('database writable', !engine.readonly, engine.readonly ? 'opened read-only' : engine.dbPath);

  const plan: Omit<BackfillPlan, 'id'> = {
    collection: c.name,
    mode,
    batchSize,
    chunks,
    toEmbed,
    missing,
    stale,
    poisoned: work.poisoned(),
    batches: Math.ceil(toEmbed / batchSize),
    chunksPerSecond,
    estimateSeconds: chunksPerSecond ? toEmbed / chunksPerSecond : toEmbed === 0 ? 0 : null,
    checks,
    secrets,
    ready: checks.every((x) => x.ok),
    command: backfillCommand(c.name, mode, batchSize, false, policy),
    createdAt: nowIso(),
  };
  const id = engine.readonly ? 0 : Number(db.prepare('INSERT INTO plans (collection_id, body, created_at) VALUES (?, ?, ?)').run(c.id, JSON.stringify(plan), plan.createdAt).lastInsertRowid);
  return { id, ...plan };
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
