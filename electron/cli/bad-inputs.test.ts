import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildRandomStaticModel, corruptModel, removeModelFile } from '../models/test-models';
import { CLI, cli, testModel, workspace, writeCorpus } from '../testing/harness';
import { makeReadOnly } from '../testing/permissions';

// Each bad input must give one clear error (named problem + fix), the documented exit code, a JSON
// error document under --json, no stack trace — and must lose nothing already stored.

async function ready(docs = 8) {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), docs);
  assert.equal((await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '40'], ws.env)).code, 0);
  assert.equal((await cli(['import', 'c', corpus], ws.env)).code, 0);
  return { ws, corpus };
}

function counts(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => d.prepare(sql).pluck().get() as number;
    return { docs: one('SELECT count(*) FROM documents'), chunks: one('SELECT count(*) FROM document_chunks'), vectors: one('SELECT count(*) FROM vec_c1_rowids') };
  } finally {
    d.close();
  }
}

function noStack(r: { stdout: string; stderr: string }) {
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
}

test('an invalid or unknown collection name: exit 2, the message names it and the fix', async () => {
  const { ws } = await ready(2);
  let r = await cli(['collections', 'create', 'Bad Name!', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, 'usage');
  assert.match(r.json.error.message, /"Bad Name!" is not a valid collection name.*tenant_42/);
  r = await cli(['verify', 'tenant_9', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, 'not_found');
  assert.match(r.json.error.message, /No collection named "tenant_9"\. Known collections: c\./);
  r = await cli(['backfill', 'tenant_9', '--mode', 'missing'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^error: No collection named "tenant_9"/);
  noStack(r);
  r = await cli(['backfill', 'c', '--mode', 'everything', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.json.error.message, /--mode must be one of missing, stale, rebuild/);
  r = await cli(['verify', 'c', '--frobnicate'], ws.env);
  assert.equal(r.code, 2);
  noStack(r);
});

test('model folder missing, incomplete or corrupt: refused before anything is written, naming the folder or file', async () => {
  const ws = workspace();
  let r = await cli(['collections', 'create', 'c', '--model', join(ws.dir, 'no-such-model'), '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.equal(r.json.error.code, 'model');
  assert.match(r.json.error.message, /no-such-model does not exist/);
  r = await cli(['collections', 'create', 'c', '--model', 'no-such-model', '--json'], ws.env);
  assert.match(r.json.error.message, /No model named "no-such-model" in .*EMBEDOPS_MODELS/);

  const incomplete = testModel(join(ws.dir, 'models'), 'incomplete');
  removeModelFile(incomplete, 'onnx/model.onnx');
  r = await cli(['collections', 'create', 'c', '--model', 'incomplete', '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.match(r.json.error.message, /is incomplete: missing onnx\/model\.onnx/);
  const noTokenizer = testModel(join(ws.dir, 'models'), 'no-tokenizer');
  removeModelFile(noTokenizer, 'tokenizer.json');
  r = await cli(['collections', 'create', 'c', '--model', 'no-tokenizer', '--json'], ws.env);
  assert.match(r.json.error.message, /missing tokenizer\.json/);

  const corrupt = testModel(join(ws.dir, 'models'), 'corrupt');
  corruptModel(corrupt);
  r = await cli(['collections', 'create', 'c', '--model', 'corrupt', '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.match(r.json.error.message, /failed to load/);
  noStack(r);
  r = await cli(['collections', 'list', '--json'], ws.env);
  assert.deepEqual(r.json.collections, [], 'no collection was half-created');
});

test('a model whose files change under a collection: backfill is refused and stored vectors are untouched', async () => {
  const { ws } = await ready();
  assert.equal((await cli(['backfill', 'c', '--mode', 'missing'], ws.env)).code, 0);
  const before = counts(ws.db);

  // Same name, other dimension (someone copied another model over the folder).
  rmSync(ws.model, { recursive: true });
  testModel(join(ws.dir, 'models'), 'test-model', 24);
  let r = await cli(['backfill', 'c', '--mode', 'rebuild', '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.equal(r.json.error.code, 'refused');
  assert.match(r.json.error.message, /produces 24-dimensional vectors but collection "c" holds 16-dimensional ones\. Nothing was written\..*collections derive c --model .*swap c --to c@vN/);
  r = await cli(['plan', 'c', '--mode', 'rebuild', '--json'], ws.env);
  assert.equal(r.code, 3, 'a plan with a failed check exits 3');
  assert.equal(r.json.ready, false);
  assert.equal(r.json.checks.find((c: { name: string }) => c.name === 'dimension matches').ok, false);
  assert.deepEqual(counts(ws.db), before);

  // Same dimension, other weights: the fingerprint catches it.
  rmSync(ws.model, { recursive: true });
  mkdirSync(ws.model);
  buildRandomStaticModel(ws.model, { dim: 16, seed: 99, words: ['wing'] });
  r = await cli(['backfill', 'c', '--mode', 'rebuild', '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.match(r.json.error.message, /model files of test-model changed since collection "c" was created/);
  assert.deepEqual(counts(ws.db), before);
  r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.code, 1);
  assert.equal(r.json.status, 'FAIL');
  assert.equal(r.json.stale, before.vectors, 'every vector was made by the old files');
  assert.equal(r.json.vectors, before.vectors, 'none was deleted');
  assert.notEqual(r.json.currentModelFingerprint, r.json.modelFingerprint);
  const changed = r.json.discrepancies.find((d: { kind: string }) => d.kind === 'model-changed');
  assert.match(changed.explanation, /model files of test-model changed since this collection was built.*restore the original model folder/);
});

test('empty, binary and non-UTF-8 files are named and skipped; the rest imports (exit 0); nothing importable is exit 2', async () => {
  const ws = workspace();
  await cli(['collections', 'create', 'c', '--model', 'test-model'], ws.env);
  const dir = join(ws.dir, 'mixed');
  mkdirSync(dir);
  writeFileSync(join(dir, 'good.md'), '# Wing lift\n\nLift rises with the angle of attack until the flow separates.\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'blank.txt'), '  \n\n ');
  writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('caf\xe9 au lait', 'latin1'));
  let r = await cli(['import', 'c', dir, '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json.documents.added, 1);
  const reasons = Object.fromEntries(r.json.skipped.map((s: { path: string; reason: string }) => [s.path.split('/').pop(), s.reason]));
  assert.deepEqual(reasons, { 'blank.txt': 'empty', 'empty.txt': 'empty', 'image.txt': 'binary', 'latin1.txt': 'not-utf8' });
  for (const s of r.json.skipped) assert.match(s.message, /;/, 'each message says what to do');

  rmSync(join(dir, 'good.md'));
  r = await cli(['import', 'c', dir], ws.env);
  assert.equal(r.code, 2, 'nothing could be imported');
  assert.match(r.stdout, /latin1\.txt: not valid UTF-8/);
  assert.equal(counts(ws.db).docs, 1, 'the earlier document is still there');
});

test('a locked database: exit 3 with the fix, and the command works once the lock is gone', async () => {
  const { ws, corpus } = await ready(3);
  const before = counts(ws.db);
  const holder = new Database(ws.db);
  holder.exec('BEGIN IMMEDIATE');
  const env = { ...ws.env, EMBEDOPS_BUSY_TIMEOUT_MS: '300' };
  try {
    const r = await cli(['backfill', 'c', '--mode', 'missing', '--json'], env);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'locked');
    assert.match(r.json.error.message, /locked by another process.*Wait for the other EmbedOps command/);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
  assert.deepEqual(counts(ws.db), before, 'the refused command changed nothing');
  assert.equal((await cli(['backfill', 'c', '--mode', 'missing'], env)).code, 0);
  assert.equal((await cli(['import', 'c', corpus], env)).code, 0);
});

test('a read-only database: writes are refused with exit 3; reading commands still work', async (t) => {
  const { ws } = await ready(3);
  await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  const before = counts(ws.db);
  chmodSync(ws.dir, 0o755);
  chmodSync(join(ws.dir, 'models'), 0o755);
  const ro = makeReadOnly(ws.db, CLI);
  if (typeof ro === 'string') return t.skip(ro);
  const env = { ...ws.env, HOME: ws.dir };
  try {
    let r = await cli(['import', 'c', join(ws.dir, 'docs.jsonl'), '--json'], env, ro.as);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'read_only');
    assert.match(r.json.error.message, /cannot be written.*permissions/);
    r = await cli(['verify', 'c', '--json'], env, ro.as);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.status, 'PASS');
    assert.match(r.stderr, /read-only; this command works but is not recorded/);
  } finally {
    ro.undo();
  }
  assert.deepEqual(counts(ws.db), before);
});

test('a database from a newer build, or not an EmbedOps database, is refused and left unchanged', async () => {
  const ws = workspace();
  await cli(['collections', 'list'], ws.env);
  const db = new Database(ws.db);
  db.pragma('user_version = 99');
  db.close();
  let r = await cli(['status', '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.match(r.json.error.message, /schema version 99, newer than this build understands.*Nothing was changed/);

  const other = join(ws.dir, 'other.sqlite');
  const o = new Database(other);
  o.exec('CREATE TABLE notes (body TEXT)');
  o.close();
  r = await cli(['--db', other, 'status', '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.match(r.json.error.message, /not an EmbedOps one/);
  const check = new Database(other, { readonly: true });
  assert.deepEqual(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), ['notes']);
  check.close();
});

test('verify still counts when the model folder is gone, and says it could not re-check the files', async () => {
  const { ws } = await ready(3);
  await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  rmSync(ws.model, { recursive: true });
  const r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json.status, 'PASS');
  assert.equal(r.json.currentModelFingerprint, null);
  assert.match(r.json.warnings[0], /model folder of test-model was not found/);
});
