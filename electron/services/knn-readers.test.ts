import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine } from '../engine';
import { insertCollection } from '../store/collections';
import { type Neighbour, VECTOR_PARTITIONS, VectorTable } from '../store/vectors';
import { tempDir } from '../testing/harness';
import { createBackup, restoreBackup } from './backups';
import { nearest, readersOf } from './knn-readers';

const DIM = 8;

function vector(i: number): Float32Array {
  return new Float32Array(Array.from({ length: DIM }, (_, j) => Math.sin(i * 3.7 + j * 1.3) + 0.05));
}

function collection(engine: ReturnType<typeof openEngine>, name = 'c') {
  return insertCollection(engine.db, { name, modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: DIM, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
}

function cosineDistance(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return 1 - ab / Math.sqrt(aa * bb);
}

const rounded = (hits: Neighbour[]) => hits.map((h) => ({ chunkId: h.chunkId, distance: Number(h.distance.toFixed(6)) }));

test('the reader threads search the partitions side by side and return exactly the one-query answer', async () => {
  const engine = openEngine({ dbPath: join(tempDir(), 'k.sqlite') });
  try {
    const c = collection(engine);
    const t = new VectorTable(engine.db, c.vecTable);
    assert.equal(t.partitions, VECTOR_PARTITIONS, 'new tables are partitioned');
    engine.db.transaction(() => {
      for (let i = 1; i <= 3000; i++) t.put(i, vector(i));
      for (let i = 3; i <= 3000; i += 11) t.delete(i);
      t.put(42, vector(9999)); // replaced: stays in its partition
    })();
    for (const seed of [1, 500, 2999, 123456]) {
      const q = vector(seed);
      for (const k of [1, 10, 50]) {
        const whole = t.knn(q, k);
        const parallel = await nearest(engine, t, q, k, 0);
        assert.equal(parallel.length, k);
        assert.deepEqual(rounded(parallel), rounded(whole), `seed ${seed}, k ${k}`);
      }
    }
    assert.equal(readersOf(engine)!.searches, 12, 'the threads answered, not the fallback');
    // Stored at unit length, searched by L2, reported as cosine distance: the same as computing it.
    assert.equal(t.metric, 'l2');
    for (const hit of t.knn(vector(5), 5)) {
      const stored = vector(hit.chunkId === 42 ? 9999 : hit.chunkId);
      assert.ok(Math.abs(hit.distance - cosineDistance(vector(5), stored)) < 1e-6, `chunk ${hit.chunkId}: ${hit.distance}`);
    }
    // A partition search sees only its own share.
    const part1 = t.knn(vector(1), 20, 1);
    assert.ok(part1.every((h) => h.chunkId % VECTOR_PARTITIONS === 1));
  } finally {
    engine.close();
  }
});

test('a table made before partitioning keeps working: written and searched whole on the main connection', async () => {
  const engine = openEngine({ dbPath: join(tempDir(), 'old.sqlite') });
  try {
    const c = collection(engine);
    engine.db.exec(`DROP TABLE ${c.vecTable}`);
    engine.db.exec(`CREATE VIRTUAL TABLE ${c.vecTable} USING vec0(embedding float[${DIM}] distance_metric=cosine)`);
    const t = new VectorTable(engine.db, c.vecTable);
    assert.equal(t.partitions, 1);
    engine.db.transaction(() => {
      for (let i = 1; i <= 200; i++) t.put(i, vector(i));
    })();
    assert.deepEqual(rounded(await nearest(engine, t, vector(7), 5, 0)), rounded(t.knn(vector(7), 5)));
    assert.equal((await nearest(engine, t, vector(7), 1, 0))[0]!.chunkId, 7);
  } finally {
    engine.close();
  }
});

test('after a restore the readers search the restored file, not the replaced one', async () => {
  const dir = tempDir();
  const engine = openEngine({ dbPath: join(dir, 'r.sqlite') });
  try {
    const c = collection(engine);
    const put = (from: number, to: number) =>
      engine.db.transaction(() => {
        const t = new VectorTable(engine.db, c.vecTable);
        for (let i = from; i <= to; i++) t.put(i, vector(i));
      })();
    put(1, 100);
    const backup = await createBackup(engine, { to: join(dir, 'before.sqlite') });
    put(101, 200);
    const q = vector(150);
    assert.equal((await nearest(engine, new VectorTable(engine.db, c.vecTable), q, 1, 0))[0]!.chunkId, 150);
    const before = readersOf(engine)!;
    assert.equal(before.searches, 1);
    await restoreBackup(engine, backup.file);
    const after = await nearest(engine, new VectorTable(engine.db, c.vecTable), q, 5, 0);
    assert.ok(after.every((h) => h.chunkId <= 100), `only vectors of the backup: ${after.map((h) => h.chunkId)}`);
    assert.notEqual(readersOf(engine), before, 'new readers on the restored file');
    assert.equal(readersOf(engine)!.searches, 1);
  } finally {
    engine.close();
  }
});

test('when the reader threads cannot open the database, the search falls back to the main connection: same answer', async () => {
  const path = join(tempDir(), 'gone.sqlite');
  const engine = openEngine({ dbPath: path });
  try {
    const c = collection(engine);
    const t = new VectorTable(engine.db, c.vecTable);
    engine.db.transaction(() => {
      for (let i = 1; i <= 300; i++) t.put(i, vector(i));
    })();
    const expected = rounded(t.knn(vector(9), 5));
    // The main connection keeps the unlinked file open; a new connection finds nothing there.
    rmSync(path);
    assert.deepEqual(rounded(await nearest(engine, t, vector(9), 5, 0)), expected);
    assert.equal(readersOf(engine), null, 'the broken readers are not used again');
    assert.deepEqual(rounded(await nearest(engine, t, vector(9), 5, 0)), expected);
  } finally {
    engine.close();
  }
});

test('a process that searched through the readers exits by itself (idle reader threads do not hold it open)', () => {
  const path = join(tempDir(), 'exit.sqlite');
  const script = `
    const { openEngine } = require('./electron/engine');
    const { insertCollection } = require('./electron/store/collections');
    const { VectorTable } = require('./electron/store/vectors');
    const { nearest } = require('./electron/services/knn-readers');
    const engine = openEngine({ dbPath: ${JSON.stringify(path)} });
    const c = insertCollection(engine.db, { name: 'c', modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: 4, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
    const t = new VectorTable(engine.db, c.vecTable);
    for (let i = 1; i <= 50; i++) t.put(i, new Float32Array([i, 1, 2, 3]));
    nearest(engine, t, new Float32Array([5, 1, 2, 3]), 3, 0).then((hits) => console.log(JSON.stringify(hits.map((h) => h.chunkId))));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.signal, null, `the process had to be killed: ${r.stderr}`);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, 3);
});
