import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { vectorProblem } from '../jobs/batch-writer';
import { insertCollection } from '../store/collections';
import { openDatabase } from '../store/db';
import { toBlob, VectorTable } from '../store/vectors';
import { tempDir } from '../testing/harness';
import { scanVectors } from './vector-scan';

const DIM = 6;

test('the parallel vector scan (worker threads, own connections) finds exactly what the one-thread read finds; storage and rowid index agree share by share', async () => {
  const path = join(tempDir(), 'p.sqlite');
  const db = openDatabase(path);
  try {
    const c = insertCollection(db, { name: 'c', modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: DIM, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
    const t = new VectorTable(db, c.vecTable);
    // Five storage chunks of 1,024 slots, with holes: every share of a 2- to 4-way split has work.
    db.transaction(() => {
      for (let i = 1; i <= 5000; i++) t.put(i, new Float32Array(Array.from({ length: DIM }, (_, j) => Math.cos(i + j) + 0.02)));
      for (let i = 10; i <= 5000; i += 13) t.delete(i);
    })();
    db.prepare(`UPDATE ${c.vecTable} SET embedding = ? WHERE rowid = 4321`).run(toBlob(new Float32Array([0, NaN, 0, 0, 0, 1])));
    db.prepare(`UPDATE ${c.vecTable} SET embedding = ? WHERE rowid = 7`).run(toBlob(new Float32Array(DIM)));

    const one = t.checkVectors(DIM, vectorProblem);
    const parallel = await scanVectors(db, path, c, 5000, 0);
    assert.equal(parallel.method, 'parallel-storage');
    assert.deepEqual({ live: parallel.live, bad: parallel.bad }, { live: one.live, bad: [...one.bad].sort((a, b) => a - b) });
    assert.deepEqual(parallel.bad, [7, 4321]);
    assert.equal(parallel.mismatch, 0);
    assert.equal((await scanVectors(db, path, c, 5000)).method, 'storage', 'a small table is read in this thread');
  } finally {
    db.close();
  }
});
