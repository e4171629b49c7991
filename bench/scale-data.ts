/**
 * Collections of random unit vectors built straight through the store (no model, no worker), for
 * the figures that need scale: spot-check latency, verify and memory. Each chunk gets a minimal
 * document/chunk/ledger row, so the spot-check's citation join and every verify count see a
 * healthy collection (verify PASSes on it).
 */
import type { Db } from '../electron/store/db';
import { insertCollection, type Collection } from '../electron/store/collections';
import { VectorTable } from '../electron/store/vectors';

export const FINGERPRINT = 'sha256:bench-random-vectors';

/** Deterministic PRNG (mulberry32), so runs compare like with like. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomUnit(dim: number, rand: () => number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    // Sum of uniforms: close enough to Gaussian for a direction spread over the sphere.
    const x = rand() + rand() + rand() - 1.5;
    v[i] = x;
    n += x * x;
  }
  n = Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i]! /= n;
  return v;
}

const CHUNKS_PER_DOC = 10;
const TX_ROWS = 10_000;

/**
 * Creates collection `name` with `n` chunks and vectors of dimension `dim`; returns it and the insert
 * time. `legacyTable`: its vector table in the layout of earlier versions (cosine, unpartitioned).
 */
export function buildRandomCollection(db: Db, name: string, n: number, dim: number, seed = 1, modelId = 'bench-random', legacyTable = false): { collection: Collection; insertMs: number } {
  const c = insertCollection(db, { name, modelId, modelFingerprint: FINGERPRINT, modelDtype: 'fp32', dimension: dim, chunkSize: 200, chunkOverlap: 20, chunkerVersion: 1 });
  if (legacyTable) {
    db.exec(`DROP TABLE ${c.vecTable}`);
    db.exec(`CREATE VIRTUAL TABLE ${c.vecTable} USING vec0(embedding float[${dim}] distance_metric=cosine)`);
  }
  const table = new VectorTable(db, c.vecTable);
  const doc = db.prepare(`INSERT INTO documents (collection_id, external_id, title, source_path, content, content_hash, imported_at) VALUES (?, ?, ?, NULL, ?, ?, ?)`);
  const chunk = db.prepare(
    `INSERT INTO document_chunks (document_id, collection_id, ordinal, text, text_hash, start_offset, end_offset, token_count, params_hash) VALUES (?, ?, ?, ?, ?, 0, 1, 1, 'p')`,
  );
  const ledger = db.prepare(`INSERT INTO document_embeddings (chunk_id, collection_id, model_id, model_fingerprint, dimension, text_hash, embedded_at, run_id) VALUES (?, ?, 'bench-random', ?, ?, ?, ?, NULL)`);
  const rand = rng(seed);
  const at = new Date().toISOString();
  const t0 = performance.now();
  let docId = 0;
  for (let from = 0; from < n; from += TX_ROWS) {
    db.transaction(() => {
      for (let i = from; i < Math.min(n, from + TX_ROWS); i++) {
        if (i % CHUNKS_PER_DOC === 0) docId = Number(doc.run(c.id, `d${i}`, `doc ${i}`, 'x', `h${i}`, at).lastInsertRowid);
        const text = `w${i % 997}`;
        const chunkId = Number(chunk.run(docId, c.id, i % CHUNKS_PER_DOC, text, `t${i}`).lastInsertRowid);
        ledger.run(chunkId, c.id, FINGERPRINT, dim, `t${i}`, at);
        table.put(chunkId, randomUnit(dim, rand));
      }
    })();
  }
  return { collection: c, insertMs: performance.now() - t0 };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
