import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { vectorProblem } from '../jobs/batch-writer';
import { verifyCollection } from '../services/verify';
import { cli, engineFor, tempDir, workspace, writeCorpus } from '../testing/harness';
import { insertCollection } from './collections';
import { openDatabase, type Db } from './db';
import { readStorage, toBlob, VectorTable } from './vectors';

const DIM = 5; // not a multiple of four: the four-lane sum's tail is exercised too

function vector(i: number): Float32Array {
  return new Float32Array(Array.from({ length: DIM }, (_, j) => Math.sin(i * 7 + j) + 0.01));
}

/** Ground truth: every row read through the vec0 table and judged by the batch writer's rule. */
function rowScan(t: VectorTable): { live: number; bad: number[] } {
  const bad: number[] = [];
  let live = 0;
  for (const { chunkId, vector: v } of t.scan()) {
    live++;
    if (vectorProblem(v, DIM) !== null) bad.push(chunkId);
  }
  return { live, bad: bad.sort((a, b) => a - b) };
}

function collection(db: Db) {
  return insertCollection(db, { name: 'c', modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: DIM, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
}

test("reading sqlite-vec's storage in bulk finds what a row-by-row read finds (guards sqlite-vec 0.1.9's chunk layout)", () => {
  const db = openDatabase(join(tempDir(), 'a.sqlite'));
  try {
    const c = collection(db);
    const t = new VectorTable(db, c.vecTable);
    // More than one storage chunk (1,024 slots each), holes from deletes, a replaced vector.
    db.transaction(() => {
      for (let i = 1; i <= 2500; i++) t.put(i, vector(i));
      for (let i = 5; i <= 2500; i += 7) t.delete(i);
      t.put(3, vector(99));
    })();
    // Corrupted from outside EmbedOps: vec0 accepts an UPDATE to NaN, and a zero vector.
    db.prepare(`UPDATE ${c.vecTable} SET embedding = ? WHERE rowid = 1500`).run(toBlob(new Float32Array([1, NaN, 0, 0, 0])));
    db.prepare(`UPDATE ${c.vecTable} SET embedding = ? WHERE rowid = 2`).run(toBlob(new Float32Array(DIM)));
    db.prepare(`INSERT INTO ${c.vecTable} (rowid, embedding) VALUES (9001, ?)`).run(toBlob(new Float32Array([0, 0, Infinity, 0, 0])));
    // Huge but finite: its square overflows in the fast sum, the exact rule clears it.
    db.prepare(`INSERT INTO ${c.vecTable} (rowid, embedding) VALUES (9002, ?)`).run(toBlob(new Float32Array([3e38, 3e38, 0, 0, 0])));

    const storage = readStorage(db, c.vecTable, DIM, vectorProblem);
    assert.ok(storage, 'the layout was recognised');
    const rows = rowScan(t);
    assert.deepEqual({ live: storage.live, bad: [...storage.bad].sort((a, b) => a - b) }, rows);
    assert.deepEqual(rows.bad, [2, 1500, 9001]);
    assert.equal(storage.live, db.prepare(`SELECT count(*) FROM ${c.vecTable}_rowids`).pluck().get());
    assert.deepEqual(t.checkVectors(DIM, vectorProblem), { method: 'storage', ...storage });
  } finally {
    db.close();
  }
});

test('a vec0 table whose storage layout is not the known one is checked row by row instead', () => {
  const db = openDatabase(join(tempDir(), 'a.sqlite'));
  try {
    // A second vector column adds <t>_vector_chunks01: not a layout readStorage knows.
    db.exec(`CREATE VIRTUAL TABLE vec_c77 USING vec0(embedding float[${DIM}] distance_metric=cosine, other float[2])`);
    db.prepare(`INSERT INTO vec_c77 (rowid, embedding, other) VALUES (1, ?, ?), (2, ?, ?)`).run(toBlob(vector(1)), toBlob(new Float32Array(2)), toBlob(new Float32Array(DIM)), toBlob(new Float32Array(2)));
    assert.equal(readStorage(db, 'vec_c77', DIM, vectorProblem), null);
    assert.deepEqual(new VectorTable(db, 'vec_c77').checkVectors(DIM, vectorProblem), { method: 'rows', live: 2, bad: [2] });
  } finally {
    db.close();
  }
});

test('verify reports a vector corrupted by another tool after the backfill, and its counts agree with the old per-row SQL', async () => {
  const ws = workspace();
  await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '0'], ws.env);
  await cli(['import', 'c', writeCorpus(join(ws.dir, 'docs.jsonl'), 30)], ws.env);
  const backfill = await cli(['backfill', 'c', '--mode', 'missing'], ws.env);
  assert.equal(backfill.code, 0, backfill.stderr);
  const engine = engineFor(ws);
  {
    const before = await verifyCollection(engine, 'c');
    assert.equal(before.status, 'PASS', JSON.stringify(before.discrepancies));
    const db = engine.db;
    const ids = db.prepare('SELECT id FROM document_chunks ORDER BY id').pluck().all() as number[];
    const nan = new Float32Array(16).fill(0.1);
    nan[3] = NaN;
    db.prepare('UPDATE vec_c1 SET embedding = ? WHERE rowid = ?').run(toBlob(nan), BigInt(ids[4]!));
    // One chunk loses its vector, one vector loses its chunk (deleted behind EmbedOps's back).
    db.prepare('DELETE FROM vec_c1 WHERE rowid = ?').run(BigInt(ids[0]!));
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM document_chunks WHERE id = ?').run(ids[1]!);
    db.pragma('foreign_keys = ON');
    const r = await verifyCollection(engine, 'c');
    assert.equal(r.status, 'FAIL');
    assert.equal(r.badVectors, 1);
    assert.deepEqual(r.discrepancies.find((d) => d.kind === 'bad-vector')?.sampleChunkIds, [ids[4]]);
    assert.equal(r.missing, 1);
    assert.equal(r.orphaned, 1);
    assert.deepEqual(r.discrepancies.find((d) => d.kind === 'orphaned')?.sampleChunkIds, [ids[1]]);
    assert.equal(r.discrepancies.find((d) => d.kind === 'count-mismatch'), undefined);
    // The earlier statements (correlated NOT EXISTS per row) count the same.
    const one = (sql: string) => db.prepare(sql).pluck().get();
    assert.equal(one('SELECT count(*) FROM document_chunks c WHERE c.collection_id = 1 AND NOT EXISTS (SELECT 1 FROM vec_c1_rowids r WHERE r.rowid = c.id)'), r.missing);
    assert.equal(one('SELECT count(*) FROM vec_c1_rowids r WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.id = r.rowid AND c.collection_id = 1)'), r.orphaned);
    assert.match(r.counts.find((x) => x.name === 'badVectors')!.sql, /vec_c1_vector_chunks00/);
  }
});
