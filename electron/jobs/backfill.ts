import { EmbedOpsError } from '../../shared/errors';
import type { BackfillMode, RunProgress, RunRecord, SecretsPolicy } from '../../shared/types';
import { Embedder } from '../embedding/embedder';
import { modelFingerprint, resolveModel } from '../embedding/model-folder';
import type { Engine } from '../engine';
import { createBackup } from '../services/backups';
import { type Collection, getCollection, getCollectionById } from '../store/collections';
import { addEvent, claimRunForResume, createRun, finishRun, getRun, runCollectionId } from '../store/runs';
import { explainWriteError } from '../store/sqlite-errors';
import { countKinds, kindsText } from '../secrets/detect';
import { DEFAULT_SECRETS_POLICY, embeddingInput, policyEffect, uniqueKinds, validateSecretsPolicy } from '../secrets/guard';
import { decodeFindings, ensureScanned, FLAGGED } from '../secrets/scan-store';
import { BatchWriter, WITHHELD, type Withheld } from './batch-writer';
import { RateMeter } from './rate-meter';
import { lengthSortedBatches, type WorkChunk, WorkSet } from './work-set';

export const DEFAULT_BATCH_SIZE = 100;
/** Batches queued in the worker at once: one embedding, one waiting, so the model never idles on SQLite. */
const IN_FLIGHT = 2;
/** Chunks read per page; sorting a page by length keeps padding inside each batch low. */
const WINDOW_BATCHES = 8;
const PROGRESS_EVERY_MS = 250;

export interface BackfillOptions {
  mode: BackfillMode;
  batchSize?: number;
  /** Retry chunks set aside after repeated failures. */
  retryFailed?: boolean;
  /** What to do with chunks that look like credentials (secrets guard); default skip. */
  secrets?: SecretsPolicy;
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Called once the run row exists (so a UI can show and cancel it). */
  onStart?: (runId: number) => void;
}

export function backfillCommand(collection: string, mode: BackfillMode, batchSize: number, retryFailed = false, secrets: SecretsPolicy = DEFAULT_SECRETS_POLICY): string {
  return `embedops backfill ${collection} --mode ${mode} --batch-size ${batchSize} --secrets ${secrets}${retryFailed ? ' --retry-failed' : ''}`;
}

export function validateBatchSize(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 4096) throw new EmbedOpsError('usage', `--batch-size must be a whole number from 1 to 4096 (got ${n}).`);
  return n;
}

/**
 * Loads the collection's model and proves it is the one that made (or must make) its vectors,
 * before a single row is written.
 */
export async function openCollectionModel(engine: Engine, c: Collection): Promise<Embedder> {
  const model = resolveModel(c.modelId, engine.env);
  const fingerprint = await modelFingerprint(model, c.modelDtype);
  const embedder = await Embedder.open(model, c.modelDtype);
  if (embedder.dimension !== c.dimension) {
    await embedder.close();
    throw new EmbedOpsError(
      'refused',
      `Model ${c.modelId} produces ${embedder.dimension}-dimensional vectors but collection "${c.name}" holds ${c.dimension}-dimensional ones. ` +
        `Nothing was written. A different model needs a new version beside this one: ${nextVersionSteps(c)}`,
    );
  }
  if (fingerprint !== c.modelFingerprint) {
    await embedder.close();
    throw new EmbedOpsError(
      'refused',
      `The model files of ${c.modelId} changed since collection "${c.name}" was created (fingerprint ${c.modelFingerprint.slice(0, 19)}… is now ${fingerprint.slice(0, 19)}…). ` +
        `Nothing was written; vectors made by the old files count as stale. Restore the original model folder, or build the next version with these files: ${nextVersionSteps(c)}`,
    );
  }
  return embedder;
}

/** The safe way to a collection with other model files: derive the next version, backfill it, swap readers once it verifies. */
function nextVersionSteps(c: Collection): string {
  const base = c.name.replace(/@v[0-9]+$/, '');
  return `embedops collections derive ${c.name} --model ${c.modelId}, backfill the ${base}@vN it prints, then embedops swap ${base} --to ${base}@vN`;
}

export async function startBackfill(engine: Engine, collectionName: string, opts: BackfillOptions): Promise<RunRecord> {
  const c = getCollection(engine.db, collectionName);
  const batchSize = validateBatchSize(opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const secrets = validateSecretsPolicy(opts.secrets);
  // Scan chunks written before the guard (or by SQL) before any run exists: a failure here leaves nothing behind.
  ensureScanned(engine.db, c.id);
  const embedder = await openCollectionModel(engine, c);
  try {
    // A rebuild replaces every vector: keep the database as it was, always (the plan says where).
    const backup = opts.mode === 'rebuild' ? await createBackup(engine, { reason: 'before-rebuild' }) : null;
    const settings = { mode: opts.mode, batchSize, model: c.modelId, modelFingerprint: c.modelFingerprint, dtype: c.modelDtype, dimension: c.dimension, chunkSize: c.chunkSize, chunkOverlap: c.chunkOverlap, retryFailed: !!opts.retryFailed, secrets };
    const runId = createRun(engine.db, { kind: 'backfill', collectionId: c.id, collectionName: c.name, mode: opts.mode, settings, command: backfillCommand(c.name, opts.mode, batchSize, opts.retryFailed, secrets) });
    addEvent(engine.db, runId, 'info', `Started: mode ${opts.mode}, batch size ${batchSize}, model ${c.modelId} (${c.modelDtype}, ${c.dimension}-d), ${embedder.wasLoaded ? 'already loaded' : `loaded in ${Math.round(embedder.loadMs)} ms`}`);
    if (backup) addEvent(engine.db, runId, 'info', `Backed up before rebuild to ${backup.file} (restore with: embedops restore ${JSON.stringify(backup.file)})`);
    opts.onStart?.(runId);
    return await execute(engine, c, runId, embedder, { ...opts, batchSize, secrets });
  } finally {
    await embedder.close();
  }
}

export async function resumeBackfill(engine: Engine, runId: number, opts: Omit<BackfillOptions, 'mode'>): Promise<RunRecord> {
  const run = getRun(engine.db, runId);
  const cid = runCollectionId(engine.db, runId);
  const c = (cid !== null && getCollectionById(engine.db, cid)) || getCollection(engine.db, run.collection);
  ensureScanned(engine.db, c.id);
  const embedder = await openCollectionModel(engine, c);
  try {
    const claimed = claimRunForResume(engine.db, runId);
    opts.onStart?.(runId);
    const s = claimed.settings as { batchSize?: number; retryFailed?: boolean; secrets?: SecretsPolicy };
    // A run from before the secrets guard resumes under the default policy: the safe one.
    const secrets = validateSecretsPolicy(s.secrets);
    return await execute(engine, c, runId, embedder, { ...opts, mode: claimed.mode ?? 'missing', batchSize: s.batchSize ?? DEFAULT_BATCH_SIZE, retryFailed: s.retryFailed ?? false, secrets });
  } finally {
    await embedder.close();
  }
}

type Embedded = { batch: WorkChunk[]; checkpoint: number; result: Promise<(Float32Array | Error | Withheld)[]> };

/**
 * The secrets guard's record of a run, from the database rather than counters kept in memory, so a
 * resumed run reports the whole run: flagged chunks it embedded (redacted or as they were) and
 * flagged chunks in its scope left without a vector (withheld).
 */
function secretsOutcome(db: Engine['db'], work: WorkSet, runId: number, policy: SecretsPolicy) {
  const embeddedFlagged = db.prepare(`SELECT count(*) FROM document_embeddings e JOIN document_chunks c ON c.id = e.chunk_id WHERE e.run_id = ? AND ${FLAGGED}`).pluck().get(runId) as number;
  const left = work.flagged().length;
  return {
    policy,
    flagged: embeddedFlagged + left,
    withheld: policy === 'skip' ? left : 0,
    redacted: policy === 'redact' ? embeddedFlagged : 0,
    allowed: policy === 'allow' ? embeddedFlagged : 0,
  };
}

async function execute(engine: Engine, c: Collection, runId: number, embedder: Embedder, opts: BackfillOptions & { batchSize: number; secrets: SecretsPolicy }): Promise<RunRecord> {
  const { db } = engine;
  const policy = opts.secrets;
  const work = new WorkSet(db, c, opts.mode, runId, opts.retryFailed, policy);
  const flagged = work.flagged();
  if (flagged.length) {
    const kinds = countKinds(flagged.flatMap((id) => uniqueKinds(decodeFindings(db.prepare('SELECT findings FROM chunk_secrets WHERE chunk_id = ?').pluck().get(id) as string))));
    addEvent(db, runId, policy === 'allow' ? 'warn' : 'info', `Secrets guard: ${flagged.length} chunk(s) to embed look like credentials (${kindsText(kinds)}); ${policyEffect(policy)}. See where with: embedops plan ${c.name} --mode ${opts.mode}`);
  }
  const writer = new BatchWriter(db, c, runId);
  const readControl = db.prepare('SELECT control FROM runs WHERE id = ?').pluck();
  const start = getRun(db, runId);
  const total = start.done + work.count();
  db.prepare('UPDATE runs SET total = ? WHERE id = ?').run(total, runId);

  const meter = new RateMeter();
  let counts = { total, done: start.done, embedded: start.embedded, skipped: start.skipped, failed: start.failed };
  meter.record(counts.done);
  let lastEmit = 0;
  const emit = (phase: RunProgress['phase'], force = false) => {
    const now = performance.now();
    if (!opts.onProgress || (!force && now - lastEmit < PROGRESS_EVERY_MS)) return;
    lastEmit = now;
    opts.onProgress({ runId, phase, ...counts, rate: meter.rate(), etaSeconds: meter.eta(counts.total - counts.done) });
  };
  emit('embedding', true);

  // Pages come in id order; a page's checkpoint is committed with its last batch, so after a crash
  // the run restarts at the first page that was not finished.
  let cursor = start.checkpoint;
  const queued: { batch: WorkChunk[]; checkpoint: number }[] = [];
  const nextBatch = () => {
    if (!queued.length) {
      const page = work.next(cursor, opts.batchSize * WINDOW_BATCHES);
      if (!page.length) return null;
      cursor = page[page.length - 1]!.id;
      const batches = lengthSortedBatches(page, opts.batchSize);
      batches.forEach((batch, i) => queued.push({ batch, checkpoint: i === batches.length - 1 ? cursor : 0 }));
    }
    return queued.shift()!;
  };
  const submit = (b: { batch: WorkChunk[]; checkpoint: number }): Embedded => ({ ...b, result: embedGuarded(embedder, b.batch.map((ch) => embeddingInput(ch.text, policy, ch.secrets))) });

  let stop: 'cancelled' | 'paused' | null = null;
  const inFlight: Embedded[] = [];
  try {
    for (;;) {
      while (!stop && inFlight.length < IN_FLIGHT) {
        const b = nextBatch();
        if (!b) break;
        inFlight.push(submit(b));
      }
      const head = inFlight.shift();
      if (!head) break;
      const results = await head.result;
      const out = writer.write(head.batch, results, head.checkpoint);
      counts = { ...counts, done: counts.done + head.batch.length, embedded: counts.embedded + out.embedded, skipped: counts.skipped + out.skipped, failed: counts.failed + out.failed };
      meter.record(counts.done);
      emit('embedding');
      if (!stop) {
        const control = readControl.get(runId) as string | null;
        if (opts.signal?.aborted || control === 'cancel') stop = 'cancelled';
        else if (control === 'pause') stop = 'paused';
      }
    }
  } catch (err) {
    const e = explainWriteError(err, db, engine.dbPath);
    await Promise.allSettled(inFlight.map((f) => f.result));
    finishRun(db, runId, 'failed', { error: (e as Error).message });
    addEvent(db, runId, 'error', (e as Error).message);
    throw e;
  }
  emit('finishing', true);
  const status = stop ?? 'completed';
  const final = getRun(db, runId);
  const secrets = secretsOutcome(db, work, runId, policy);
  finishRun(db, runId, status, { result: { embedded: final.embedded, failed: final.failed, skipped: final.skipped, secrets } });
  const guarded = secrets.withheld ? `, ${secrets.withheld} withheld` : secrets.redacted ? `, ${secrets.redacted} redacted` : secrets.allowed ? `, ${secrets.allowed} embedded with credentials (policy allow)` : '';
  addEvent(db, runId, final.failed ? 'warn' : 'info', `${status}: ${final.done}/${final.total} done, ${final.embedded} embedded, ${final.skipped} skipped, ${final.failed} failed${guarded ? `; secrets guard: ${guarded.slice(2)}` : ''}`);
  return getRun(db, runId);
}

/** Embeds the inputs the secrets guard let through; a withheld chunk (null input) never reaches the worker. */
async function embedGuarded(embedder: Embedder, inputs: (string | null)[]): Promise<(Float32Array | Error | Withheld)[]> {
  const texts = inputs.filter((t): t is string => t !== null);
  const vectors = texts.length ? await embedWithIsolation(embedder, texts) : [];
  let i = 0;
  return inputs.map((t) => (t === null ? WITHHELD : vectors[i++]!));
}

/**
 * Embeds a batch; if the batch fails as a whole, each chunk is tried alone so that one bad chunk
 * is recorded as a failure instead of failing its 99 neighbours. A dead worker fails the run.
 */
async function embedWithIsolation(embedder: Embedder, texts: string[]): Promise<(Float32Array | Error)[]> {
  try {
    return await embedder.embed(texts);
  } catch (err) {
    if (embedder.isDead || texts.length === 1) {
      if (embedder.isDead) throw err;
      return [err as Error];
    }
    const out: (Float32Array | Error)[] = [];
    for (const text of texts) {
      try {
        out.push((await embedder.embed([text]))[0]!);
      } catch (e) {
        if (embedder.isDead) throw e;
        out.push(e as Error);
      }
    }
    return out;
  }
}
