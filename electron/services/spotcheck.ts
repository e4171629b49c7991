import { EmbedOpsError } from '../../shared/errors';
import type { SpotcheckHit, SpotcheckReport } from '../../shared/types';
import type { Engine } from '../engine';
import { openCollectionModel } from '../jobs/backfill';
import { getCollection } from '../store/collections';
import { createRun, finishRun } from '../store/runs';
import { VectorTable } from '../store/vectors';

const SNIPPET_CHARS = 280;

interface HitRow {
  ordinal: number;
  start_offset: number;
  end_offset: number;
  text: string;
  external_id: string;
  title: string;
  source_path: string | null;
}

/** A readable prefix of the chunk, cut at a word; it always lies inside [start, end). */
function snippetOf(text: string): string {
  if (text.length <= SNIPPET_CHARS) return text;
  const cut = text.lastIndexOf(' ', SNIPPET_CHARS);
  return text.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS);
}

/**
 * Runs queries against one collection's vector table only (tenant isolation by construction: each
 * collection has its own vec0 table) and cites each hit down to its character offsets.
 */
export async function spotcheck(engine: Engine, name: string, queries: string[], k = 5): Promise<SpotcheckReport> {
  const { db } = engine;
  const c = getCollection(db, name);
  const clean = queries.map((q) => q.trim()).filter(Boolean);
  if (!clean.length) throw new EmbedOpsError('usage', 'Give at least one query: embedops spotcheck COLLECTION "query" ["query" …]');
  if (!Number.isInteger(k) || k < 1 || k > 100) throw new EmbedOpsError('usage', `-k must be a whole number from 1 to 100 (got ${k}).`);
  const embedder = await openCollectionModel(engine, c);
  let vectors: Float32Array[];
  try {
    vectors = await embedder.embed(clean);
  } finally {
    await embedder.close();
  }
  const table = new VectorTable(db, c.vecTable);
  const lookup = db.prepare(
    `SELECT c.ordinal, c.start_offset, c.end_offset, c.text, d.external_id, d.title, d.source_path
     FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND c.collection_id = ?`,
  );
  const results = clean.map((query, i) => {
    const hits: SpotcheckHit[] = [];
    for (const { chunkId, distance } of table.knn(vectors[i]!, k)) {
      const row = lookup.get(chunkId, c.id) as HitRow | undefined;
      if (!row) continue; // an orphaned vector: verify reports it; it cannot be cited
      hits.push({
        document: { id: row.external_id, title: row.title, path: row.source_path },
        chunk: row.ordinal,
        chunkId,
        start: row.start_offset,
        end: row.end_offset,
        snippet: snippetOf(row.text),
        score: 1 - distance,
      });
    }
    return { query, hits };
  });
  const runId = engine.readonly
    ? 0
    : createRun(db, { kind: 'spotcheck', collectionId: c.id, collectionName: c.name, settings: { queries: clean, k }, command: `embedops spotcheck ${c.name} ${clean.map((q) => JSON.stringify(q)).join(' ')} -k ${k}` });
  if (runId) {
    const cited = results.filter((r) => r.hits.length > 0).length;
    finishRun(db, runId, 'completed', { result: { queries: clean.length, queriesWithCitations: cited, top: results.map((r) => ({ query: r.query, hits: r.hits.slice(0, 3).map((h) => ({ document: h.document.id, chunk: h.chunk, score: Number(h.score.toFixed(4)) })) })) } });
  }
  return { collection: c.name, k, results, runId };
}
