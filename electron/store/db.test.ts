import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../testing/harness';
import { insertCollection } from './collections';
import { openDatabase, vecExtensionPath } from './db';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { VectorTable } from './vectors';
import { checkKeywordIndex } from './keyword-index';

test('a new database gets WAL, foreign keys, the schema version and its application id', () => {
  const db = openDatabase(join(tempDir(), 'a.sqlite'));
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.equal(db.pragma('application_id', { simple: true }), 0x454d424f);
  } finally {
    db.close();
  }
});

test("the vec0 rowid shadow table the counts read agrees with the vec0 table (guards sqlite-vec's layout)", () => {
  const db = openDatabase(join(tempDir(), 'a.sqlite'));
  try {
    const c = insertCollection(db, { name: 'c', modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: 4, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
    const t = new VectorTable(db, c.vecTable);
    for (let i = 1; i <= 50; i++) t.put(i * 3, new Float32Array([i, 1, 0, 0]));
    t.put(3, new Float32Array([0, 1, 0, 0]));
    t.delete(6);
    const shadow = db.prepare(`SELECT rowid FROM ${c.vecTable}_rowids ORDER BY rowid`).pluck().all();
    const real = db.prepare(`SELECT rowid FROM ${c.vecTable} ORDER BY rowid`).pluck().all();
    assert.deepEqual(shadow, real);
    assert.equal(t.count(), 49);
    assert.equal(t.knn(new Float32Array([0, 1, 0, 0]), 1)[0]!.chunkId, 3);
    assert.throws(() => t.put(7, new Float32Array(3)), /Dimension mismatch/);
  } finally {
    db.close();
  }
});

test('a version-1 database migrates: each existing collection gets its keyword index, filled from its chunks', () => {
  const file = join(tempDir(), 'old.sqlite');
  // Exactly what schema version 1 wrote (later migrations add tables, so the current schema with a
  // lowered user_version would not be an old database).
  let db = new Database(file);
  db.loadExtension(vecExtensionPath());
  db.exec(MIGRATIONS[0] as string);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 1');
  db.prepare(`INSERT INTO collections (id, name, model_id, model_fingerprint, model_dtype, dimension, chunk_size, chunk_overlap, chunker_version, vec_table, created_at)
              VALUES (1, 'c', 'm', 'sha256:x', 'fp32', 4, 10, 0, 1, 'vec_c1', 'now')`).run();
  db.exec('CREATE VIRTUAL TABLE vec_c1 USING vec0(embedding float[4] distance_metric=cosine)');
  const c = { id: 1 };
  const doc = db.prepare("INSERT INTO documents (collection_id, external_id, title, content, content_hash, imported_at) VALUES (?, 'd', 't', 'wing lift', 'h', 'now')").run(c.id).lastInsertRowid;
  db.prepare("INSERT INTO document_chunks (document_id, collection_id, ordinal, text, text_hash, start_offset, end_offset, token_count, params_hash) VALUES (?, ?, 0, 'wing lift', 'h', 0, 9, 2, 'p')").run(doc, c.id);
  db.close();

  db = openDatabase(file);
  try {
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.deepEqual(checkKeywordIndex(db, c.id), { ok: true, indexed: 1, chunks: 1, error: null });
  } finally {
    db.close();
  }
});
