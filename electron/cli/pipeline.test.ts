import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, workspace, writeCorpus, CORPUS_WORDS } from '../testing/harness';

// The whole procedure through the real CLI: import → plan → backfill → verify → spot-check → history.
test('import, plan, backfill, verify PASS, spot-check with citations, history — and every re-run is idempotent', async () => {
  const ws = workspace(64);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 60);
  const docs = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; title: string; text: string });

  let r = await cli(['collections', 'create', 'tenant_1', '--model', 'test-model', '--chunk-size', '40', '--chunk-overlap', '8', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.collection.settings.dimension, 64, 'dimension probed from the model');

  r = await cli(['import', 'tenant_1', corpus, '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.documents.added, 60);
  const chunks = r.json.chunks.added as number;
  assert.ok(chunks > 60, 'documents of 120 words make several 40-token chunks');

  r = await cli(['plan', 'tenant_1', '--mode', 'missing', '--batch-size', '16', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json.toEmbed, chunks);
  assert.equal(r.json.ready, true);
  assert.ok(r.json.checks.every((c: { ok: boolean }) => c.ok));
  assert.ok(r.json.chunksPerSecond > 0);

  r = await cli(['backfill', 'tenant_1', '--mode', 'missing', '--batch-size', '16', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.run.status, 'completed');
  assert.equal(r.json.run.embedded, chunks);
  assert.match(r.stderr, /100%/, 'progress is reported on stderr');

  r = await cli(['verify', 'tenant_1', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json.status, 'PASS');
  assert.equal(r.json.documents, 60);
  assert.equal(r.json.chunks, chunks);
  assert.equal(r.json.vectors, chunks);
  for (const k of ['missing', 'stale', 'orphaned']) assert.equal(r.json[k], 0, k);

  const query = docs[7]!.text.split(' ').slice(0, 30).join(' ');
  r = await cli(['spotcheck', 'tenant_1', query, 'heat transfer boundary layer', '-k', '3', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.results.length, 2);
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const { hits } of r.json.results) {
    assert.equal(hits.length, 3);
    for (const h of hits) {
      const text = byId.get(h.document.id)!.text;
      assert.ok(h.start >= 0 && h.end <= text.length && h.start < h.end);
      assert.ok(text.slice(h.start, h.end).includes(h.snippet), 'the snippet lies between start and end');
      assert.ok(h.score <= 1.0001);
    }
  }
  assert.equal(r.json.results[0].hits[0].document.id, docs[7]!.id, 'a passage quoted verbatim finds its own document first');

  // Re-running is idempotent: nothing to embed, nothing re-imported.
  r = await cli(['backfill', 'tenant_1', '--mode', 'missing', '--json'], ws.env);
  assert.equal(r.json.run.total, 0);
  r = await cli(['import', 'tenant_1', corpus, '--json'], ws.env);
  assert.equal(r.json.documents.unchanged, 60);
  assert.equal(r.json.documents.added + r.json.documents.updated, 0);

  r = await cli(['history', 'tenant_1', '--json'], ws.env);
  const runs = r.json.runs as { id: number; kind: string; status: string; command: string }[];
  assert.deepEqual(runs.map((x) => x.id), [...runs.map((x) => x.id)].sort((a, b) => b - a), 'newest first');
  assert.ok(runs.some((x) => x.kind === 'backfill' && x.command.startsWith('embedops backfill tenant_1 --mode missing --batch-size 16')));
  r = await cli(['history', '--markdown'], ws.env);
  assert.match(r.stdout, /^# EmbedOps run history/);
  assert.match(r.stdout, /```sh\n {2}embedops backfill tenant_1/);
});

test('a changed document makes exactly its changed chunks stale; stale mode makes the collection current again', async () => {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 10);
  await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '40', '--chunk-overlap', '0'], ws.env);
  await cli(['import', 'c', corpus], ws.env);
  await cli(['backfill', 'c', '--mode', 'missing'], ws.env);

  const lines = readFileSync(corpus, 'utf8').trim().split('\n');
  const doc = JSON.parse(lines[3]!) as { id: string; title: string; text: string };
  // Change the last words only: the first chunks keep their text, the last one changes.
  doc.text = doc.text.split(' ').slice(0, -3).concat(['vibration', 'vibration', 'vibration']).join(' ');
  lines[3] = JSON.stringify(doc);
  writeFileSync(corpus, lines.join('\n') + '\n');

  let r = await cli(['import', 'c', corpus, '--json'], ws.env);
  assert.equal(r.json.documents.updated, 1);
  assert.equal(r.json.documents.unchanged, 9);
  r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.code, 1, 'FAIL exits 1');
  assert.equal(r.json.status, 'FAIL');
  assert.equal(r.json.stale, 1);
  assert.equal(r.json.missing, 0);
  const stale = r.json.discrepancies.find((d: { kind: string }) => d.kind === 'stale');
  assert.match(stale.explanation, /--mode stale/);

  r = await cli(['plan', 'c', '--mode', 'stale', '--json'], ws.env);
  assert.equal(r.json.toEmbed, 1);
  r = await cli(['backfill', 'c', '--mode', 'stale', '--json'], ws.env);
  assert.equal(r.json.run.embedded, 1);
  r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.json.status, 'PASS');
});

test('rebuild re-embeds every chunk once; vectors stay one per chunk', async () => {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 12);
  await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '40'], ws.env);
  await cli(['import', 'c', corpus], ws.env);
  await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  const r = await cli(['backfill', 'c', '--mode', 'rebuild', '--batch-size', '7', '--json'], ws.env);
  const db = new Database(ws.db, { readonly: true });
  try {
    const chunks = db.prepare('SELECT count(*) FROM document_chunks').pluck().get() as number;
    assert.equal(r.json.run.embedded, chunks);
    assert.equal(db.prepare('SELECT count(*) FROM vec_c1_rowids').pluck().get(), chunks);
    assert.equal(db.prepare('SELECT count(*) FROM document_embeddings WHERE run_id = ?').pluck().get(r.json.run.id), chunks);
  } finally {
    db.close();
  }
  assert.ok(CORPUS_WORDS.length > 10);
});
