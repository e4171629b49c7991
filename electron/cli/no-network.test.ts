import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TripwireArmed, TripwireRecord } from '../testing/network-tripwire';
import { cli, tempDir, testModel, workspace, writeCorpus } from '../testing/harness';

// "Nothing opens a network connection": the real CLI runs with a preload that makes every socket,
// DNS lookup, fetch and UDP socket record the attempt and throw — in the main thread and in the
// embedding worker (Node applies NODE_OPTIONS preloads to worker threads too; the self-tests below
// prove it, including inside the CLI's own embedding worker).

const TRIPWIRE = join(__dirname, '..', 'testing', 'network-tripwire.js');

interface Wired {
  env: NodeJS.ProcessEnv;
  violations(): TripwireRecord[];
  armed(): TripwireArmed[];
}

let n = 0;
function wired(base: NodeJS.ProcessEnv, dir: string, extraRequire?: string): Wired {
  const log = join(dir, `tripwire-${++n}.jsonl`);
  const armed = join(dir, `armed-${n}.jsonl`);
  const requires = [TRIPWIRE, ...(extraRequire ? [extraRequire] : [])].map((f) => `--require "${f}"`).join(' ');
  const lines = <T>(file: string): T[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T) : []);
  return {
    env: { ...base, NODE_OPTIONS: `${base.NODE_OPTIONS ?? ''} ${requires}`.trim(), EMBEDOPS_TRIPWIRE_LOG: log, EMBEDOPS_TRIPWIRE_ARMED: armed },
    violations: () => lines<TripwireRecord>(log),
    armed: () => lines<TripwireArmed>(armed),
  };
}

const isEmbeddingWorker = (a: TripwireArmed) => !a.isMainThread && /embedding[\\/]worker\.js$/.test(a.script ?? '');

test('self-test: the tripwire records and blocks a deliberate fetch("http://127.0.0.1:9")', () => {
  const w = wired(process.env, tempDir());
  const r = spawnSync(process.execPath, ['-e', "fetch('http://127.0.0.1:9').then(() => console.log('CONNECTED'), (e) => console.log(e.message))"], { env: w.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /network tripwire: fetch\(http:\/\/127\.0\.0\.1:9\)/);
  assert.deepEqual(w.violations().map((v) => [v.api, v.target, v.threadId]), [['fetch', 'http://127.0.0.1:9', 0]]);
});

test('self-test: in a worker thread, fetch, sockets, TLS, HTTP, DNS and UDP are all caught', () => {
  const w = wired(process.env, tempDir());
  const script = `
    const { Worker } = require('node:worker_threads');
    const worker = new Worker(\`
      const net = require('node:net'), tls = require('node:tls'), http = require('node:http'), https = require('node:https');
      const dns = require('node:dns'), dgram = require('node:dgram');
      const attempts = [
        () => fetch('http://127.0.0.1:9'),
        () => new net.Socket().connect(9, '127.0.0.1'),
        () => net.createConnection({ port: 9, host: '127.0.0.1' }),
        () => tls.connect(443, 'example.com'),
        () => http.get('http://127.0.0.1:9/'),
        () => https.request('https://example.com/'),
        () => dns.lookup('example.com', () => {}),
        () => dns.promises.resolve4('example.com'),
        () => dgram.createSocket('udp4'),
      ];
      // After the tripwire's own setImmediate (it records that it armed): the main thread
      // terminates this worker on our message, which could otherwise come first.
      setImmediate(async () => {
        let blocked = 0;
        for (const a of attempts) { try { await a(); } catch (e) { if (/network tripwire/.test(e.message)) blocked++; } }
        require('node:worker_threads').parentPort.postMessage(blocked);
      });
    \`, { eval: true });
    worker.on('message', (blocked) => { console.log('blocked', blocked); worker.terminate(); });`;
  const r = spawnSync(process.execPath, ['-e', script], { env: w.env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /blocked 9/);
  const v = w.violations();
  assert.deepEqual(v.map((x) => x.api), [
    'fetch', 'net.Socket.connect', 'net.createConnection', 'tls.connect', 'http.get', 'https.request', 'dns.lookup', 'dns.promises.resolve4', 'dgram.createSocket',
  ]);
  assert.ok(v.every((x) => x.threadId > 0), 'recorded from the worker thread');
  assert.ok(w.armed().some((a) => !a.isMainThread), 'armed in the worker');
});

test('self-test: inside the real CLI, a fetch from the main thread and one from the embedding worker are both caught', async () => {
  const ws = workspace(16);
  // Preloaded after the tripwire, in every thread of the CLI process — the embedding worker included.
  const violator = join(ws.dir, 'violator.js');
  writeFileSync(
    violator,
    "const { isMainThread } = require('node:worker_threads');\n" +
      "fetch(isMainThread ? 'http://127.0.0.1:9/from-main' : 'http://127.0.0.1:9/from-worker').catch(() => {});\n",
  );
  const w = wired(ws.env, ws.dir, violator);
  const r = await cli(['models', 'verify', 'test-model', '--json'], w.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const worker = w.armed().find(isEmbeddingWorker);
  assert.ok(worker, `the embedding worker ran with the tripwire armed: ${JSON.stringify(w.armed())}`);
  const v = w.violations();
  assert.deepEqual(v.map((x) => [x.target, x.threadId]).sort(), [
    ['http://127.0.0.1:9/from-main', 0],
    ['http://127.0.0.1:9/from-worker', worker.threadId],
  ]);
});

test('no socket is opened when models are listed, shown, imported, verified and run: create, import, plan, backfill, verify, spotcheck', async () => {
  const ws = workspace(16);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 12);
  const usb = testModel(join(ws.dir, 'usb'), 'usb-model', 16);
  const steps: Array<{ args: string[]; loadsModel: boolean }> = [
    { args: ['models', 'list', '--json'], loadsModel: false },
    { args: ['models', 'show', 'test-model', '--json'], loadsModel: true },
    { args: ['models', 'verify', 'test-model', '--json'], loadsModel: true },
    { args: ['models', 'import', usb, '--json'], loadsModel: false },
    { args: ['collections', 'create', 'c', '--model', 'test-model', '--chunk-size', '40', '--json'], loadsModel: true },
    { args: ['import', 'c', corpus, '--json'], loadsModel: true },
    { args: ['plan', 'c', '--mode', 'missing', '--json'], loadsModel: true },
    { args: ['backfill', 'c', '--mode', 'missing', '--json'], loadsModel: true },
    { args: ['verify', 'c', '--json'], loadsModel: false },
    { args: ['spotcheck', 'c', 'wing lift drag', '-k', '3', '--json'], loadsModel: true },
  ];
  for (const { args, loadsModel } of steps) {
    const w = wired(ws.env, ws.dir);
    const r = await cli(args, w.env);
    const what = args.slice(0, 2).join(' ');
    assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
    assert.deepEqual(w.violations(), [], `${what} tried to open a connection`);
    const armed = w.armed();
    assert.ok(armed.some((a) => a.isMainThread), `${what}: the tripwire was armed in the main thread`);
    if (loadsModel) assert.ok(armed.some(isEmbeddingWorker), `${what}: the tripwire was armed in the embedding worker: ${JSON.stringify(armed)}`);
    if (what === 'models list') assert.ok(!armed.some((a) => !a.isMainThread), 'models list starts no worker: it loads no model');
  }
});
