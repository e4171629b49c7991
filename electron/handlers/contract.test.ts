import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EVENT_NAMES, type EventName, type Events } from '../../shared/api';
import { toErrorPayload, type ErrorPayload } from '../../shared/errors';
import { HTTP_STATUS } from '../../shared/http';
import { openEngine } from '../engine';
import { JobManager } from '../jobs/manager';
import { startServer } from '../server/serve';
import { openEventStream } from '../server/sse-client';
import { workspace, writeCorpus } from '../testing/harness';
import { dispatch } from './index';
import type { HandlerContext } from './types';

/*
 * One contract suite, two transports: the same scenario runs against dispatch() in-process and
 * against serve mode over HTTP + SSE, and both must give the same outputs. Real SQLite, the real
 * embedding worker, a real (tiny, random) model built by the harness.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Outcome = { data: any } | { error: ErrorPayload };

interface EventFeed {
  waitFor<E extends EventName>(name: E, match: (payload: Events[E]) => boolean): Promise<Events[E]>;
  /** Payloads received so far for an event name. */
  received<E extends EventName>(name: E): Events[E][];
  close(): void;
}

/** What a client of the contract can do, whatever carries it. */
interface Transport {
  name: string;
  invoke(name: string, input: unknown): Promise<Outcome>;
  /** Starts listening to events; resolves once subscribed (so nothing emitted afterwards is missed). */
  events(): Promise<EventFeed>;
  close(): Promise<void>;
}

type Ws = ReturnType<typeof workspace>;

function direct(ws: Ws): Transport {
  const engine = openEngine({ dbPath: ws.db, env: ws.env });
  const jobs = new JobManager(engine);
  const ctx: HandlerContext = { engine, jobs, readOnly: false, uploadsDir: join(ws.dir, 'uploads') };
  return {
    name: 'direct',
    async invoke(name, input) {
      try {
        // Through JSON, as every other transport does, so outputs compare like for like.
        return { data: JSON.parse(JSON.stringify((await dispatch(name, input, ctx)) ?? null)) };
      } catch (err) {
        return { error: toErrorPayload(err) };
      }
    },
    async events() {
      const got = new Map<EventName, unknown[]>(EVENT_NAMES.map((n) => [n, []]));
      const waiters = new Set<() => void>();
      const offs = EVENT_NAMES.map((name) => {
        const listener = (payload: unknown) => {
          got.get(name)!.push(JSON.parse(JSON.stringify(payload)));
          for (const w of [...waiters]) w();
        };
        jobs.on(name, listener);
        return () => jobs.off(name, listener);
      });
      return {
        received: <E extends EventName>(name: E) => got.get(name) as Events[E][],
        waitFor: <E extends EventName>(name: E, match: (p: Events[E]) => boolean) =>
          new Promise<Events[E]>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no ${name} event within 60 s`)), 60_000);
            const check = () => {
              const hit = (got.get(name) as Events[E][]).find(match);
              if (hit === undefined) return;
              waiters.delete(check);
              clearTimeout(timer);
              resolve(hit);
            };
            waiters.add(check);
            check();
          }),
        close: () => offs.forEach((off) => off()),
      };
    },
    async close() {
      await jobs.settle();
      engine.close();
    },
  };
}

async function overHttp(ws: Ws): Promise<Transport & { eventClients(): number }> {
  const server = await startServer({ port: 0, dbPath: ws.db, env: ws.env });
  return {
    name: 'http',
    eventClients: () => server.stats().eventClients,
    async invoke(name, input) {
      const res = await fetch(`${server.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
      const body = (await res.json()) as Outcome;
      assert.equal(res.headers.get('cache-control'), 'no-store');
      if ('error' in body) assert.equal(res.status, HTTP_STATUS[body.error.code], `${name}: status for ${body.error.code}`);
      else assert.equal(res.status, 200, name);
      assert.deepEqual(Object.keys(body), ['error' in body ? 'error' : 'data'], 'a body carries data or error, nothing else');
      return body;
    },
    async events() {
      const stream = await openEventStream(`${server.url}api/events`);
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      const payloads = (name: EventName) => stream.messages.filter((m) => m.event === name).map((m) => JSON.parse(m.data));
      return {
        received: <E extends EventName>(name: E) => payloads(name) as Events[E][],
        waitFor: async <E extends EventName>(name: E, match: (p: Events[E]) => boolean) =>
          JSON.parse((await stream.waitFor((m) => m.event === name && match(JSON.parse(m.data)), 60_000)).data) as Events[E],
        close: () => stream.close(),
      };
    },
    close: () => server.close(),
  };
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Keeps what must agree across transports; drops what legitimately differs (clock, temp paths, timings). */
function normalise(value: unknown, ws: Ws): unknown {
  const VOLATILE = new Set(['createdAt', 'startedAt', 'finishedAt', 'at', 'checkedAt', 'seconds', 'megabytesPerSecond', 'chunksPerSecond', 'estimateSeconds', 'rate', 'etaSeconds', 'loadMs', 'database']);
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && VOLATILE.has(key)) return v === null ? null : typeof v;
    if (typeof v === 'string') {
      return v
        .split(ws.dir)
        .join('<ws>')
        .replace(/\S*\/upload-[A-Za-z0-9]{6}/g, '<upload>')
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
        .replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d+Z/g, '<file-time>')
        .replace(/\(\d+(\.\d+)? s\)|\(\d+ min \d+ s\)/g, '(<duration>)');
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}

/** The scenario every transport runs; returns what it saw, normalised, for the cross-transport comparison. */
async function scenario(t: Transport, ws: Ws): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  const call = async (step: string, name: string, input: unknown): Promise<Outcome> => {
    const out = await t.invoke(name, input);
    seen[step] = normalise(out, ws);
    return out;
  };
  const ok = async (step: string, name: string, input: unknown) => {
    const out = await call(step, name, input);
    assert.ok('data' in out, `${t.name} ${name}: ${JSON.stringify(out)}`);
    return out.data;
  };
  const fails = async (step: string, name: string, input: unknown) => {
    const out = await call(step, name, input);
    assert.ok('error' in out, `${t.name} ${name} should fail: ${JSON.stringify(out)}`);
    return out.error;
  };

  const created = await ok('create', 'collections/create', { name: 'docs', model: 'test-model', chunkSize: 40, chunkOverlap: 8 });
  assert.equal(created.settings.name, 'docs');
  assert.equal(created.settings.dimension, 16, 'dimension probed from the test model');
  assert.equal(created.counts.documents, 0);

  const words = 'pressure boundary layer flow over a flat plate at supersonic mach number . heat transfer measured in the tunnel';
  const uploaded = await ok('upload', 'import/upload', {
    collection: 'docs',
    files: [
      { name: 'alpha.md', base64: b64(`# Alpha\n\n${words} shock wave\n`) },
      { name: 'beta.txt', base64: b64(`${words} nozzle jet engine blade\n`) },
      { name: 'blob.txt', base64: b64(Buffer.from([0, 1, 2, 3, 0, 255, 0, 9])) },
    ],
  });
  assert.equal(uploaded.documents.added, 2);
  assert.equal(uploaded.skipped.length, 1, 'the binary upload is named and skipped');
  assert.match(JSON.stringify(uploaded.skipped[0]), /blob\.txt/);

  // An import answers when done; meanwhile it reports progress as events (the CLI's progress line).
  const importFeed = await t.events();
  const imported = await ok('paths', 'import/paths', { collection: 'docs', paths: [writeCorpus(join(ws.dir, 'corpus.jsonl'), 30, 60)] });
  assert.equal(imported.documents.added, 30);
  const importing = await importFeed.waitFor('task/progress', (p) => p.command === 'import/paths');
  assert.equal(importing.collection, 'docs');
  assert.equal(importing.total, null);
  assert.ok(importing.documents >= 0 && importing.documents <= 30 && importing.files === 1 && importing.bytes! > 0, JSON.stringify(importing));
  importFeed.close();

  const plan = await ok('plan', 'plan/create', { collection: 'docs', mode: 'missing', batchSize: 16 });
  assert.equal(plan.ready, true, JSON.stringify(plan.checks));
  assert.ok(plan.toEmbed > 0 && plan.toEmbed === plan.chunks);

  const feed = await t.events();
  const { runId } = await ok('start', 'runs/start', { collection: 'docs', mode: 'missing', batchSize: 16 });
  assert.ok(Number.isInteger(runId));
  const finished = await feed.waitFor('run/finished', (r) => r.id === runId);
  assert.equal(finished.status, 'completed');
  assert.equal(finished.embedded, plan.toEmbed);
  await feed.waitFor('run/log', (l) => l.runId === runId);
  for (const p of feed.received('run/progress')) assert.equal(p.runId, runId);
  feed.close();
  seen.finished = normalise(finished, ws);

  const detail = await ok('get', 'runs/get', { runId });
  assert.equal(detail.run.status, 'completed');
  assert.equal(detail.live, false);
  assert.ok(detail.events.length > 0);
  assert.deepEqual(detail.failures, []);

  const verify = await ok('verify', 'verify/run', { collection: 'docs' });
  assert.equal(verify.status, 'PASS', JSON.stringify(verify.discrepancies));
  assert.equal(verify.vectors, verify.chunks);

  const spot = await ok('spotcheck', 'spotcheck/run', { collection: 'docs', queries: ['pressure boundary layer', 'shock wave heat transfer'], k: 3 });
  assert.equal(spot.results.length, 2);
  for (const r of spot.results) {
    assert.equal(r.hits.length, 3);
    for (const h of r.hits) {
      assert.ok(h.document.id && typeof h.document.title === 'string', 'cited document');
      assert.ok(Number.isInteger(h.chunk) && h.start < h.end, 'chunk number and offsets');
      assert.ok(h.snippet.length > 0 && typeof h.score === 'number');
    }
  }

  const hit = spot.results[0].hits[0];
  const doc = await ok('document', 'documents/get', { collection: 'docs', id: hit.document.id });
  assert.equal(doc.id, hit.document.id);
  assert.ok(doc.content.length >= hit.end && doc.chunks > 0, 'the cited span lies inside the document');

  const history = await ok('history', 'history/markdown', { collection: 'docs' });
  const order = [...history.markdown.matchAll(/^## #(\d+) /gm)].map((m: RegExpMatchArray) => Number(m[1]));
  assert.ok(order.length >= 5 && order.every((id: number, i: number) => i === 0 || id < order[i - 1]!), `newest first: ${order}`);

  const runs = await ok('list', 'runs/list', { collection: 'docs' });
  const ids = runs.map((r: { id: number }) => r.id);
  assert.deepEqual(ids, [...ids].sort((a: number, b: number) => b - a), 'runs/list is newest first');
  assert.deepEqual(new Set(runs.map((r: { kind: string }) => r.kind)), new Set(['import', 'backfill', 'verify', 'spotcheck']));

  let err = await fails('bad-mode', 'runs/start', { collection: 'docs', mode: 'sideways' });
  assert.equal(err.code, 'usage');
  assert.match(err.message, /mode/);
  err = await fails('bad-name', 'collections/create', { name: 'Not A Name' });
  assert.equal(err.code, 'usage');
  assert.match(err.message, /name: a collection name is/);
  err = await fails('extra-key', 'verify/run', { collection: 'docs', bogus: 1 });
  assert.equal(err.code, 'usage');
  assert.match(err.message, /bogus/);
  err = await fails('unknown', 'nope/never', {});
  assert.equal(err.code, 'not_found');
  assert.match(err.message, /Unknown command "nope\/never"/);
  err = await fails('no-run', 'runs/get', { runId: 999 });
  assert.equal(err.code, 'not_found');

  // Safe change through the contract: derive, a refused swap, backfill, a gated swap, purge.
  err = await fails('queries-too-many', 'queries/set', { collection: 'docs', queries: ['a', 'b', 'c', 'd', 'e', 'f'] });
  assert.equal(err.code, 'usage');
  const saved = await ok('queries-set', 'queries/set', { collection: 'docs', queries: ['pressure boundary layer', 'nozzle jet engine'] });
  assert.deepEqual(saved.queries, ['pressure boundary layer', 'nozzle jet engine']);
  const deriveFeed = await t.events();
  const derived = await ok('derive', 'collections/derive', { from: 'docs', chunkSize: 24, chunkOverlap: 4 });
  assert.equal(derived.collection.settings.name, 'docs@v2');
  const copying = await deriveFeed.waitFor('task/progress', (p) => p.command === 'collections/derive');
  assert.deepEqual([copying.collection, copying.total], ['docs', derived.documents]);
  assert.ok(copying.documents > 0 && copying.documents <= derived.documents);
  deriveFeed.close();
  assert.deepEqual(derived.renamed, { from: 'docs', to: 'docs@v1' });
  err = await fails('swap-refused', 'swap/run', { alias: 'docs', to: 'docs@v2' });
  assert.equal(err.code, 'refused');
  assert.match(err.message, /does not verify/);
  const feed2 = await t.events();
  const second = await ok('start-v2', 'runs/start', { collection: 'docs@v2', mode: 'missing' });
  assert.equal((await feed2.waitFor('run/finished', (r) => r.id === second.runId)).status, 'completed');
  feed2.close();
  const gate = await ok('swap-preview', 'swap/preview', { alias: 'docs', to: 'docs@v2' });
  assert.equal(gate.ok, true, JSON.stringify(gate.reasons));
  assert.equal(gate.comparison.source, 'saved');
  const swapped = await ok('swap', 'swap/run', { alias: 'docs', to: 'docs@v2' });
  assert.equal(swapped.to, 'docs@v2');
  const aliases = await ok('aliases', 'aliases/list', {});
  assert.deepEqual(aliases.map((a: { name: string; target: string; previous: string }) => [a.name, a.target, a.previous]), [['docs', 'docs@v2', 'docs@v1']]);
  err = await fails('purge-live', 'collections/purge', { name: 'docs@v2', confirm: true });
  assert.equal(err.code, 'refused');
  const purged = await ok('purge', 'collections/purge', { name: 'docs@v1', confirm: true });
  assert.equal(purged.counts.documents, 32);
  return seen;
}

const transcripts = new Map<string, Record<string, unknown>>();

test('the contract, in-process through dispatch()', async () => {
  const ws = workspace();
  const t = direct(ws);
  try {
    transcripts.set(t.name, await scenario(t, ws));
  } finally {
    await t.close();
  }
});

test('the contract, over HTTP + SSE (serve mode)', async () => {
  const ws = workspace();
  const t = await overHttp(ws);
  try {
    transcripts.set(t.name, await scenario(t, ws));
    // The feed was closed: its subscription must be gone with the connection.
    for (let i = 0; i < 100 && t.eventClients() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(t.eventClients(), 0);
  } finally {
    await t.close();
  }
});

test('both transports give the same outputs, step by step', () => {
  const a = transcripts.get('direct');
  const b = transcripts.get('http');
  assert.ok(a && b, 'both transports ran');
  assert.deepEqual(Object.keys(b), Object.keys(a));
  for (const step of Object.keys(a)) assert.deepEqual(b[step], a[step], `step ${step}`);
});
