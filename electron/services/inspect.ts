import { EmbedOpsError } from '../../shared/errors';
import type { ChunkInfo, DocumentText } from '../../shared/api';
import type { Engine } from '../engine';
import { getCollection } from '../store/collections';
import { sampleSql } from '../store/health-sql';

/** The chunks behind a verify discrepancy, with their text and why they are listed. */
export function discrepancyChunks(engine: Engine, name: string, kind: 'missing' | 'stale' | 'orphaned' | 'failed', limit = 100): ChunkInfo[] {
  const { db } = engine;
  const c = getCollection(db, name);
  if (kind === 'orphaned') {
    // An orphan has no chunk row: only its id can be shown.
    return (db.prepare(sampleSql(c, 'orphaned', limit)).pluck().all() as number[]).map((id) => ({
      chunkId: Number(id),
      document: { id: '', title: '(no chunk: the vector is orphaned)' },
      ordinal: -1,
      start: 0,
      end: 0,
      text: '',
      note: 'vector without a chunk in this collection',
    }));
  }
  const ids =
    kind === 'failed'
      ? (db.prepare('SELECT DISTINCT f.chunk_id FROM run_failures f JOIN document_chunks c ON c.id = f.chunk_id WHERE c.collection_id = ? ORDER BY f.chunk_id LIMIT ?').pluck().all(c.id, limit) as number[])
      : (db.prepare(sampleSql(c, kind, limit)).pluck().all() as number[]);
  const row = db.prepare(
    `SELECT c.id, c.ordinal, c.start_offset, c.end_offset, c.text, c.text_hash, d.external_id, d.title,
            e.text_hash AS vec_hash, e.model_fingerprint AS vec_model,
            (SELECT error FROM run_failures f WHERE f.chunk_id = c.id ORDER BY f.at DESC LIMIT 1) AS last_error
     FROM document_chunks c JOIN documents d ON d.id = c.document_id LEFT JOIN document_embeddings e ON e.chunk_id = c.id
     WHERE c.id = ?`,
  );
  return ids.map((id) => {
    const r = row.get(id) as {
      id: number; ordinal: number; start_offset: number; end_offset: number; text: string; text_hash: string;
      external_id: string; title: string; vec_hash: string | null; vec_model: string | null; last_error: string | null;
    };
    let note = r.last_error ? `last failure: ${r.last_error}` : null;
    if (!note && kind === 'stale') {
      note = r.vec_hash === null ? 'vector has no ledger row' : r.vec_hash !== r.text_hash ? 'the text changed after it was embedded' : 'embedded by other model files';
    }
    return { chunkId: r.id, document: { id: r.external_id, title: r.title }, ordinal: r.ordinal, start: r.start_offset, end: r.end_offset, text: r.text, note };
  });
}

export function documentText(engine: Engine, name: string, externalId: string): DocumentText {
  const c = getCollection(engine.db, name);
  const row = engine.db
    .prepare('SELECT d.external_id, d.title, d.source_path, d.content, (SELECT count(*) FROM document_chunks WHERE document_id = d.id) AS chunks FROM documents d WHERE d.collection_id = ? AND d.external_id = ?')
    .get(c.id, externalId) as { external_id: string; title: string; source_path: string | null; content: string; chunks: number } | undefined;
  if (!row) throw new EmbedOpsError('not_found', `Collection "${name}" has no document "${externalId}". It may have been re-imported under another id.`);
  return { id: row.external_id, title: row.title, path: row.source_path, content: row.content, chunks: row.chunks };
}
