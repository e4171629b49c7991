import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../testing/harness';
import { openDatabase, vecExtensionPath } from './db';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';

/** A database exactly as schema version 2 left it, with runs, their events and failures. */
function buildV2(path: string): void {
  const db = new Database(path);
  db.loadExtension(vecExtensionPath());
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    db.exec(MIGRATIONS[0] as string);
    (MIGRATIONS[1] as (d: typeof db) => void)(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('user_version = 2');
  })();
  const now = '2026-01-01T00:00:00.000Z';
  db.prepare(`INSERT INTO collections (id, name, model_id, model_fingerprint, model_dtype, dimension, chunk_size, chunk_overlap, chunker_version, vec_table, created_at)
              VALUES (1, 'c', 'm', 'fp', 'fp32', 4, 10, 0, 1, 'vec_c1', ?)`).run(now);
  db.prepare(`INSERT INTO documents (id, collection_id, external_id, title, content, content_hash, imported_at) VALUES (1, 1, 'd', 't', 'x', 'h', ?)`).run(now);
  db.prepare(`INSERT INTO document_chunks (id, document_id, collection_id, ordinal, text, text_hash, start_offset, end_offset, token_count, params_hash) VALUES (7, 1, 1, 0, 'x', 'h', 0, 1, 1, 'p')`).run();
  const run = db.prepare(`INSERT INTO runs (id, kind, collection_id, collection_name, status, mode, settings, command, total, done, created_at, started_at, finished_at, result)
                          VALUES (?, ?, ?, 'c', ?, ?, ?, ?, 10, 5, ?, ?, ?, ?)`);
  run.run(3, 'backfill', 1, 'completed', 'missing', '{"batchSize":4}', 'embedops backfill c --mode missing', now, now, now, '{"ok":true}');
  run.run(9, 'verify', 1, 'completed', null, '{}', 'embedops verify c', now, now, now, null);
  run.run(12, 'import', null, 'interrupted', null, '{}', 'embedops import c x', now, now, null, null);
  db.prepare(`INSERT INTO run_events (id, run_id, at, level, message) VALUES (?, ?, ?, 'info', ?)`).run(1, 3, now, 'started');
  db.prepare(`INSERT INTO run_events (id, run_id, at, level, message) VALUES (?, ?, ?, 'warn', ?)`).run(2, 12, now, 'interrupted');
  db.prepare(`INSERT INTO run_failures (run_id, chunk_id, error, at) VALUES (3, 7, 'boom', ?)`).run(now);
  db.close();
}

const dump = (db: Database.Database) => ({
  runs: db.prepare('SELECT * FROM runs ORDER BY id').all(),
  events: db.prepare('SELECT * FROM run_events ORDER BY id').all(),
  failures: db.prepare('SELECT * FROM run_failures ORDER BY run_id, chunk_id').all(),
});

test('migration 3 rebuilds runs with backup/restore kinds, keeping every run, id, event, failure and index', () => {
  const path = join(tempDir(), 'v2.sqlite');
  buildV2(path);
  const old = new Database(path, { readonly: true });
  const before = dump(old);
  old.close();
  assert.equal(before.runs.length, 3);

  const db = openDatabase(path);
  try {
    // Later migrations run too: the database ends at the current version, whatever number that is.
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    assert.deepEqual(dump(db), before, 'rows and ids unchanged');
    assert.deepEqual(db.pragma('foreign_key_check'), []);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1, 'foreign keys back on after the migration');
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' AND sql IS NOT NULL ORDER BY name").pluck().all();
    assert.deepEqual(indexes, ['runs_collection', 'runs_status']);
    assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'runs_new'").pluck().get(), 0);
    for (const t of ['run_events', 'run_failures']) {
      assert.match(db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(t) as string, /REFERENCES runs\(id\)/);
    }
    // The new kinds are accepted, unknown ones still refused, and the foreign keys still act.
    db.prepare(`INSERT INTO runs (kind, collection_name, status, command, created_at) VALUES ('backup', '*', 'completed', 'embedops backup', 'now')`).run();
    db.prepare(`INSERT INTO runs (kind, collection_name, status, command, created_at) VALUES ('restore', '*', 'completed', 'embedops restore x', 'now')`).run();
    assert.throws(() => db.prepare(`INSERT INTO runs (kind, collection_name, status, command, created_at) VALUES ('bogus', '*', 'completed', 'x', 'now')`).run(), /CHECK/);
    assert.throws(() => db.prepare(`INSERT INTO run_events (run_id, at, level, message) VALUES (999, 'now', 'info', 'x')`).run(), /FOREIGN KEY/);
    db.prepare('DELETE FROM runs WHERE id = 3').run();
    assert.equal(db.prepare('SELECT count(*) FROM run_events WHERE run_id = 3').pluck().get(), 0, 'events cascade with their run');
    assert.equal(db.prepare('SELECT count(*) FROM run_failures').pluck().get(), 0);
    db.prepare('DELETE FROM collections WHERE id = 1').run();
    assert.equal(db.prepare('SELECT collection_id FROM runs WHERE id = 9').pluck().get(), null, 'ON DELETE SET NULL kept');
  } finally {
    db.close();
  }
});
