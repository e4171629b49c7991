import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cli, collect, startCli, workspace, writeCorpus } from '../testing/harness';

type Ws = ReturnType<typeof workspace>;

/** A collection of ~6,400 small chunks: with batches of 4 the run lasts a few seconds, long enough to interrupt. */
async function bigCollection(): Promise<Ws> {
  const ws = workspace();
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 800);
  let r = await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '0'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  r = await cli(['import', 'c', corpus], ws.env);
  assert.equal(r.code, 0, r.stderr);
  return ws;
}

/** Polls the database (WAL lets us read while the child writes) until the run has done `atLeast` chunks. */
async function waitForProgress(dbPath: string, atLeast: number, timeoutMs = 30_000): Promise<{ id: number; done: number; total: number }> {
  const t0 = Date.now();
  for (;;) {
    try {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        const run = db.prepare(`SELECT id, done, total FROM runs WHERE kind = 'backfill' ORDER BY id DESC LIMIT 1`).get() as { id: number; done: number; total: number } | undefined;
        if (run && run.done >= atLeast) return run;
      } finally {
        db.close();
      }
    } catch {
      // the database may not exist yet or be mid-migration: try again
    }
    if (Date.now() - t0 > timeoutMs) throw new Error('backfill made no progress');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function invariants(dbPath: string, expectRunId?: number) {
  const db = new Database(dbPath, { readonly: true });
  try {
    const one = (sql: string, ...a: unknown[]) => db.prepare(sql).pluck().get(...a) as number | string;
    const result = {
      chunks: one('SELECT count(*) FROM document_chunks'),
      vectors: one('SELECT count(*) FROM vec_c1_rowids'),
      ledger: one('SELECT count(*) FROM document_embeddings'),
      orphans: one('SELECT count(*) FROM vec_c1_rowids r WHERE NOT EXISTS (SELECT 1 FROM document_chunks c WHERE c.id = r.rowid)'),
      missing: one('SELECT count(*) FROM document_chunks c WHERE NOT EXISTS (SELECT 1 FROM vec_c1_rowids r WHERE r.rowid = c.id)'),
      integrity: one('PRAGMA integrity_check'),
      byOtherRuns: expectRunId === undefined ? 0 : one('SELECT count(*) FROM document_embeddings WHERE run_id <> ?', expectRunId),
    };
    return result;
  } finally {
    db.close();
  }
}

test('SIGKILL mid-run, then resume: vectors == chunks, no duplicates, no orphans, integrity ok', async () => {
  const ws = await bigCollection();
  const child = startCli(['backfill', 'c', '--mode', 'missing', '--batch-size', '4'], ws.env);
  const exited = collect(child, false);
  const seen = await waitForProgress(ws.db, 800);
  child.kill('SIGKILL');
  const killed = await exited;
  assert.equal(killed.signal, 'SIGKILL');
  assert.ok(seen.done < seen.total, `killed mid-run (${seen.done}/${seen.total})`);

  const before = invariants(ws.db);
  assert.equal(before.integrity, 'ok');
  assert.ok((before.vectors as number) > 0 && (before.vectors as number) < (before.chunks as number), 'some but not all vectors were committed');
  assert.equal(before.vectors, before.ledger, 'vectors and ledger are committed together');

  // Whoever opens the database next sees the dead owner and marks the run interrupted.
  let r = await cli(['status', '--json'], ws.env);
  const stuck = r.json.activeRuns.find((x: { id: number }) => x.id === seen.id);
  assert.equal(stuck.status, 'interrupted');

  r = await cli(['resume', String(seen.id), '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.run.status, 'completed');
  assert.equal(r.json.run.embedded, before.chunks, 'each chunk embedded exactly once over the whole run');
  assert.equal(r.json.run.done, r.json.run.total);

  const afterRun = invariants(ws.db, seen.id);
  assert.equal(afterRun.vectors, afterRun.chunks);
  assert.equal(afterRun.ledger, afterRun.chunks);
  assert.equal(afterRun.orphans, 0);
  assert.equal(afterRun.missing, 0);
  assert.equal(afterRun.byOtherRuns, 0);
  assert.equal(afterRun.integrity, 'ok');
  r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.json.status, 'PASS');
});

test('Ctrl-C stops after the batch in flight (exit 130, cancelled); cancel from another process; a second writer is refused', async () => {
  const ws = await bigCollection();

  const child = startCli(['backfill', 'c', '--mode', 'missing', '--batch-size', '4', '--json'], ws.env);
  const exited = collect(child, true);
  const seen = await waitForProgress(ws.db, 400);

  const second = await cli(['backfill', 'c', '--mode', 'missing', '--json'], ws.env);
  assert.equal(second.code, 3, second.stdout);
  assert.equal(second.json.error.code, 'refused');
  assert.match(second.json.error.message, new RegExp(`active backfill run \\(#${seen.id}`));
  assert.match(second.json.error.message, /embedops cancel/);

  child.kill('SIGINT');
  const stopped = await exited;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.equal(stopped.json.run.status, 'cancelled');
  assert.match(stopped.stderr, /Stopping after the batch in flight/);
  const mid = invariants(ws.db);
  assert.equal(mid.vectors, mid.ledger);
  assert.equal(mid.vectors, stopped.json.run.embedded, 'the reported count is what was committed');

  // Resume, and cancel it from another process: `embedops cancel RUN`.
  const resumed = startCli(['resume', String(seen.id), '--batch-size', '4', '--json'], ws.env);
  const resumedExit = collect(resumed, true);
  await waitForProgress(ws.db, (stopped.json.run.done as number) + 200);
  const cancel = await cli(['cancel', String(seen.id), '--json'], ws.env);
  assert.equal(cancel.code, 0, cancel.stdout);
  const r2 = await resumedExit;
  assert.equal(r2.code, 130);
  assert.equal(r2.json.run.status, 'cancelled');

  const done = await cli(['resume', String(seen.id), '--json'], ws.env);
  assert.equal(done.json.run.status, 'completed');
  const end = invariants(ws.db, seen.id);
  assert.equal(end.vectors, end.chunks);
  assert.equal(done.json.run.embedded, end.chunks);
  assert.equal(end.integrity, 'ok');
});
