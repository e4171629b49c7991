import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EVENT_NAMES } from '../../shared/api';
import { workspace, writeCorpus } from '../testing/harness';
import { startServer, type RunningServer } from './serve';
import { openEventStream, type SseMessage } from './sse-client';
import { RETRY_MS } from './sse';

/*
 * The event stream of serve mode against a real backfill: ids, replay after a reconnect from a
 * bounded buffer, heartbeats, and subscriptions that end with their connection.
 */

type Ws = ReturnType<typeof workspace>;

async function api(s: RunningServer, name: string, input: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${s.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  const body = (await res.json()) as { data?: unknown; error?: unknown };
  assert.equal(res.status, 200, `${name}: ${JSON.stringify(body)}`);
  return body.data;
}

/** A collection with enough small chunks that a backfill in batches of 4 emits progress and log events. */
async function seed(s: RunningServer, ws: Ws): Promise<void> {
  await api(s, 'collections/create', { name: 'c', model: 'test-model', chunkSize: 20, chunkOverlap: 0 });
  await api(s, 'import/paths', { collection: 'c', paths: [writeCorpus(join(ws.dir, 'docs.jsonl'), 60, 80)] });
}

/** Runs a backfill with a stream open and returns every event the stream saw. */
async function backfill(s: RunningServer): Promise<SseMessage[]> {
  const stream = await openEventStream(`${s.url}api/events`);
  const { runId } = await api(s, 'runs/start', { collection: 'c', mode: 'rebuild', batchSize: 4 });
  await stream.waitFor((m) => m.event === 'run/finished' && JSON.parse(m.data).id === runId, 60_000);
  stream.close();
  return stream.messages;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('events have increasing ids and contract names; a reconnecting client replays what it missed', async () => {
  const ws = workspace();
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env });
  try {
    await seed(s, ws);
    const first = await openEventStream(`${s.url}api/events`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal(first.headers.get('cache-control'), 'no-store');
    assert.equal(first.headers.get('access-control-allow-origin'), null);
    first.close();

    const all = await backfill(s);
    assert.ok(all.length >= 4, `events seen: ${all.map((m) => m.event)}`);
    const ids = all.map((m) => Number(m.id));
    assert.ok(ids.every((id, i) => Number.isInteger(id) && (i === 0 || id === ids[i - 1]! + 1)), `ids increase one by one: ${ids}`);
    for (const m of all) {
      assert.ok((EVENT_NAMES as readonly string[]).includes(m.event), m.event);
      assert.equal(typeof JSON.parse(m.data), 'object');
    }
    assert.equal(all.at(-1)!.event, 'run/finished');
    assert.ok(all.some((m) => m.event === 'run/progress') && all.some((m) => m.event === 'run/log'));

    // Header, as EventSource sends it on a reconnect.
    const header = await openEventStream(`${s.url}api/events`, { 'Last-Event-ID': all[0]!.id! });
    await header.waitFor((m) => m.id === all.at(-1)!.id);
    assert.equal(header.retry, RETRY_MS, 'a retry hint');
    assert.deepEqual(header.messages, all.slice(1));
    header.close();

    // Query parameter, for a client that reconnects by hand.
    const param = await openEventStream(`${s.url}api/events?lastEventId=${all[1]!.id}`);
    await param.waitFor((m) => m.id === all.at(-1)!.id);
    assert.deepEqual(param.messages, all.slice(2));
    param.close();

    // Up to date, or a fresh client: nothing replayed.
    const upToDate = await openEventStream(`${s.url}api/events`, { 'Last-Event-ID': all.at(-1)!.id! });
    const fresh = await openEventStream(`${s.url}api/events`);
    await sleep(200);
    assert.deepEqual(upToDate.messages, []);
    assert.deepEqual(fresh.messages, []);
    upToDate.close();
    fresh.close();
  } finally {
    await s.close();
  }
});

test('the replay buffer is bounded: a client too far behind gets the newest events and is told', async () => {
  const ws = workspace();
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env, eventBufferSize: 3 });
  try {
    await seed(s, ws);
    const all = await backfill(s);
    assert.ok(all.length > 3);
    const behind = await openEventStream(`${s.url}api/events`, { 'Last-Event-ID': '0' });
    await behind.waitFor((m) => m.id === all.at(-1)!.id);
    assert.deepEqual(behind.messages, all.slice(-3));
    assert.ok(behind.comments.some((c) => /no longer kept/.test(c)));
    behind.close();
    // An id from a previous launch (ids restart) replays everything kept.
    const stale = await openEventStream(`${s.url}api/events`, { 'Last-Event-ID': '999999' });
    await stale.waitFor((m) => m.id === all.at(-1)!.id);
    assert.deepEqual(stale.messages, all.slice(-3));
    stale.close();
  } finally {
    await s.close();
  }
});

test('a `: ping` heartbeat every heartbeat interval', async () => {
  const ws = workspace();
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env, heartbeatMs: 40 });
  try {
    const t0 = Date.now();
    const stream = await openEventStream(`${s.url}api/events`);
    const pings = () => stream.comments.filter((c) => c === ' ping').length;
    for (let i = 0; i < 500 && pings() < 3; i++) await sleep(10);
    const elapsed = Date.now() - t0;
    assert.ok(pings() >= 3, 'three pings');
    assert.ok(elapsed >= 3 * 40 - 10, `spaced by the interval, not sent in a burst (${elapsed} ms)`);
    stream.close();
  } finally {
    await s.close();
  }
});

test('subscriptions die with their connection: no listener left after many connects and disconnects', async () => {
  const ws = workspace();
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env });
  const listeners = () => EVENT_NAMES.map((n) => s.jobs.listenerCount(n));
  try {
    const baseline = listeners();
    assert.deepEqual(baseline, EVENT_NAMES.map(() => 1), 'the server listens once per event, whatever the number of clients');
    for (let i = 0; i < 30; i++) (await openEventStream(`${s.url}api/events`)).close();
    const together = await Promise.all(Array.from({ length: 25 }, () => openEventStream(`${s.url}api/events`)));
    assert.equal(s.stats().eventClients >= 25, true);
    for (const st of together) st.close();
    for (let i = 0; i < 200 && (s.stats().eventClients || s.stats().eventStreams); i++) await sleep(10);
    assert.deepEqual(s.stats(), { eventClients: 0, eventStreams: 0 });
    assert.deepEqual(listeners(), baseline);

    // A stream still open when the server stops is ended by it.
    const open = await openEventStream(`${s.url}api/events`);
    await s.close();
    await open.ended;
    assert.deepEqual(s.stats(), { eventClients: 0, eventStreams: 0 });
    assert.deepEqual(listeners(), EVENT_NAMES.map(() => 0), 'the server stops listening to the job manager');
    assert.deepEqual(warnings.filter((w) => w.name === 'MaxListenersExceededWarning'), []);
  } finally {
    process.off('warning', onWarning);
    await s.close();
  }
});
