import type { Db } from '../store/db';
import { nowIso } from '../store/db';
import { DETECTOR_VERSION, detectSecrets, findingsInRange, type SecretFinding } from './detect';

/**
 * The stored result of scanning each chunk (table chunk_secrets): how many findings and where,
 * as offsets into the chunk text. The detector runs over a whole document and its findings are
 * cut to each chunk's range, so a credential split by the chunker is flagged in both chunks.
 * Documents are scanned when they are written, and again lazily when a chunk's row is absent or
 * out of date (a database from before the guard, chunks copied by SQL, a newer detector), so a plan
 * never runs the detector over a whole big collection twice.
 */

/** A chunk (alias `c`) whose current text was scanned and looks like it holds a credential. */
export const FLAGGED = `EXISTS (SELECT 1 FROM chunk_secrets s WHERE s.chunk_id = c.id AND s.text_hash = c.text_hash AND s.count > 0)`;

/** False on a read-only database that predates the guard (read-only opens do not migrate). */
export function hasScanTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chunk_secrets'").get() !== undefined;
}

/** Findings as stored: compact [kind, start, end] triples. */
export function encodeFindings(f: readonly SecretFinding[]): string {
  return JSON.stringify(f.map((x) => [x.kind, x.start, x.end]));
}

export function decodeFindings(json: string | null): SecretFinding[] {
  if (!json) return [];
  return (JSON.parse(json) as [SecretFinding['kind'], number, number][]).map(([kind, start, end]) => ({ kind, start, end }));
}

/** A chunk as the scanner needs it: its id, its range in the document, and its text hash. */
export interface ChunkRange {
  id: number;
  start: number;
  end: number;
  textHash: string;
}

/** Writes scan rows; call inside the transaction that writes the chunks. */
export class ScanRecorder {
  private readonly upsert;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO chunk_secrets (chunk_id, collection_id, text_hash, detector_version, count, findings, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (chunk_id) DO UPDATE SET collection_id = excluded.collection_id, text_hash = excluded.text_hash,
         detector_version = excluded.detector_version, count = excluded.count, findings = excluded.findings, scanned_at = excluded.scanned_at`,
    );
  }

  /** Scans a document once and records every one of its chunks. */
  recordDocument(collectionId: number, content: string, chunks: readonly ChunkRange[], now = nowIso()): void {
    const found = detectSecrets(content);
    for (const c of chunks) {
      const f = findingsInRange(found, c.start, c.end);
      this.upsert.run(c.id, collectionId, c.textHash, DETECTOR_VERSION, f.length, encodeFindings(f), now);
    }
  }
}

const DOCS_PER_TRANSACTION = 200;

/**
 * Scans the documents of a collection that have a chunk without a current scan row. Returns how
 * many chunks were out of date; on a read-only database nothing can be stored, so it returns that
 * number negated, which callers report (a run scans again when it starts).
 */
export function ensureScanned(db: Db, collectionId: number): number {
  if (!hasScanTable(db)) return -(db.prepare('SELECT count(*) FROM document_chunks WHERE collection_id = ?').pluck().get(collectionId) as number);
  const outdated = `FROM document_chunks c LEFT JOIN chunk_secrets s ON s.chunk_id = c.id
    WHERE c.collection_id = ? AND (s.chunk_id IS NULL OR s.text_hash <> c.text_hash OR s.detector_version <> ${DETECTOR_VERSION})`;
  const n = db.prepare(`SELECT count(*) ${outdated}`).pluck().get(collectionId) as number;
  if (n === 0 || db.readonly) return db.readonly ? -n : 0;
  const docs = (db.prepare(`SELECT DISTINCT c.document_id ${outdated} ORDER BY c.document_id`).pluck().all(collectionId) as number[]).map(Number);
  const content = db.prepare('SELECT content FROM documents WHERE id = ?').pluck();
  const chunksOf = db.prepare('SELECT id, start_offset AS start, end_offset AS end, text_hash AS textHash FROM document_chunks WHERE document_id = ? ORDER BY ordinal');
  const recorder = new ScanRecorder(db);
  for (let i = 0; i < docs.length; i += DOCS_PER_TRANSACTION) {
    const now = nowIso();
    db.transaction(() => {
      for (const id of docs.slice(i, i + DOCS_PER_TRANSACTION)) recorder.recordDocument(collectionId, content.get(id) as string, chunksOf.all(id) as ChunkRange[], now);
    }).immediate();
  }
  return n;
}
