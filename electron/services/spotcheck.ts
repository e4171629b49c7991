import { EmbedOpsError } from '../../shared/errors';
import type { SpotcheckHit, SpotcheckOverlap, SpotcheckReport, SpotcheckResult } from '../../shared/types';
import type { Engine } from '../engine';
import { openCollectionModel } from '../jobs/backfill';
import { getCollection } from '../store/collections';
import { ensureKeywordIndex, hasKeywordIndex, KeywordIndex } from '../store/keyword-index';
import { createRun, finishRun } from '../store/runs';
import { VectorTable } from '../store/vectors';
import { nearest } from './knn-readers';

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

const STOP = new Set('the and for are but not you all can her was one our out has have how what when where which who why will with this that from they them then than into onto over under about should would could does did use using its it\'s'.split(' '));
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

function queryTerms(query: string): string[] {
  return [...new Set([...query.toLowerCase().matchAll(WORD)].map((m) => m[0]).filter((w) => w.length >= 3 && !STOP.has(w)))];
}

/** A word matches a query term on a shared stem of 5 letters (oil/oiling, tomato/tomatoes). */
function matches(word: string, terms: string[]): boolean {
  return terms.some((t) => word === t || (t.length >= 4 && word.length >= 4 && word.slice(0, 5) === t.slice(0, 5)));
}

/**
 * The passage of the chunk that shows the most query words, cut at word boundaries. It is always
 * a substring of the chunk, so it lies inside [start, end) of the cited document.
 */
export function snippetOf(text: string, query: string): string {
  if (text.length <= SNIPPET_CHARS) return text;
  const terms = queryTerms(query);
  const words = [...text.matchAll(WORD)].map((m) => ({ at: m.index, end: m.index + m[0].length, hit: matches(m[0].toLowerCase(), terms) }));
  let best = 0;
  let bestHits = -1;
  let j = 0;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    while (j < words.length && words[j]!.end - words[i]!.at <= SNIPPET_CHARS) hits += words[j++]!.hit ? 1 : 0;
    if (hits > bestHits) {
      bestHits = hits;
      best = i;
    }
    hits -= words[i]!.hit ? 1 : 0;
  }
  // Start the passage near its first matching word: at that sentence's start when it is close,
  // else a few words before, so the match is read in context rather than at the window's edge.
  let from = 0;
  if (bestHits > 0) {
    const first = words.findIndex((w, k) => k >= best && w.hit);
    const hitAt = words[first]!.at;
    const sentence = Math.max(text.lastIndexOf('. ', hitAt), text.lastIndexOf('\n', hitAt), text.lastIndexOf('? ', hitAt), text.lastIndexOf('! ', hitAt));
    from = sentence >= 0 && hitAt - sentence <= 100 ? words.find((w) => w.at > sentence)!.at : words[Math.max(0, first - 6)]!.at;
  }
  const limit = from + SNIPPET_CHARS;
  const last = words.filter((w) => w.at >= from && w.end <= limit).at(-1);
  return text.slice(from, last ? last.end : Math.min(text.length, limit));
}

export const NO_OVERLAP_WARNING =
  'Vector and keyword results share nothing for any query: the model may be wrong for this corpus (random, broken, or for another language). ' +
  'Compare the hits below by eye, or try a model meant for this language and domain.';

function share(count: number, a: number, b: number): number {
  return count === 0 ? 0 : count / Math.min(a, b);
}

/** How far the two top-k lists agree, by chunk and by document. */
export function overlapOf(hits: SpotcheckHit[], keywordHits: SpotcheckHit[]): SpotcheckOverlap {
  const chunkIds = new Set(hits.map((h) => h.chunkId));
  const docs = new Set(hits.map((h) => h.document.id));
  const keywordDocs = new Set(keywordHits.map((h) => h.document.id));
  const chunks = keywordHits.filter((h) => chunkIds.has(h.chunkId)).length;
  const documents = [...keywordDocs].filter((d) => docs.has(d)).length;
  return {
    chunks: { count: chunks, share: share(chunks, hits.length, keywordHits.length) },
    documents: { count: documents, share: share(documents, docs.size, keywordDocs.size) },
  };
}

/** Below this many compared queries, "nothing shared" also happens by chance with a suitable model. */
const CONFIDENT_QUERIES = 3;

/**
 * The warning a spot-check carries when vector and keyword search disagree completely: among the
 * queries where both found something, none shares a single document. One query can miss by
 * chance (with the default model on Cranfield, about one query in three at k = 5); every one of
 * three or more missing means the vectors do not follow the words of the text.
 */
export function crossCheckWarnings(results: SpotcheckResult[]): string[] {
  const compared = results.filter((r) => r.hits.length > 0 && r.keywordHits.length > 0);
  if (!compared.length || compared.some((r) => r.overlap.documents.count > 0)) return [];
  if (compared.length >= CONFIDENT_QUERIES) return [NO_OVERLAP_WARNING];
  const n = compared.length === 1 ? 'one query' : `${compared.length} queries`;
  return [`${NO_OVERLAP_WARNING} With only ${n} this also happens by chance: spot-check ${CONFIDENT_QUERIES} or more queries to be sure.`];
}

/**
 * Runs queries against one collection's vector table only (tenant isolation by construction: each
 * collection has its own vec0 table) and cites each hit down to its character offsets. Beside the
 * vector hits, each query's words are looked up in the collection's keyword index (FTS5, BM25) and
 * the overlap of the two top-k lists is reported: a cheap check that the model suits the corpus.
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
  const warnings: string[] = [];
  // A collection made before keyword indexes existed gets its index now (filled from its chunks).
  if (!engine.readonly) ensureKeywordIndex(db, c.id);
  const keywords = hasKeywordIndex(db, c.id) ? new KeywordIndex(db, c.id) : null;
  if (!keywords) {
    warnings.push(`Collection "${c.name}" has no keyword index yet, so there is no keyword cross-check: the database is open read-only. Run the spot-check once with write access to build it.`);
  }
  const table = new VectorTable(db, c.vecTable);
  const lookup = db.prepare(
    `SELECT c.ordinal, c.start_offset, c.end_offset, c.text, d.external_id, d.title, d.source_path
     FROM document_chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ? AND c.collection_id = ?`,
  );
  const cite = (query: string, chunkId: number, score: number): SpotcheckHit | null => {
    const row = lookup.get(chunkId, c.id) as HitRow | undefined;
    if (!row) return null; // an orphaned vector: verify reports it; it cannot be cited
    return {
      document: { id: row.external_id, title: row.title, path: row.source_path },
      chunk: row.ordinal,
      chunkId,
      start: row.start_offset,
      end: row.end_offset,
      snippet: snippetOf(row.text, query),
      score,
    };
  };
  const results: SpotcheckResult[] = [];
  for (const [i, query] of clean.entries()) {
    const hits = (await nearest(engine, table, vectors[i]!, k)).flatMap(({ chunkId, distance }) => cite(query, chunkId, 1 - distance) ?? []);
    const keywordHits = keywords ? keywords.search(query, k).flatMap(({ chunkId, score }) => cite(query, chunkId, score) ?? []) : [];
    results.push({ query, hits, keywordHits, overlap: overlapOf(hits, keywordHits) });
  }
  warnings.push(...crossCheckWarnings(results));
  const runId = engine.readonly
    ? 0
    : createRun(db, { kind: 'spotcheck', collectionId: c.id, collectionName: c.name, settings: { queries: clean, k }, command: `embedops spotcheck ${c.name} ${clean.map((q) => JSON.stringify(q)).join(' ')} -k ${k}` });
  if (runId) {
    const cited = results.filter((r) => r.hits.length > 0).length;
    finishRun(db, runId, 'completed', {
      result: {
        queries: clean.length,
        queriesWithCitations: cited,
        top: results.map((r) => ({
          query: r.query,
          hits: r.hits.slice(0, 3).map((h) => ({ document: h.document.id, chunk: h.chunk, score: Number(h.score.toFixed(4)) })),
          keywordHits: r.keywordHits.length,
          overlap: r.overlap,
        })),
        warnings,
      },
    });
  }
  return { collection: c.name, k, results, warnings, runId };
}
