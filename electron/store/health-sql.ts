import type { Collection } from './collections';

/**
 * The SQL behind every count a reviewer sees. Values are inlined (integer ids, hex fingerprints)
 * so each statement can be copied into any sqlite3 shell as it stands. Vector presence is read
 * from sqlite-vec's `<table>_rowids` shadow table: an ordinary table keyed by the vector's rowid,
 * so these statements need no extension loaded and join by primary key. A test checks that it
 * agrees with the vec0 table itself, which guards against a layout change in sqlite-vec.
 *
 * The counts are written as joins on primary keys and the (collection_id, id) index, never as a
 * correlated NOT EXISTS per row: at 1M chunks `missing` as an anti-join takes ≈ 0.1 s against ≈ 0.3–0.5 s,
 * and `orphaned` as "vectors minus vectors that have a chunk here" ≈ 0.1 s against ≈ 0.3–0.5 s
 * (bench/README.md, `verify`).
 */
export interface HealthSql {
  documents: string;
  chunks: string;
  vectors: string;
  missing: string;
  stale: string;
  orphaned: string;
  wrongDimension: string;
}

/** Predicates over `c` (document_chunks) and `e` (document_embeddings, LEFT JOINed). */
export function predicates(c: Collection): { hasVector: string; missing: string; stale: string } {
  const hasVector = `EXISTS (SELECT 1 FROM ${c.vecTable}_rowids r WHERE r.rowid = c.id)`;
  return {
    hasVector,
    missing: `NOT ${hasVector}`,
    stale:
      `${hasVector} AND (e.chunk_id IS NULL OR e.text_hash <> c.text_hash ` +
      `OR e.model_fingerprint <> '${c.modelFingerprint}' OR e.dimension <> ${c.dimension})`,
  };
}

export function healthSql(c: Collection): HealthSql {
  const p = predicates(c);
  const chunksFrom = `FROM document_chunks c LEFT JOIN document_embeddings e ON e.chunk_id = c.id WHERE c.collection_id = ${c.id}`;
  const withVector = `FROM document_chunks c JOIN ${c.vecTable}_rowids r ON r.rowid = c.id WHERE c.collection_id = ${c.id}`;
  return {
    documents: `SELECT count(*) FROM documents WHERE collection_id = ${c.id};`,
    chunks: `SELECT count(*) FROM document_chunks WHERE collection_id = ${c.id};`,
    vectors: `SELECT count(*) FROM ${c.vecTable}_rowids;  -- rows of the vec0 table ${c.vecTable}`,
    missing: `SELECT count(*) FROM document_chunks c LEFT JOIN ${c.vecTable}_rowids r ON r.rowid = c.id WHERE c.collection_id = ${c.id} AND r.rowid IS NULL;`,
    stale: `SELECT count(*) ${chunksFrom} AND ${p.stale};`,
    // every vector, minus the vectors that belong to a chunk of this collection
    orphaned: `SELECT count(*) - (SELECT count(*) ${withVector}) FROM ${c.vecTable}_rowids;`,
    wrongDimension: `SELECT count(*) FROM document_embeddings WHERE collection_id = ${c.id} AND dimension <> ${c.dimension};`,
  };
}

/** The same statements, returning chunk ids instead of counts (for drill-down). */
export function sampleSql(c: Collection, kind: 'missing' | 'stale' | 'orphaned' | 'wrongDimension', limit: number): string {
  const p = predicates(c);
  const chunksFrom = `FROM document_chunks c LEFT JOIN document_embeddings e ON e.chunk_id = c.id WHERE c.collection_id = ${c.id}`;
  switch (kind) {
    case 'missing':
      return `SELECT c.id ${chunksFrom} AND ${p.missing} ORDER BY c.id LIMIT ${limit}`;
    case 'stale':
      return `SELECT c.id ${chunksFrom} AND ${p.stale} ORDER BY c.id LIMIT ${limit}`;
    case 'orphaned':
      return `SELECT r.rowid FROM ${c.vecTable}_rowids r WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.id = r.rowid AND c.collection_id = ${c.id}) ORDER BY r.rowid LIMIT ${limit}`;
    case 'wrongDimension':
      return `SELECT chunk_id FROM document_embeddings WHERE collection_id = ${c.id} AND dimension <> ${c.dimension} ORDER BY chunk_id LIMIT ${limit}`;
  }
}
