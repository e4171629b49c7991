import type { Chunk } from '../ingest/chunker';
import { sha256 } from '../ingest/chunker';
import { type ChunkRange, ScanRecorder } from '../secrets/scan-store';
import type { Collection } from './collections';
import { type Db, nowIso } from './db';
import { VectorTable } from './vectors';

export interface DocumentInput {
  externalId: string;
  title: string;
  sourcePath: string | null;
  content: string;
  contentHash: string;
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface ChunkChanges {
  added: number;
  changed: number;
  removed: number;
}

/**
 * Writes documents and reconciles their chunks by ordinal. A chunk whose text changed keeps its id,
 * so its vector becomes *stale* (the ledger's text hash no longer matches) rather than orphaned;
 * chunks past the new end are deleted together with their vectors, in the same transaction.
 */
export class DocumentWriter {
  private readonly vectors: VectorTable;
  private readonly findDoc;
  private readonly insertDoc;
  private readonly updateDoc;
  private readonly chunksOf;
  private readonly insertChunk;
  private readonly updateChunk;
  private readonly deleteChunk;
  /** The secrets guard scans each written document (offsets only; see electron/secrets). */
  private readonly scans: ScanRecorder;

  constructor(
    db: Db,
    private readonly collection: Collection,
    private readonly paramsHash: string,
  ) {
    this.vectors = new VectorTable(db, collection.vecTable);
    this.findDoc = db.prepare('SELECT id, content_hash FROM documents WHERE collection_id = ? AND external_id = ?');
    this.insertDoc = db.prepare(
      'INSERT INTO documents (collection_id, external_id, title, source_path, content, content_hash, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateDoc = db.prepare('UPDATE documents SET title = ?, source_path = ?, content = ?, content_hash = ?, imported_at = ? WHERE id = ?');
    this.chunksOf = db.prepare('SELECT id, ordinal, text_hash, params_hash, start_offset, end_offset FROM document_chunks WHERE document_id = ? ORDER BY ordinal');
    this.insertChunk = db.prepare(
      `INSERT INTO document_chunks (document_id, collection_id, ordinal, text, text_hash, start_offset, end_offset, token_count, params_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateChunk = db.prepare(
      'UPDATE document_chunks SET text = ?, text_hash = ?, start_offset = ?, end_offset = ?, token_count = ?, params_hash = ? WHERE id = ?',
    );
    this.deleteChunk = db.prepare('DELETE FROM document_chunks WHERE id = ?');
    this.scans = new ScanRecorder(db);
  }

  /** Whether a document with this id and content is already stored with chunks from the current parameters. */
  isUnchanged(externalId: string, contentHash: string): boolean {
    const row = this.findDoc.get(this.collection.id, externalId) as { id: number; content_hash: string } | undefined;
    if (!row || row.content_hash !== contentHash) return false;
    const chunks = this.chunksOf.all(row.id) as { params_hash: string }[];
    return chunks.every((c) => c.params_hash === this.paramsHash);
  }

  /** Call inside a transaction. */
  upsert(doc: DocumentInput, chunks: Chunk[], changes: ChunkChanges): UpsertOutcome {
    const now = nowIso();
    const row = this.findDoc.get(this.collection.id, doc.externalId) as { id: number; content_hash: string } | undefined;
    let docId: number;
    let outcome: UpsertOutcome;
    if (!row) {
      docId = Number(this.insertDoc.run(this.collection.id, doc.externalId, doc.title, doc.sourcePath, doc.content, doc.contentHash, now).lastInsertRowid);
      outcome = 'added';
    } else {
      docId = row.id;
      this.updateDoc.run(doc.title, doc.sourcePath, doc.content, doc.contentHash, now, docId);
      outcome = 'updated';
    }
    const existing = this.chunksOf.all(docId) as { id: number; ordinal: number; text_hash: string; params_hash: string; start_offset: number; end_offset: number }[];
    let unchangedChunks = 0;
    const ranges: ChunkRange[] = [];
    for (const c of chunks) {
      const hash = sha256(c.text);
      const old = existing[c.ordinal];
      ranges.push({ id: old?.id ?? 0, start: c.start, end: c.end, textHash: hash });
      if (!old) {
        ranges[ranges.length - 1]!.id = Number(this.insertChunk.run(docId, this.collection.id, c.ordinal, c.text, hash, c.start, c.end, c.tokenCount, this.paramsHash).lastInsertRowid);
        changes.added++;
      } else if (old.text_hash !== hash || old.params_hash !== this.paramsHash || old.start_offset !== c.start || old.end_offset !== c.end) {
        this.updateChunk.run(c.text, hash, c.start, c.end, c.tokenCount, this.paramsHash, old.id);
        if (old.text_hash !== hash) changes.changed++;
      } else unchangedChunks++;
    }
    // Every chunk, changed or not: a credential may straddle a changed chunk and an unchanged one.
    this.scans.recordDocument(this.collection.id, doc.content, ranges, now);
    for (const old of existing.slice(chunks.length)) {
      this.vectors.delete(old.id);
      this.deleteChunk.run(old.id);
      changes.removed++;
    }
    if (outcome === 'updated' && row!.content_hash === doc.contentHash && unchangedChunks === chunks.length && existing.length === chunks.length) outcome = 'unchanged';
    return outcome;
  }
}
