import type { Collection } from '../store/collections';
import { type Db, nowIso } from '../store/db';
import { VectorTable } from '../store/vectors';
import type { WorkChunk } from './work-set';

/**
 * In place of a vector: the secrets guard withheld the chunk at the last moment (its text looks like
 * a credential under policy skip although its stored scan did not say so). Counted as skipped.
 */
export const WITHHELD = Symbol('withheld by the secrets guard');
export type Withheld = typeof WITHHELD;

export interface BatchOutcome {
  embedded: number;
  skipped: number;
  failed: number;
}

/** Why a vector is refused: a NaN or zero vector would poison every search it takes part in. */
export function vectorProblem(v: Float32Array, dimension: number): string | null {
  if (v.length !== dimension) return `the model returned ${v.length} values instead of ${dimension}`;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) return 'the model returned a vector with NaN or infinite values';
    norm += x * x;
  }
  return norm > 1e-12 ? null : 'the model returned an all-zero vector';
}

/**
 * Commits one batch in one transaction: replace the vectors, upsert the ledger, record failures and
 * advance the run's counts and checkpoint. Either all of it lands or none of it does.
 */
export class BatchWriter {
  private readonly vectors: VectorTable;
  private readonly currentHash;
  private readonly ledger;
  private readonly failure;
  private readonly advance;

  constructor(
    private readonly db: Db,
    private readonly collection: Collection,
    private readonly runId: number,
  ) {
    this.vectors = new VectorTable(db, collection.vecTable);
    this.currentHash = db.prepare('SELECT text_hash FROM document_chunks WHERE id = ?').pluck();
    this.ledger = db.prepare(
      `INSERT INTO document_embeddings (chunk_id, collection_id, model_id, model_fingerprint, dimension, text_hash, embedded_at, run_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chunk_id) DO UPDATE SET model_id = excluded.model_id, model_fingerprint = excluded.model_fingerprint,
         dimension = excluded.dimension, text_hash = excluded.text_hash, embedded_at = excluded.embedded_at, run_id = excluded.run_id`,
    );
    this.failure = db.prepare('INSERT OR REPLACE INTO run_failures (run_id, chunk_id, error, at) VALUES (?, ?, ?, ?)');
    this.advance = db.prepare(
      `UPDATE runs SET done = done + @n, embedded = embedded + @embedded, skipped = skipped + @skipped, failed = failed + @failed,
         checkpoint = max(checkpoint, @checkpoint), heartbeat_at = @now WHERE id = @run`,
    );
  }

  /** `results[i]` is the vector for `batch[i]`, the error that chunk failed with, or WITHHELD. */
  write(batch: WorkChunk[], results: (Float32Array | Error | Withheld)[], checkpoint: number): BatchOutcome {
    const out: BatchOutcome = { embedded: 0, skipped: 0, failed: 0 };
    const now = nowIso();
    const c = this.collection;
    this.db
      .transaction(() => {
        batch.forEach((chunk, i) => {
          const r = results[i]!;
          // The chunk may have been re-imported while it was embedding: then this vector describes
          // text that no longer exists, and writing it would create an orphan or a silent stale row.
          if (r === WITHHELD || this.currentHash.get(chunk.id) !== chunk.text_hash) {
            out.skipped++;
            return;
          }
          const problem = r instanceof Error ? r.message : vectorProblem(r, c.dimension);
          if (problem !== null) {
            this.failure.run(this.runId, chunk.id, problem, now);
            out.failed++;
            return;
          }
          this.vectors.put(chunk.id, r as Float32Array);
          this.ledger.run(chunk.id, c.id, c.modelId, c.modelFingerprint, c.dimension, chunk.text_hash, now, this.runId);
          out.embedded++;
        });
        this.advance.run({ n: batch.length, ...out, checkpoint, now, run: this.runId });
      })
      .immediate();
    return out;
  }
}
