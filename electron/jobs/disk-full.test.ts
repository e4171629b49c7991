import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { openEngine } from '../engine';
import { verifyCollection } from '../services/verify';
import { getRun, listRuns } from '../store/runs';
import { cli, workspace, writeCorpus } from '../testing/harness';
import { resumeBackfill, startBackfill } from './backfill';

// A full disk is simulated with SQLite's own limit on the file's size (max_page_count): the write
// fails with SQLITE_FULL exactly as it would on a full volume. The first batch allocates a vec0
// storage chunk (1,024 slots × 64-d, 64 pages) in each of the 4 partitions; the limit leaves room
// for those and about half of the ledger's and index's growth for the 2,400 chunks, so the run
// fails part-way.
test('a full disk fails the run with a clear error, keeps every committed batch, and resume finishes the job', async () => {
  const ws = workspace(64);
  await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '0'], ws.env);
  await cli(['import', 'c', writeCorpus(join(ws.dir, 'docs.jsonl'), 300)], ws.env);

  const engine = openEngine({ dbPath: ws.db, env: ws.env });
  try {
    const pages = engine.db.pragma('page_count', { simple: true }) as number;
    engine.db.pragma(`max_page_count = ${pages + 330}`);
    await assert.rejects(
      startBackfill(engine, 'c', { mode: 'missing', batchSize: 8 }),
      (err: unknown) => err instanceof EmbedOpsError && err.code === 'disk_full' && /is full.*Free some space.*continues where it stopped/.test(err.message),
    );
    const run = listRuns(engine.db, { kinds: ['backfill'] })[0]!;
    assert.equal(run.status, 'failed');
    assert.match(run.error ?? '', /full/);
    assert.ok(run.embedded > 0, 'batches before the failure were committed');
    const vectors = engine.db.prepare('SELECT count(*) FROM vec_c1_rowids').pluck().get();
    const ledger = engine.db.prepare('SELECT count(*) FROM document_embeddings').pluck().get();
    assert.equal(vectors, run.embedded, 'the failed batch left nothing behind');
    assert.equal(ledger, run.embedded);

    engine.db.pragma('max_page_count = 1073741823');
    const resumed = await resumeBackfill(engine, run.id, {});
    assert.equal(resumed.status, 'completed');
    assert.equal(getRun(engine.db, run.id).embedded, engine.db.prepare('SELECT count(*) FROM document_chunks').pluck().get());
    assert.equal((await verifyCollection(engine, 'c')).status, 'PASS');
    assert.equal(engine.db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    engine.close();
  }
});
