import type { BackfillMode } from '../../shared/types';
import type { Collection } from '../store/collections';
import type { Db } from '../store/db';
import { predicates } from '../store/health-sql';

/** A chunk that still needs a vector. */
export interface WorkChunk {
  id: number;
  text: string;
  text_hash: string;
  token_count: number;
}

/** After this many failed attempts (over all runs) a chunk is set aside, so one poison chunk cannot stall every run. */
export const MAX_ATTEMPTS = 3;

function modePredicate(c: Collection, mode: BackfillMode): string {
  const p = predicates(c);
  if (mode === 'missing') return p.missing;
  if (mode === 'stale') return `(${p.missing} OR (${p.stale}))`;
  return '1';
}

/**
 * "Chunks still needing work" for a run, paged by id. Chunks this run already embedded or saw fail
 * are excluded, so a resumed run (even a rebuild) never embeds a chunk twice, and a crash loses
 * at most the batch in flight.
 */
export class WorkSet {
  private readonly page;
  private readonly countStmt;
  private readonly poisonedStmt;

  constructor(
    db: Db,
    private readonly collection: Collection,
    mode: BackfillMode,
    private readonly runId: number,
    retryFailed = false,
  ) {
    const from = `FROM document_chunks c LEFT JOIN document_embeddings e ON e.chunk_id = c.id
      WHERE c.collection_id = @collection AND ${modePredicate(collection, mode)}
        AND (e.run_id IS NULL OR e.run_id <> @run)
        AND NOT EXISTS (SELECT 1 FROM run_failures f WHERE f.chunk_id = c.id AND f.run_id = @run)`;
    const notPoisoned = retryFailed ? '' : `AND (SELECT count(*) FROM run_failures f WHERE f.chunk_id = c.id) < ${MAX_ATTEMPTS}`;
    this.page = db.prepare(`SELECT c.id, c.text, c.text_hash, c.token_count ${from} ${notPoisoned} AND c.id > @after ORDER BY c.id LIMIT @limit`);
    this.countStmt = db.prepare(`SELECT count(*) ${from} ${notPoisoned}`).pluck();
    this.poisonedStmt = db.prepare(`SELECT count(*) ${from} AND (SELECT count(*) FROM run_failures f WHERE f.chunk_id = c.id) >= ${MAX_ATTEMPTS}`).pluck();
  }

  private get args() {
    return { collection: this.collection.id, run: this.runId };
  }

  next(after: number, limit: number): WorkChunk[] {
    return this.page.all({ ...this.args, after, limit }) as WorkChunk[];
  }

  count(): number {
    return this.countStmt.get(this.args) as number;
  }

  /** Chunks set aside after repeated failures (0 when retrying them). */
  poisoned(): number {
    return this.poisonedStmt.get(this.args) as number;
  }
}

/** Cuts a window of chunks into batches of similar length, so each batch carries little padding. */
export function lengthSortedBatches(window: WorkChunk[], batchSize: number): WorkChunk[][] {
  const sorted = [...window].sort((a, b) => a.token_count - b.token_count || a.id - b.id);
  const out: WorkChunk[][] = [];
  for (let i = 0; i < sorted.length; i += batchSize) out.push(sorted.slice(i, i + batchSize));
  return out;
}
