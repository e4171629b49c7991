import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, type CliResult, testModel, workspace, writeCorpus } from '../testing/harness';

/**
 * Safe change end to end through the real CLI, on real SQLite files with sqlite-vec and the real
 * embedding worker: derive a new version beside the live one, backfill, verify, compare, swap,
 * swap back, purge. The Cranfield variant at the bottom is the acceptance test.
 */

type Env = NodeJS.ProcessEnv;

async function ok(args: string[], env: Env): Promise<CliResult> {
  const r = await cli([...args, '--json'], env);
  assert.equal(r.code, 0, `embedops ${args.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Raw counts of one collection straight from the file (no engine), for "untouched" checks. */
function rawCounts(dbPath: string, name: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const c = db.prepare('SELECT id, vec_table FROM collections WHERE name = ?').get(name) as { id: number; vec_table: string } | undefined;
    if (!c) return null;
    const one = (sql: string) => db.prepare(sql).pluck().get(c.id) as number;
    return {
      documents: one('SELECT count(*) FROM documents WHERE collection_id = ?'),
      chunks: one('SELECT count(*) FROM document_chunks WHERE collection_id = ?'),
      ledger: one('SELECT count(*) FROM document_embeddings WHERE collection_id = ?'),
      vectors: db.prepare(`SELECT count(*) FROM ${c.vec_table}_rowids`).pluck().get() as number,
      chunkHash: db.prepare("SELECT group_concat(text_hash, '') FROM (SELECT text_hash FROM document_chunks WHERE collection_id = ? ORDER BY id)").pluck().get(c.id) as string,
    };
  } finally {
    db.close();
  }
}

async function liveCollection(docs: number, env: Env, corpus: string, chunkSize = 20): Promise<void> {
  await ok(['collections', 'create', 'docs', '--model', 'test-model', '--chunk-size', String(chunkSize), '--chunk-overlap', '0'], env);
  await ok(['import', 'docs', corpus], env);
  await ok(['backfill', 'docs', '--mode', 'missing'], env);
}

test('derive → backfill → verify → swap by alias, swap back, purge; the old collection is untouched until purged', async () => {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 30);
  await liveCollection(30, ws.env, corpus);
  await ok(['queries', 'set', 'docs', 'alpha beta', 'gamma delta', 'epsilon'], ws.env);
  const before = rawCounts(ws.db, 'docs')!;

  // Derive: the plain collection becomes docs@v1 behind the alias docs; docs@v2 is built beside it.
  let r = await ok(['collections', 'derive', 'docs', '--chunk-size', '40'], ws.env);
  assert.deepEqual(r.json.renamed, { from: 'docs', to: 'docs@v1' });
  assert.equal(r.json.collection.settings.name, 'docs@v2');
  assert.equal(r.json.collection.settings.state, 'building');
  assert.equal(r.json.collection.settings.chunkSize, 40);
  assert.equal(r.json.documents, 30);
  assert.deepEqual({ ...rawCounts(ws.db, 'docs@v1')! }, before, 'the live collection is untouched by the derive');

  // Readers still get v1 through the alias.
  r = await ok(['spotcheck', 'docs', 'alpha beta'], ws.env);
  assert.equal(r.json.collection, 'docs@v1');

  // The swap gate refuses a candidate that does not verify, and changes nothing.
  r = await cli(['swap', 'docs', '--to', 'docs@v2', '--json'], ws.env);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.equal(r.json.swapped, false);
  assert.equal(r.json.gate.verify.status, 'FAIL');
  assert.match(r.json.refused.join(' '), /backfill docs@v2/);
  r = await ok(['aliases'], ws.env);
  assert.equal(r.json.aliases[0].target, 'docs@v1');

  // A backfill of the candidate runs while the alias still serves v1.
  await ok(['backfill', 'docs@v2', '--mode', 'missing'], ws.env);
  r = await ok(['spotcheck', 'docs', 'alpha beta'], ws.env);
  assert.equal(r.json.collection, 'docs@v1');

  // Dry run shows the side-by-side comparison on the saved queries, and changes nothing.
  r = await ok(['swap', 'docs', '--to', 'docs@v2', '--dry-run'], ws.env);
  assert.equal(r.json.gate.ok, true);
  assert.equal(r.json.gate.comparison.source, 'saved');
  assert.deepEqual(r.json.gate.comparison.queries.map((q: { query: string }) => q.query), ['alpha beta', 'gamma delta', 'epsilon']);
  r = await cli(['swap', 'docs', '--to', 'docs@v2', '--dry-run'], ws.env);
  assert.match(r.stdout, /Spot-check side by side: docs@v1 \(live\) → docs@v2 \(candidate\)/);
  assert.match(r.stdout, /Dry run: nothing changed/);

  // The swap: one step; readers get v2 only.
  r = await ok(['swap', 'docs', '--to', 'docs@v2'], ws.env);
  assert.equal(r.json.swapped, true);
  assert.equal(r.json.forced, false);
  const swapRun = r.json.runId;
  r = await ok(['spotcheck', 'docs', 'alpha beta', 'gamma delta', '-k', '10'], ws.env);
  assert.equal(r.json.collection, 'docs@v2');
  const db = new Database(ws.db, { readonly: true });
  const v2 = db.prepare("SELECT id FROM collections WHERE name = 'docs@v2'").pluck().get() as number;
  const chunkCollections = new Set(
    r.json.results.flatMap((q: { hits: { chunkId: number }[] }) => q.hits.map((h) => db.prepare('SELECT collection_id FROM document_chunks WHERE id = ?').pluck().get(h.chunkId))),
  );
  assert.deepEqual([...chunkCollections], [v2], 'every cited chunk belongs to docs@v2');
  const states = Object.fromEntries(db.prepare('SELECT name, state FROM collections').all().map((x) => [(x as { name: string }).name, (x as { state: string }).state]));
  assert.deepEqual(states, { 'docs@v1': 'retired', 'docs@v2': 'active' });
  const stored = JSON.parse(db.prepare('SELECT result FROM runs WHERE id = ?').pluck().get(swapRun) as string);
  db.close();
  assert.equal(stored.gate.comparison.queries.length, 3, 'the comparison is kept with the swap in history');
  assert.deepEqual({ ...rawCounts(ws.db, 'docs@v1')! }, before, 'the retired collection is untouched');

  // History of the alias tells the whole story, with exact settings.
  r = await ok(['history', 'docs', '--markdown'], ws.env);
  for (const kind of ['derive', 'swap', 'backfill', 'import']) assert.match(r.json.markdown, new RegExp(`## #\\d+ ${kind} `), kind);
  assert.match(r.json.markdown, /docs: docs@v1 → docs@v2 · verify PASS · spot-check overlap \d+ % over 3 queries/);
  assert.match(r.json.markdown, /"chunkSize":40/);

  // Purge refuses the live collection; swap back works and is never gated.
  r = await cli(['collections', 'purge', 'docs@v2', '--yes', '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.match(r.json.error.message, /alias docs serves it/);
  r = await ok(['swap', 'docs', '--back'], ws.env);
  assert.equal(r.json.to, 'docs@v1');
  r = await ok(['spotcheck', 'docs', 'alpha beta'], ws.env);
  assert.equal(r.json.collection, 'docs@v1');
  await ok(['swap', 'docs', '--to', 'docs@v2'], ws.env);

  // Purge the retired one: backed up first, then gone; the live one and the alias are fine.
  const v2Counts = rawCounts(ws.db, 'docs@v2');
  r = await ok(['collections', 'purge', 'docs@v1', '--yes'], ws.env);
  assert.ok(existsSync(r.json.backup), 'a backup was taken before the purge');
  assert.equal(r.json.counts.documents, 30);
  assert.equal(rawCounts(ws.db, 'docs@v1'), null);
  assert.deepEqual(rawCounts(ws.db, 'docs@v2'), v2Counts);
  const check = new Database(ws.db, { readonly: true });
  assert.equal(check.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'vec_c1%' OR name LIKE 'fts_c1%' OR name LIKE 'chunk_fts_1%'").pluck().get(), 0, 'its vector table and keyword index are dropped');
  check.close();
  r = await ok(['aliases'], ws.env);
  assert.deepEqual(r.json.aliases.map((a: { name: string; target: string; previous: string | null }) => [a.name, a.target, a.previous]), [['docs', 'docs@v2', null]]);
  r = await cli(['swap', 'docs', '--back', '--json'], ws.env);
  assert.equal(r.code, 3, 'no way back once the previous version is purged');
  r = await ok(['history', 'docs', '--markdown'], ws.env);
  assert.match(r.json.markdown, /## #\d+ purge · docs@v1 · completed/);
  assert.match(r.json.markdown, /## #\d+ backup · \* · completed/);
  await ok(['verify', 'docs'], ws.env);
});

test('in-place model or chunking changes are refused with the derive-and-swap way; a forced swap is recorded', async () => {
  const ws = workspace();
  testModel(join(ws.dir, 'models'), 'other-model', 16);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 12);
  await liveCollection(12, ws.env, corpus);
  const before = rawCounts(ws.db, 'docs');

  for (const args of [
    ['collections', 'create', 'docs', '--model', 'other-model'],
    ['backfill', 'docs', '--mode', 'rebuild', '--model', 'other-model'],
    ['backfill', 'docs', '--mode', 'missing', '--chunk-size', '99'],
    ['import', 'docs', corpus, '--chunk-overlap', '3'],
    ['plan', 'docs', '--mode', 'missing', '--dtype', 'q8'],
  ]) {
    const r = await cli([...args, '--json'], ws.env);
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.json.error.message, /in place is refused/);
    assert.match(r.json.error.message, /embedops collections derive docs/);
    assert.match(r.json.error.message, /embedops swap docs/);
  }
  assert.deepEqual(rawCounts(ws.db, 'docs'), before, 'nothing changed');
  // The same settings spelled out are fine.
  await ok(['backfill', 'docs', '--mode', 'missing', '--chunk-size', '20'], ws.env);

  // Derive with nothing to change is a usage error that names the flags.
  let r = await cli(['collections', 'derive', 'docs', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.json.error.message, /Nothing would change/);

  // A model change: new dimension is fine, since it is a new collection.
  r = await ok(['collections', 'derive', 'docs', '--model', 'other-model'], ws.env);
  assert.equal(r.json.collection.settings.modelId.endsWith('other-model'), true);
  // Forcing past a failing gate works, is marked, and history keeps what was overridden.
  r = await ok(['swap', 'docs', '--to', 'docs@v2', '--force'], ws.env);
  assert.equal(r.json.forced, true);
  r = await ok(['history', 'docs', '--markdown'], ws.env);
  assert.match(r.json.markdown, /FORCED past failing checks/);
  assert.match(r.json.markdown, /embedops swap docs --to docs@v2 --force/);
  r = await ok(['history', 'docs'], ws.env);
  const swap = r.json.runs.find((x: { kind: string }) => x.kind === 'swap');
  assert.match(JSON.stringify(swap.result.gate.reasons), /does not verify/);
});

const CRANFIELD = join(__dirname, '..', '..', '..', '..', 'shared', 'datasets', 'cranfield', 'docs.jsonl');

test('Cranfield slice: change the chunk size by derive → backfill → verify PASS → swap; spot-checks by alias cite the new collection only', async (t) => {
  if (!existsSync(CRANFIELD)) return t.skip(`${CRANFIELD} is absent (it exists beside the repository on the build machines); skipped`);
  const ws = workspace();
  const slice = join(ws.dir, 'cranfield-200.jsonl');
  writeFileSync(slice, readFileSync(CRANFIELD, 'utf8').split('\n').filter(Boolean).slice(0, 200).join('\n') + '\n');
  // The built-in model knows English, so the comparison means something.
  await ok(['collections', 'create', 'cran', '--chunk-size', '200'], ws.env);
  await ok(['import', 'cran', slice], ws.env);
  await ok(['backfill', 'cran', '--mode', 'missing'], ws.env);
  await ok(['queries', 'set', 'cran', 'boundary layer transition', 'heat transfer in hypersonic flow', 'buckling of cylindrical shells'], ws.env);
  const v1 = rawCounts(ws.db, 'cran')!;

  let r = await ok(['collections', 'derive', 'cran', '--chunk-size', '64', '--chunk-overlap', '8'], ws.env);
  const v2 = r.json.collection.settings.name;
  assert.equal(v2, 'cran@v2');
  assert.ok(r.json.chunks > v1.chunks, `smaller chunks, more of them: ${r.json.chunks} > ${v1.chunks}`);
  await ok(['backfill', v2, '--mode', 'missing'], ws.env);
  r = await ok(['verify', v2], ws.env);
  assert.equal(r.json.status, 'PASS');
  r = await ok(['swap', 'cran', '--to', v2], ws.env);
  assert.equal(r.json.gate.comparison.queries.length, 3);
  assert.ok(r.json.gate.comparison.meanOverlap > 0, 'the same model on re-chunked text finds some of the same documents');

  r = await ok(['spotcheck', 'cran', 'boundary layer transition', 'heat transfer in hypersonic flow', '-k', '10'], ws.env);
  assert.equal(r.json.collection, v2);
  const db = new Database(ws.db, { readonly: true });
  const size = db.prepare("SELECT chunk_size FROM collections c JOIN aliases a ON a.collection_id = c.id WHERE a.name = 'cran'").pluck().get();
  for (const q of r.json.results) for (const h of q.hits) assert.ok(db.prepare("SELECT 1 FROM document_chunks c JOIN collections k ON k.id = c.collection_id WHERE c.id = ? AND k.name = 'cran@v2'").get(h.chunkId), 'cited chunk is in cran@v2');
  db.close();
  assert.equal(size, 64);
  assert.deepEqual(rawCounts(ws.db, 'cran@v1'), v1, 'the old collection is untouched until purged');

  r = await ok(['swap', 'cran', '--back'], ws.env);
  r = await ok(['spotcheck', 'cran', 'boundary layer transition'], ws.env);
  assert.equal(r.json.collection, 'cran@v1');
  assert.deepEqual(rawCounts(ws.db, 'cran@v1'), v1);
});
