import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../testing/harness';
import { insertCollection } from './collections';
import { openDatabase } from './db';
import { activeWriter, createRun, getRun, markInterruptedRuns } from './runs';

function setup() {
  const db = openDatabase(join(tempDir(), 'r.sqlite'));
  const c = insertCollection(db, { name: 'c', modelId: 'm', modelFingerprint: 'sha256:x', modelDtype: 'fp32', dimension: 4, chunkSize: 10, chunkOverlap: 0, chunkerVersion: 1 });
  return { db, c };
}

test('a run whose process is gone, or whose heartbeat stopped long ago, becomes interrupted; a live one does not', () => {
  const { db, c } = setup();
  const live = createRun(db, { kind: 'backfill', collectionId: c.id, collectionName: 'c', settings: {}, command: 'x' });
  assert.deepEqual(markInterruptedRuns(db), []);
  assert.equal(activeWriter(db, c.id)?.id, live);

  // The pid exists (it is ours) but the heartbeat is an hour old: a reused pid or a hung owner.
  db.prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ?`).run(new Date(Date.now() - 3600_000).toISOString(), live);
  assert.deepEqual(markInterruptedRuns(db), [live]);
  assert.equal(getRun(db, live).status, 'interrupted');

  const dead = createRun(db, { kind: 'backfill', collectionId: c.id, collectionName: 'c', settings: {}, command: 'x' });
  db.prepare('UPDATE runs SET owner_pid = 999999999 WHERE id = ?').run(dead);
  assert.deepEqual(markInterruptedRuns(db), [dead]);
  assert.equal(activeWriter(db, c.id), null, 'the writer slot is free again');
  db.close();
});
