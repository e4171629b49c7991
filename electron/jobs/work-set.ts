import type { BackfillMode, SecretsPolicy } from '../../shared/types';
import { FLAGGED } from '../secrets/scan-store';
import type { Collection } from '../store/collections';
import type { Db } from '../store/db';
import { predicates } from '../store/health-sql';

/** A chunk that still needs a vector. */
export interface WorkChunk {
  id: number;
  text: string;
  text_hash: string;
  token_count: number;
  /** The secrets guard's stored findings for this text (JSON, see scan-store), or null when none. */
  secrets: string | null;
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
 * at most the batch in flight. Under the secrets policy `skip`, chunks flagged by the secrets guard
 * are left out of the work (see `flagged()` for them); the caller scans unscanned chunks first.
 */
export class WorkSet {
  private readonly page;
  private readonly countStmt;
  private readonly poisonedStmt;
  private readonly flaggedStmt;

  constructor(
    db: Db,
    private readonly collection: Collection,
    mode: BackfillMode,
    private readonly runId: number,
    retryFailed = false,
    policy: SecretsPolicy = 'skip',
  ) {
    const from = `FROM document_chunks c LEFT JOIN document_embeddings e ON e.chunk_id = c.id
      WHERE c.collection_id = @collection AND ${modePredicate(collection, mode)}
        AND (e.run_id IS NULL OR e.run_id <> @run)
        AND NOT EXISTS (SELECT 1 FROM run_failures f WHERE f.chunk_id = c.id AND f.run_id = @run)`;
    const notPoisoned = retryFailed ? '' : `AND (SELECT count(*) FROM run_failures f WHERE f.chunk_id = c.id) < ${MAX_ATTEMPTS}`;
    const guard = policy === 'skip' ? `AND NOT ${FLAGGED}` : '';
    const secrets = '(SELECT s.findings FROM chunk_secrets s WHERE s.chunk_id = c.id AND s.text_hash = c.text_hash AND s.count > 0) AS secrets';
    this.page = db.prepare(`SELECT c.id, c.text, c.text_hash, c.token_count, ${secrets} ${from} ${notPoisoned} ${guard} AND c.id > @after ORDER BY c.id LIMIT @limit`);
    this.countStmt = db.prepare(`SELECT count(*) ${from} ${notPoisoned} ${guard}`).pluck();
    this.poisonedStmt = db.prepare(`SELECT count(*) ${from} AND (SELECT count(*) FROM run_failures f WHERE f.chunk_id = c.id) >= ${MAX_ATTEMPTS}`).pluck();
    this.flaggedStmt = db.prepare(`SELECT c.id ${from} ${notPoisoned} AND ${FLAGGED} ORDER BY c.id`).pluck();
  }

  /** Chunk ids in this run's scope that the secrets guard flagged (whatever the policy). */
  flagged(): number[] {
    return (this.flaggedStmt.all(this.args) as (number | bigint)[]).map(Number);
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
