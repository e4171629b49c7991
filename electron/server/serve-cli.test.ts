import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServe } from '../../e2e/support/serve-process';
import { cli, workspace, writeCorpus } from '../testing/harness';
import { startServer } from './serve';
import { openEventStream } from './sse-client';

/* `embedops serve` as a user runs it: a child process, its startup lines, signals, exit codes. */

async function post(url: string, name: string, input: unknown, token?: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(`${url}api/${name}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: res.status, body: await res.json() };
}

test('serve --port 0 prints one line per fact, answers, and exits 0 on SIGTERM', async () => {
  const ws = workspace();
  const s = await startServe(ws.env);
  assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(Number(new URL(s.url).port) > 0, 'the real port, not 0');
  const out = s.output();
  assert.match(out, /^EmbedOps serve listening on http:\/\/127\.0\.0\.1:\d+\/\n/m);
  assert.match(out, new RegExp(`^Database: ${ws.db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.match(out, /^Mode: read-write$/m);
  assert.match(out, /^Token: none needed/m);
  const r = await post(s.url, 'status/get', {});
  assert.equal(r.status, 200);
  assert.equal(r.body.data.database, ws.db);
  assert.equal(await s.stop(), 0);
  assert.match(s.output(), /EmbedOps serve stopped\./);
});

test('serve on a network address prints the token and the URL with it; --read-only says so; Ctrl-C exits 0', async () => {
  const ws = workspace();
  assert.equal((await cli(['collections', 'create', 'docs', '--model', 'test-model'], ws.env)).code, 0);
  const s = await startServe(ws.env, ['--host', '0.0.0.0', '--read-only']);
  const token = /^Token: (\S+) \(required on every request/m.exec(s.output())?.[1];
  assert.ok(token && token.length >= 22, s.output());
  assert.match(s.url, new RegExp(`/\\?token=${token}$`));
  assert.match(s.output(), /^Mode: read-only/m);
  assert.match(s.output(), /^Warning: plain HTTP on a network address/m);
  const origin = `http://127.0.0.1:${new URL(s.url).port}/`;
  assert.equal((await post(origin, 'collections/list', {})).status, 401);
  const ok = await post(origin, 'collections/list', {}, token);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.data[0].settings.name, 'docs');
  assert.equal((await post(origin, 'collections/create', { name: 'x' }, token)).status, 403);
  const exited = new Promise<number | null>((r) => s.proc.once('exit', (code) => r(code)));
  s.proc.kill('SIGINT');
  assert.equal(await exited, 0);
});

test('a port in use is a clear error (exit 4) naming the port and --port; bad options are usage errors (exit 2)', async () => {
  const ws = workspace();
  const busy = await startServer({ port: 0, dbPath: ws.db, env: ws.env });
  try {
    const r = await cli(['serve', '--port', String(busy.port)], ws.env);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, new RegExp(`Port ${busy.port} on 127\\.0\\.0\\.1 is already in use.*--port`));
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  } finally {
    await busy.close();
  }
  for (const args of [['--port', '70000'], ['--port', 'http'], ['--token', 'short'], ['--json'], ['extra']]) {
    const r = await cli(['serve', ...args], ws.env);
    assert.equal(r.code, 2, `${args}: ${r.stdout}${r.stderr}`);
  }
});

test('SIGTERM during a backfill: the run stops after its batch in flight, exit 0, and it resumes to PASS', async () => {
  const ws = workspace();
  assert.equal((await cli(['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '20', '--chunk-overlap', '0'], ws.env)).code, 0);
  assert.equal((await cli(['import', 'c', writeCorpus(join(ws.dir, 'docs.jsonl'), 800)], ws.env)).code, 0);
  const s = await startServe(ws.env);
  const events = await openEventStream(`${s.url}api/events`);
  const started = await post(s.url, 'runs/start', { collection: 'c', mode: 'missing', batchSize: 4 });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const runId: number = started.body.data.runId;
  await events.waitFor((m) => m.event === 'run/progress' && JSON.parse(m.data).runId === runId && JSON.parse(m.data).done >= 200, 60_000);

  assert.equal(await s.stop(), 0, s.output());
  assert.match(s.output(), new RegExp(`Shutting down: run\\(s\\) #${runId} stop after their batch in flight`));
  assert.match(s.output(), new RegExp(`Continue with: embedops resume ${runId}`));
  // The stream saw the run finish (cancelled) before the server closed it.
  const finished = await events.waitFor((m) => m.event === 'run/finished', 1000);
  assert.equal(JSON.parse(finished.data).status, 'cancelled');
  await events.ended;

  let r = await cli(['history', 'c', '--json'], ws.env);
  const run = r.json.runs.find((x: { id: number }) => x.id === runId);
  assert.equal(run.status, 'cancelled');
  assert.ok(run.done > 0 && run.done < run.total, `stopped mid-run: ${run.done}/${run.total}`);
  r = await cli(['resume', String(runId), '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.run.status, 'completed');
  assert.equal(r.json.run.embedded, r.json.run.total, 'every chunk embedded exactly once over the whole run');
  r = await cli(['verify', 'c', '--json'], ws.env);
  assert.equal(r.json.status, 'PASS');
});
