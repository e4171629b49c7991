import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EmbedOpsError } from '../../shared/errors';
import { dispatch } from '../handlers';
import type { HandlerContext } from '../handlers/types';
import { JobManager } from '../jobs/manager';
import { cli, collect, engineFor, startCli, workspace, writeCorpus } from '../testing/harness';

type Ws = ReturnType<typeof workspace>;

async function collectionOf(docs: number, chunkSize = 20): Promise<Ws> {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), docs);
  let r = await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', String(chunkSize), '--chunk-overlap', '0'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  r = await cli(['import', 'c', corpus], ws.env);
  assert.equal(r.code, 0, r.stderr);
  return ws;
}

async function waitForProgress(dbPath: string, atLeast: number, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        const run = db.prepare(`SELECT done FROM runs WHERE kind = 'backfill' ORDER BY id DESC LIMIT 1`).get() as { done: number } | undefined;
        if (run && run.done >= atLeast) return;
      } finally {
        db.close();
      }
    } catch {
      // not there yet
    }
    if (Date.now() - t0 > timeoutMs) throw new Error('backfill made no progress');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Counts and consistency of one database file, read without the extension (vec0's rowids table is plain). */
function invariants(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const one = (sql: string) => db.prepare(sql).pluck().get() as number | string;
    return {
      documents: one('SELECT count(*) FROM documents'),
      chunks: one('SELECT count(*) FROM document_chunks'),
      vectors: one('SELECT count(*) FROM vec_c1_rowids'),
      ledger: one('SELECT count(*) FROM document_embeddings'),
      orphans: one('SELECT count(*) FROM vec_c1_rowids r WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.id = r.rowid)'),
      unledgered: one('SELECT count(*) FROM vec_c1_rowids r WHERE NOT EXISTS (SELECT 1 FROM document_embeddings e WHERE e.chunk_id = r.rowid)'),
      integrity: one('PRAGMA integrity_check'),
    };
  } finally {
    db.close();
  }
}

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

test('backup while a backfill writes in another process is consistent; restore brings back exactly its counts', async () => {
  const ws = await collectionOf(800);
  const child = startCli(['backfill', 'c', '--mode', 'missing', '--batch-size', '4', '--json'], ws.env);
  const exited = collect(child, true);
  await waitForProgress(ws.db, 400);

  const file = join(ws.dir, 'mid.sqlite');
  const b = await cli(['backup', '--to', file, '--json'], ws.env);
  assert.equal(b.code, 0, b.stdout + b.stderr);
  // A restore while the backfill runs is refused (exit 3) and changes nothing.
  const busy = await cli(['restore', file, '--yes', '--json'], ws.env);
  assert.equal(busy.code, 3, busy.stdout);
  assert.match(busy.json.error.message, /is active/);

  const done = await exited;
  assert.equal(done.code, 0, done.stderr);
  assert.equal(done.json.run.status, 'completed');

  const snap = invariants(file);
  assert.equal(snap.integrity, 'ok');
  assert.equal(snap.vectors, snap.ledger, 'vectors == ledger rows in the backup');
  assert.equal(snap.orphans, 0);
  assert.equal(snap.unledgered, 0);
  assert.ok((snap.vectors as number) > 0 && (snap.vectors as number) < (snap.chunks as number), `caught mid-run: ${JSON.stringify(snap)}`);
  const m = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
  assert.equal(m.sha256, sha(file));
  assert.equal(m.sizeBytes, statSync(file).size);
  assert.equal(m.reason, 'manual');
  assert.deepEqual(m.collections, [{ name: 'c', documents: snap.documents, chunks: snap.chunks, vectors: snap.vectors, ledger: snap.ledger }]);
  assert.ok(!readdirSync(ws.dir).some((n) => n.includes('.partial-')), 'no temp file left');

  const full = invariants(ws.db);
  assert.equal(full.vectors, full.chunks);

  const r = await cli(['restore', file, '--yes', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.json.restore.collections, m.collections);
  const after = invariants(ws.db);
  assert.deepEqual(after, snap, 'the database now holds exactly the backed-up content');
  assert.ok(!existsSync(ws.db + '-journal'));
  assert.equal(r.json.restore.previous.reason, 'before-restore');
  assert.equal(invariants(r.json.restore.previous.file).vectors, full.vectors, 'the replaced database was backed up first');

  // History has the backup and the restore; the interrupted backfill from the snapshot can be resumed.
  const h = await cli(['history', '--json'], ws.env);
  const kinds = h.json.runs.map((x: { kind: string }) => x.kind);
  assert.ok(kinds.includes('restore') && kinds.includes('backup'), kinds.join());
  const restoreRun = h.json.runs.find((x: { kind: string }) => x.kind === 'restore');
  assert.match(restoreRun.command, /embedops restore .* --yes/);
  const backfill = h.json.runs.find((x: { kind: string }) => x.kind === 'backfill');
  assert.equal(backfill.status, 'interrupted');
  const resumed = await cli(['resume', String(backfill.id), '--json'], ws.env);
  assert.equal(resumed.code, 0, resumed.stderr);
  const end = invariants(ws.db);
  assert.equal(end.vectors, end.chunks);

  const list = await cli(['backups', 'list', '--json'], ws.env);
  assert.equal(list.code, 0, list.stderr);
  const files = list.json.backups.map((x: { file: string }) => x.file);
  assert.ok(files.includes(file), 'a --to backup is listed too');
  assert.ok(files.includes(r.json.restore.previous.file));
});

test('restore refuses a non-EmbedOps file, a newer schema and a corrupt file, and leaves the database untouched', async () => {
  const ws = await collectionOf(30);
  let r = await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  const good = join(ws.dir, 'good.sqlite');
  r = await cli(['backup', '--to', good], ws.env);
  assert.equal(r.code, 0, r.stderr);

  const other = join(ws.dir, 'other.sqlite');
  const o = new Database(other);
  o.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
  o.close();

  const newer = join(ws.dir, 'newer.sqlite');
  copyFileSync(good, newer);
  const n = new Database(newer);
  n.pragma('user_version = 99');
  n.close();

  const corrupt = join(ws.dir, 'corrupt.sqlite');
  copyFileSync(good, corrupt);
  const size = statSync(corrupt).size;
  const fd = openSync(corrupt, 'r+');
  const junk = Buffer.alloc(4096 * 3, 0xa5);
  writeSync(fd, junk, 0, junk.length, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);

  const garbage = join(ws.dir, 'garbage.sqlite');
  copyFileSync(join(ws.dir, 'docs.jsonl'), garbage);

  // Without --yes, non-interactively: refused with the way forward.
  r = await cli(['restore', good, '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.json.error.message, /--yes/);

  const dbSha = sha(ws.db);
  const backupsBefore = existsSync(join(ws.dir, 'backups')) ? readdirSync(join(ws.dir, 'backups')).length : 0;
  const cases: [string, RegExp][] = [
    [other, /not an EmbedOps database/],
    [newer, /schema version 99, newer than this build/],
    [corrupt, /corrupt/],
    [garbage, /not .*SQLite database|corrupt/],
    [join(ws.dir, 'nope.sqlite'), /No file/],
  ];
  for (const [file, message] of cases) {
    r = await cli(['restore', file, '--yes', '--json'], ws.env);
    assert.notEqual(r.code, 0, file);
    assert.match(r.json.error.message, message, file);
    assert.equal(sha(ws.db), dbSha, `${file}: the database is untouched`);
  }
  const backupsAfter = existsSync(join(ws.dir, 'backups')) ? readdirSync(join(ws.dir, 'backups')).length : 0;
  assert.equal(backupsAfter, backupsBefore, 'no before-restore backup for a refused file');
});

test('a rebuild backs the database up first, and the plan says where', async () => {
  const ws = await collectionOf(20);
  let r = await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  const before = invariants(ws.db);
  r = await cli(['plan', 'c', '--mode', 'rebuild', '--json'], ws.env);
  const check = r.json.checks.find((c: { name: string }) => c.name === 'backup before rebuild');
  assert.ok(check?.ok, JSON.stringify(r.json.checks));
  assert.match(check.detail, /backups/);
  r = await cli(['backfill', 'c', '--mode', 'rebuild', '--json'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  const dir = join(ws.dir, 'backups');
  const files = readdirSync(dir).filter((f) => f.endsWith('-before-rebuild.sqlite'));
  assert.equal(files.length, 1, readdirSync(dir).join());
  const m = JSON.parse(readFileSync(join(dir, `${files[0]}.json`), 'utf8'));
  assert.equal(m.reason, 'before-rebuild');
  assert.equal(m.collections[0].vectors, before.vectors);
  assert.equal(invariants(join(dir, files[0]!)).integrity, 'ok');
  const ev = await cli(['history', '--json'], ws.env);
  assert.ok(ev.json.runs.some((x: { kind: string; settings: { reason?: string } }) => x.kind === 'backup' && x.settings.reason === 'before-rebuild'));
});

test('the API creates, lists and restores backups, and the engine follows the restored database', async () => {
  const ws = await collectionOf(20);
  const engine = engineFor(ws);
  const ctx: HandlerContext = { engine, jobs: new JobManager(engine), readOnly: false, uploadsDir: join(ws.dir, 'uploads') };
  const b = (await dispatch('backups/create', {}, ctx)) as { file: string; collections: { vectors: number; chunks: number }[] };
  assert.equal(b.collections[0]!.vectors, 0);
  let r = await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  const list = (await dispatch('backups/list', {}, ctx)) as { file: string }[];
  assert.equal(list[0]!.file, b.file);
  await assert.rejects(dispatch('backups/restore', { file: b.file }, ctx), (e: unknown) => e instanceof EmbedOpsError && e.code === 'usage');
  await assert.rejects(dispatch('backups/create', {}, { ...ctx, readOnly: true }), (e: unknown) => e instanceof EmbedOpsError && e.code === 'read_only');
  const restored = (await dispatch('backups/restore', { file: b.file, confirm: true }, ctx)) as { collections: { vectors: number }[]; previous: { collections: { vectors: number }[] } };
  assert.equal(restored.collections[0]!.vectors, 0);
  assert.ok(restored.previous.collections[0]!.vectors > 0);
  // The same engine object now reads the restored file.
  assert.equal(engine.db.prepare('SELECT count(*) FROM vec_c1_rowids').pluck().get(), 0);
  const status = (await dispatch('status/get', {}, ctx)) as { collections: { counts: { vectors: number } }[] };
  assert.equal(status.collections[0]!.counts.vectors, 0);
  r = await cli(['history', '--json'], ws.env);
  assert.equal(r.json.runs[0].kind, 'restore');
});
