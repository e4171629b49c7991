import type { Db } from './db';

/**
 * One SQLite FTS5 keyword index per collection, beside its vec0 table, so a spot-check can set
 * BM25 results against the vector results (a model that is wrong for the corpus shows up as two
 * lists that share nothing).
 *
 * Layout for collection N (names come from the integer id only, never from user input):
 * - `fts_cN_chunks`: a view of that collection's rows of document_chunks (id, text). It is the
 *   FTS5 table's external content, so FTS5's own commands ('rebuild', 'integrity-check') see this
 *   collection's chunks only, not every collection's.
 * - `fts_cN`: `fts5(text, content='fts_cN_chunks', content_rowid='id')`; rowid = chunk id. The
 *   text is stored once, in document_chunks; the index holds only tokens.
 * - `fts_cN_ai`, `fts_cN_ad`, `fts_cN_au`: AFTER INSERT/DELETE/UPDATE triggers on document_chunks
 *   (filtered to collection N) keep the index equal to the chunks in the same transaction as the
 *   change, whoever writes them: import's re-chunking in place, its deletion of extra ordinals,
 *   and cascades from deleted documents or collections. An external-content index forgets a row
 *   only through the 'delete' command given the row's old values, which the triggers pass.
 */

/** Porter stemming over unicode61 (case-folded, diacritics removed): "flows" finds "flow". */
export const KEYWORD_TOKENIZER = 'porter unicode61 remove_diacritics 2';

/** The most words a keyword query uses; a pasted paragraph stays a cheap query. */
const MAX_TERMS = 64;

export interface KeywordIndexNames {
  table: string;
  view: string;
  triggers: { insert: string; delete: string; update: string };
}

export function keywordIndexNames(collectionId: number): KeywordIndexNames {
  if (!Number.isSafeInteger(collectionId) || collectionId < 1) throw new Error(`unexpected collection id ${collectionId}`);
  const table = `fts_c${collectionId}`;
  return { table, view: `${table}_chunks`, triggers: { insert: `${table}_ai`, delete: `${table}_ad`, update: `${table}_au` } };
}

export function hasKeywordIndex(db: Db, collectionId: number): boolean {
  const { table } = keywordIndexNames(collectionId);
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

/**
 * Creates collection N's view, FTS5 table and triggers, and fills the index from the chunks the
 * collection already has. Call inside a transaction (insertCollection's, or ensureKeywordIndex's).
 */
export function createKeywordIndex(db: Db, collectionId: number): void {
  const n = keywordIndexNames(collectionId);
  const id = collectionId; // an integer (checked above): safe to inline, and triggers cannot take parameters
  db.exec(`
    CREATE VIEW ${n.view} AS SELECT id, text FROM document_chunks WHERE collection_id = ${id};
    CREATE VIRTUAL TABLE ${n.table} USING fts5(text, content='${n.view}', content_rowid='id', tokenize='${KEYWORD_TOKENIZER}');
    CREATE TRIGGER ${n.triggers.insert} AFTER INSERT ON document_chunks WHEN new.collection_id = ${id} BEGIN
      INSERT INTO ${n.table} (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER ${n.triggers.delete} AFTER DELETE ON document_chunks WHEN old.collection_id = ${id} BEGIN
      INSERT INTO ${n.table} (${n.table}, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER ${n.triggers.update} AFTER UPDATE OF id, collection_id, text ON document_chunks
      WHEN (old.collection_id = ${id} OR new.collection_id = ${id})
       AND (old.text IS NOT new.text OR old.id <> new.id OR old.collection_id <> new.collection_id) BEGIN
      INSERT INTO ${n.table} (${n.table}, rowid, text) SELECT 'delete', old.id, old.text WHERE old.collection_id = ${id};
      INSERT INTO ${n.table} (rowid, text) SELECT new.id, new.text WHERE new.collection_id = ${id};
    END;
    INSERT INTO ${n.table} (rowid, text) SELECT id, text FROM ${n.view};
  `);
}

/**
 * Creates the keyword index of a collection that has none (one made before keyword indexes
 * existed), filled from its chunks, in one transaction. Returns whether it had to.
 */
export function ensureKeywordIndex(db: Db, collectionId: number): boolean {
  if (hasKeywordIndex(db, collectionId)) return false; // the usual case, without taking the write lock
  return db
    .transaction(() => {
      if (hasKeywordIndex(db, collectionId)) return false;
      createKeywordIndex(db, collectionId);
      return true;
    })
    .immediate();
}

/** The same for every collection of the database; returns the ids it created an index for. */
export function ensureAllKeywordIndexes(db: Db): number[] {
  const ids = db.prepare('SELECT id FROM collections ORDER BY id').pluck().all() as number[];
  return ids.filter((id) => ensureKeywordIndex(db, id));
}

/** Removes a collection's keyword index (table, view and triggers). Call inside a transaction. */
export function dropKeywordIndex(db: Db, collectionId: number): void {
  const n = keywordIndexNames(collectionId);
  db.exec(`
    DROP TRIGGER IF EXISTS ${n.triggers.insert};
    DROP TRIGGER IF EXISTS ${n.triggers.delete};
    DROP TRIGGER IF EXISTS ${n.triggers.update};
    DROP TABLE IF EXISTS ${n.table};
    DROP VIEW IF EXISTS ${n.view};
  `);
}

export interface KeywordIndexCheck {
  ok: boolean;
  /** Rows in the index and chunks in the collection (equal when ok). */
  indexed: number;
  chunks: number;
  /** What SQLite said when the check failed. */
  error: string | null;
}

/**
 * FTS5's integrity-check with rank 1: the index must be internally consistent *and* hold exactly
 * the tokens of the content (this collection's chunks). Also compares the row counts.
 */
export function checkKeywordIndex(db: Db, collectionId: number): KeywordIndexCheck {
  const n = keywordIndexNames(collectionId);
  const chunks = db.prepare('SELECT count(*) FROM document_chunks WHERE collection_id = ?').pluck().get(collectionId) as number;
  if (!hasKeywordIndex(db, collectionId)) return { ok: false, indexed: 0, chunks, error: `collection ${collectionId} has no keyword index (${n.table})` };
  const indexed = db.prepare(`SELECT count(*) FROM ${n.table}_docsize`).pluck().get() as number;
  let error: string | null = null;
  try {
    db.prepare(`INSERT INTO ${n.table} (${n.table}, rank) VALUES ('integrity-check', 1)`).run();
  } catch (err) {
    error = (err as Error).message;
  }
  if (!error && indexed !== chunks) error = `the index has ${indexed} rows but the collection has ${chunks} chunks`;
  return { ok: error === null, indexed, chunks, error };
}

// Words too common to say anything about a passage. BM25 would give them a weight near zero
// anyway; leaving them out keeps "what is the …" queries from matching every chunk.
const STOP_WORDS = new Set(
  ('a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'may might must no not of on or our shall should so such than that the their them then there these they ' +
    'this those to was we were what when where which while who whom why will with would you your').split(' '),
);

/** Runs of letters, digits and combining marks: what the unicode61 tokenizer keeps as tokens. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * A safe FTS5 MATCH expression for free text: each distinct word quoted (so no word is read as
 * an operator, column filter or prefix) and OR-ed, so BM25 ranks by how many and how rare the
 * matched words are. Stop words are left out unless nothing else is left. Null when the text has
 * no word at all (the caller then has no keyword hits, rather than an FTS5 syntax error).
 */
export function keywordMatchExpression(query: string): string | null {
  const words = [...new Set([...query.toLowerCase().matchAll(TOKEN)].map((m) => m[0]))];
  const content = words.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\p{N}/u.test(w)));
  const terms = (content.length ? content : words).slice(0, MAX_TERMS);
  if (!terms.length) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
}

export interface KeywordHit {
  chunkId: number;
  /** BM25 relevance, higher is better (FTS5's bm25() with its sign flipped). */
  score: number;
}

/** Top-k search over one collection's keyword index. */
export class KeywordIndex {
  private readonly stmt;
  constructor(db: Db, collectionId: number) {
    const { table } = keywordIndexNames(collectionId);
    this.stmt = db.prepare(`SELECT rowid AS chunk_id, bm25(${table}) AS bm25 FROM ${table} WHERE ${table} MATCH ? ORDER BY bm25(${table}), rowid LIMIT ?`);
  }

  search(query: string, k: number): KeywordHit[] {
    const expr = keywordMatchExpression(query);
    if (expr === null) return [];
    return (this.stmt.all(expr, k) as { chunk_id: number; bm25: number }[]).map((r) => ({ chunkId: Number(r.chunk_id), score: -r.bm25 }));
  }
}
