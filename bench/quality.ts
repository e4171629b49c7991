/**
 * Retrieval quality on Cranfield (1,400 aeronautics abstracts, 225 queries, graded judgments):
 * the real pipeline (importPaths → startBackfill → spotcheck) with the default model, against a
 * BM25 baseline computed here with SQLite FTS5's bm25() on the same imported documents.
 *
 * Metrics, per query, averaged over every query:
 * - nDCG@10: DCG = Σ gain_i / log2(i + 1) over ranks i = 1…10 with gain = the judged relevance
 *   (1–4, higher = more relevant; unjudged = 0), divided by the DCG of the ideal order of that
 *   query's judgments.
 * - recall@10: judged-relevant documents in the top 10 / judged-relevant documents.
 * The model ranks chunks; a document ranks by its best chunk (the spot-check asks for the top 50
 * chunks, which always covers 10 distinct documents here).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SpotcheckHit } from '../shared/types';
import { openEngine, type Engine } from '../electron/engine';
import { importPaths } from '../electron/ingest/import';
import { startBackfill } from '../electron/jobs/backfill';
import { DEFAULT_MODEL_NAME } from '../electron/models/default-model';
import { createCollection, DEFAULT_CHUNK_OVERLAP, DEFAULT_CHUNK_SIZE } from '../electron/services/collections';
import { spotcheck } from '../electron/services/spotcheck';
import { KEYWORD_TOKENIZER, keywordMatchExpression } from '../electron/store/keyword-index';
import { type Doc, readJsonl, sharedPath } from './shared-data';

/** Chunks asked of the spot-check per query, so that ranking documents by their best chunk still fills a top 10. */
const CHUNKS_PER_QUERY = 50;
const CUTOFF = 10;
/** The largest chunk the default model reads (512 positions minus [CLS] and [SEP]): a whole Cranfield abstract, nearly always. */
const WHOLE_DOCUMENT_CHUNK = 510;

export interface QualityRow {
  /** What ranked the documents. */
  system: string;
  /** Chunk size in tokens, or null for an index of whole documents. */
  chunkSize: number | null;
  /** Units ranked (chunks, or documents). */
  units: number;
  ndcg10: number;
  recall10: number;
  /** A published or earlier-measured point to compare with. */
  reference: string;
}

export interface QualityResult {
  dataset: string;
  model: string;
  documents: number;
  queries: number;
  judgments: number;
  defaultChunkSize: number;
  defaultChunkOverlap: number;
  rows: QualityRow[];
  /** Spot-check cross-check at the default chunk size: mean share of the vector top-10 documents also in the BM25 (chunk index) top 10. */
  meanDocumentOverlapAt10: number;
  seconds: { import: number; backfill: number; spotcheck: number };
}

interface Query {
  id: string;
  text: string;
}

type Qrels = Map<string, Map<string, number>>;

function readQrels(file: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [q, d, r] = line.trim().split('\t');
    if (!q || !d || !r) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, Number(r));
  }
  return qrels;
}

/** Mean nDCG@10 and recall@10 of ranked document-id lists, one per query (same order as `queries`). */
export function score(queries: Query[], ranked: string[][], qrels: Qrels): { ndcg10: number; recall10: number } {
  let ndcg = 0;
  let recall = 0;
  queries.forEach((q, i) => {
    const judged = qrels.get(q.id) ?? new Map<string, number>();
    const top = ranked[i]!.slice(0, CUTOFF);
    const dcg = top.reduce((s, d, r) => s + (judged.get(d) ?? 0) / Math.log2(r + 2), 0);
    const ideal = [...judged.values()].sort((a, b) => b - a).slice(0, CUTOFF).reduce((s, g, r) => s + g / Math.log2(r + 2), 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
    recall += judged.size ? top.filter((d) => judged.has(d)).length / judged.size : 0;
  });
  return { ndcg10: ndcg / queries.length, recall10: recall / queries.length };
}

/** Documents in the order of their best chunk (hits arrive best first). */
function documentsOf(hits: SpotcheckHit[]): string[] {
  return [...new Set(hits.map((h) => h.document.id))];
}

const round = (x: number) => Number(x.toFixed(4));

/** BM25 over whole documents: the imported documents' text in a temporary FTS5 table, the same tokenizer and query expression as the collections' keyword indexes. */
function bm25Documents(engine: Engine, collection: string, queries: Query[]): { ranked: string[][]; units: number } {
  const { db } = engine;
  db.exec(`CREATE VIRTUAL TABLE temp.bench_documents USING fts5(text, tokenize='${KEYWORD_TOKENIZER}')`);
  try {
    const units = db
      .prepare('INSERT INTO temp.bench_documents (rowid, text) SELECT d.id, d.content FROM documents d JOIN collections c ON c.id = d.collection_id WHERE c.name = ?')
      .run(collection).changes;
    const search = db.prepare(
      `SELECT d.external_id FROM temp.bench_documents f JOIN documents d ON d.id = f.rowid
       WHERE bench_documents MATCH ? ORDER BY bm25(bench_documents), f.rowid LIMIT ${CUTOFF}`,
    );
    const ranked = queries.map((q) => {
      const expr = keywordMatchExpression(q.text);
      return expr === null ? [] : (search.pluck().all(expr) as string[]);
    });
    return { ranked, units };
  } finally {
    db.exec('DROP TABLE temp.bench_documents');
  }
}

interface Variant {
  name: string;
  chunkSize: number;
  chunkOverlap: number;
  /** Import "title text" as the text (import keeps a document's title out of its chunks): the input the model's builder measured. */
  titleInText?: boolean;
}

export async function quality(opts: { quick: boolean }): Promise<QualityResult | string> {
  const docsFile = sharedPath('datasets', 'cranfield', 'docs.jsonl');
  const queriesFile = sharedPath('datasets', 'cranfield', 'queries.jsonl');
  const qrelsFile = sharedPath('datasets', 'cranfield', 'qrels.tsv');
  if (!docsFile || !queriesFile || !qrelsFile) return 'skipped: ../shared/datasets/cranfield (docs.jsonl, queries.jsonl, qrels.tsv) is absent';
  const queries = readJsonl<Query>(queriesFile);
  const qrels = readQrels(qrelsFile);
  const variants: Variant[] = [{ name: 'cran_chunked', chunkSize: DEFAULT_CHUNK_SIZE, chunkOverlap: DEFAULT_CHUNK_OVERLAP }];
  // Whole documents: how the model's builder measured it, and how BM25 is usually scored.
  if (!opts.quick) {
    variants.push({ name: 'cran_whole', chunkSize: WHOLE_DOCUMENT_CHUNK, chunkOverlap: 0 });
    variants.push({ name: 'cran_whole_titled', chunkSize: WHOLE_DOCUMENT_CHUNK, chunkOverlap: 0, titleInText: true });
  }

  const dir = mkdtempSync(join(tmpdir(), 'embedops-quality-'));
  // Only the built-in models: no EMBEDOPS_MODELS, and a user data folder of our own.
  const engine = openEngine({ dbPath: join(dir, 'quality.sqlite'), env: { ...process.env, EMBEDOPS_MODELS: '', XDG_CONFIG_HOME: join(dir, 'config') } });
  const seconds = { import: 0, backfill: 0, spotcheck: 0 };
  const rows: QualityRow[] = [];
  let documents = 0;
  let meanDocumentOverlapAt10 = 0;
  const timed = async <T>(phase: keyof typeof seconds, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      seconds[phase] += (performance.now() - t0) / 1000;
    }
  };
  try {
    for (const v of variants) {
      process.stderr.write(`quality: ${v.name} (chunks of ${v.chunkSize} tokens): import, backfill, ${queries.length} queries…\n`);
      await createCollection(engine, { name: v.name, model: DEFAULT_MODEL_NAME, chunkSize: v.chunkSize, chunkOverlap: v.chunkOverlap });
      let source = docsFile;
      if (v.titleInText) {
        source = join(dir, 'docs-titled.jsonl');
        writeFileSync(source, readJsonl<Doc>(docsFile).map((d) => JSON.stringify({ ...d, text: `${d.title} ${d.text}`.trim() })).join('\n') + '\n');
      }
      const imported = await timed('import', () => importPaths(engine, v.name, [source]));
      if (!v.titleInText) documents = imported.documents.added;
      const run = await timed('backfill', () => startBackfill(engine, v.name, { mode: 'missing' }));
      if (run.status !== 'completed') throw new Error(`backfill of ${v.name} ended ${run.status}`);
      const report = await timed('spotcheck', () => spotcheck(engine, v.name, queries.map((q) => q.text), CHUNKS_PER_QUERY));
      const model = report.results.map((r) => documentsOf(r.hits));
      const keyword = report.results.map((r) => documentsOf(r.keywordHits));
      const whole = v.chunkSize === WHOLE_DOCUMENT_CHUNK;
      const input = v.titleInText ? ', title + text' : '';
      rows.push({
        system: `${DEFAULT_MODEL_NAME} (cosine, document = best chunk${input})`,
        chunkSize: v.chunkSize,
        units: run.embedded,
        ...roundScores(score(queries, model, qrels)),
        reference: v.titleInText
          ? "builder's measurement: 0.228 / 0.251 (whole documents, title + text)"
          : whole
            ? 'text only: import keeps the title out of the chunks'
            : `default chunking (${v.chunkSize} tokens, overlap ${v.chunkOverlap}); a 30k-word SIF static model ≈ 0.13`,
      });
      rows.push({
        system: `BM25, the collection's chunk keyword index (spot-check keywordHits${input})`,
        chunkSize: v.chunkSize,
        units: run.embedded,
        ...roundScores(score(queries, keyword, qrels)),
        reference: '',
      });
      if (!whole && !v.titleInText) {
        const shared = model.map((m, i) => {
          const top = new Set(keyword[i]!.slice(0, CUTOFF));
          return m.slice(0, CUTOFF).filter((d) => top.has(d)).length / CUTOFF;
        });
        meanDocumentOverlapAt10 = round(shared.reduce((s, x) => s + x, 0) / shared.length);
      }
    }
    const bm25 = bm25Documents(engine, variants[0]!.name, queries);
    rows.push({
      system: 'BM25, FTS5 bm25() over whole documents (text; a temporary table)',
      chunkSize: null,
      units: bm25.units,
      ...roundScores(score(queries, bm25.ranked, qrels)),
      reference: "BM25 ≈ 0.35 (the model builder's BM25, title + text, no stemming: 0.344 / 0.380)",
    });
  } finally {
    engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    dataset: 'cranfield',
    model: DEFAULT_MODEL_NAME,
    documents,
    queries: queries.length,
    judgments: [...qrels.values()].reduce((s, m) => s + m.size, 0),
    defaultChunkSize: DEFAULT_CHUNK_SIZE,
    defaultChunkOverlap: DEFAULT_CHUNK_OVERLAP,
    rows,
    meanDocumentOverlapAt10,
    seconds: { import: round(seconds.import), backfill: round(seconds.backfill), spotcheck: round(seconds.spotcheck) },
  };
}

function roundScores(s: { ndcg10: number; recall10: number }): { ndcg10: number; recall10: number } {
  return { ndcg10: round(s.ndcg10), recall10: round(s.recall10) };
}

/** Markdown table rows for bench/run.ts. */
export function qualityTable(r: QualityResult | string): string {
  const head = ['| figure | system | chunk size | units | nDCG@10 | recall@10 | reference |', '| --- | --- | --- | --- | --- | --- | --- |'];
  if (typeof r === 'string') return [...head, `| quality | ${r} | | | | | |`].join('\n');
  const rows = r.rows.map((x) => `| quality | ${x.system} | ${x.chunkSize ?? 'whole document'} | ${x.units} | **${x.ndcg10.toFixed(3)}** | ${x.recall10.toFixed(3)} | ${x.reference} |`);
  return [
    ...head,
    ...rows,
    '',
    `Cranfield: ${r.documents} documents imported, ${r.queries} queries, ${r.judgments} judgments. Default chunk size ${r.defaultChunkSize} tokens (overlap ${r.defaultChunkOverlap}). ` +
      `Spot-check cross-check at the default chunk size: on average ${(r.meanDocumentOverlapAt10 * 100).toFixed(0)}% of the model's top-10 documents are also in the BM25 top 10.`,
  ].join('\n');
}
