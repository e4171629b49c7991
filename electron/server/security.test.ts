import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, type CommandName } from '../../shared/api';
import { tempDir, workspace } from '../testing/harness';
import { probe, type ProbeResponse } from './http-probe';
import { CONTENT_SECURITY_POLICY, checkChosenToken, externalAddresses, tokenMatches } from './security';
import { startServer, type RunningServer } from './serve';
import { openEventStream } from './sse-client';

/*
 * Serve mode's security checks, each against a real server on a real socket: token on a network
 * address, read-only, no CORS, CSRF (Origin), DNS rebinding (Host), directory traversal.
 */

const seen: ProbeResponse[] = [];
/** Every response any test here receives is kept, to check headers that must never (or always) appear. */
async function req(port: number, r: Parameters<typeof probe>[1]): Promise<ProbeResponse> {
  const res = await probe(port, r);
  seen.push(res);
  return res;
}
const json = (body: unknown) => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => ({ ...json(body), path, headers: { 'Content-Type': 'application/json', ...headers } });

async function withServer<T>(opts: Parameters<typeof startServer>[0], fn: (s: RunningServer) => Promise<T>): Promise<T> {
  const s = await startServer(opts);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** A renderer build in a folder with a secret beside it, and a symlink pointing out. */
function staticFixture(): { root: string } {
  const dir = tempDir();
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title><div id="root">INDEX-MARKER</div>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, '.env'), 'HIDDEN-SECRET');
  writeFileSync(join(dir, 'secret.txt'), 'OUTSIDE-SECRET');
  symlinkSync(dir, join(root, 'escape'));
  return { root };
}

test('a network address requires the token on every request: API, events and static files', async () => {
  const ws = workspace();
  const { root } = staticFixture();
  await withServer({ host: '0.0.0.0', port: 0, dbPath: ws.db, env: ws.env, staticDir: root }, async (s) => {
    assert.ok(s.token, 'a token is generated');
    assert.ok(Buffer.from(s.token, 'base64url').length >= 16, 'at least 128 random bits');
    assert.equal(s.openUrl, `${s.url}?token=${s.token}`);
    // Connect through loopback, as a LAN browser would name the machine.
    const hostHeader = `${externalAddresses().find((a) => !a.includes(':')) ?? '127.0.0.1'}:${s.port}`;
    const h = { Host: hostHeader };

    for (const path of ['/', '/assets/app.js', '/api/events']) {
      const r = await req(s.port, { path, headers: h });
      assert.equal(r.status, 401, path);
      assert.equal(r.headers['www-authenticate'], 'Bearer realm="embedops"');
    }
    let r = await req(s.port, post('/api/status/get', {}, h));
    assert.equal(r.status, 401);
    assert.equal(JSON.parse(r.body).error.code, 'refused');
    assert.match(JSON.parse(r.body).error.message, /access token/);

    r = await req(s.port, post('/api/status/get', {}, { ...h, Authorization: 'Bearer wrong-token-of-some-length' }));
    assert.equal(r.status, 401);
    assert.match(JSON.parse(r.body).error.message, /wrong/);

    r = await req(s.port, post('/api/status/get', {}, { ...h, Authorization: `Bearer ${s.token}` }));
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).data.readOnly, false);
    r = await req(s.port, post(`/api/status/get?token=${s.token}`, {}, h));
    assert.equal(r.status, 200, 'the query parameter works too');

    // The first page load carries ?token=; its scripts cannot, so the page load sets a cookie for static files only.
    r = await req(s.port, { path: `/?token=${s.token}`, headers: h });
    assert.equal(r.status, 200);
    assert.match(r.body, /INDEX-MARKER/);
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^embedops_token_${s.port}=${s.token}; Path=/; HttpOnly; SameSite=Strict`));
    const jar = { ...h, Cookie: cookie.split(';')[0]! };
    r = await req(s.port, { path: '/assets/app.js', headers: jar });
    assert.equal(r.status, 200, 'static file with the cookie');
    r = await req(s.port, post('/api/status/get', {}, jar));
    assert.equal(r.status, 401, 'the cookie does not open the API');
    r = await req(s.port, { path: '/api/events', headers: jar });
    assert.equal(r.status, 401, 'nor the event stream');
    // EventSource cannot set headers: the stream takes the token as a query parameter.
    const stream = await openEventStream(`http://127.0.0.1:${s.port}/api/events?token=${s.token}`);
    assert.equal(stream.status, 200);
    stream.close();
  });
});

test('loopback needs no token, unless --token is given; a chosen token must be long and URL-safe', async () => {
  const ws = workspace();
  await withServer({ port: 0, dbPath: ws.db, env: ws.env }, async (s) => {
    assert.equal(s.token, null);
    assert.equal((await req(s.port, post('/api/status/get', {}))).status, 200);
  });
  const chosen = 'my-chosen-token-0123456789';
  await withServer({ port: 0, dbPath: ws.db, env: ws.env, token: chosen }, async (s) => {
    assert.equal(s.token, chosen);
    assert.equal((await req(s.port, post('/api/status/get', {}))).status, 401);
    assert.equal((await req(s.port, post('/api/status/get', {}, { Authorization: `Bearer ${chosen}` }))).status, 200);
  });
  assert.throws(() => checkChosenToken('short'), /16 to 256 characters/);
  assert.throws(() => checkChosenToken('has spaces in it, and more'), /16 to 256 characters/);
  await assert.rejects(startServer({ port: 0, dbPath: ws.db, env: ws.env, token: 'short' }), /--token needs/);
  assert.equal(tokenMatches('abc', 'abc'), true);
  assert.equal(tokenMatches('abd', 'abc'), false);
  assert.equal(tokenMatches('abcd', 'abc'), false);
  assert.equal(tokenMatches(undefined, ''), false);
});

test('--read-only refuses every command that writes (403) and still answers reads, leaving no history', async () => {
  const ws = workspace();
  await withServer({ port: 0, dbPath: ws.db, env: ws.env }, async (s) => {
    assert.equal((await req(s.port, post('/api/collections/create', { name: 'docs', model: 'test-model' }))).status, 200);
  });
  // Valid input for every writing command: dispatch validates before it checks read-only.
  const b64 = Buffer.from('hello').toString('base64');
  const samples: Partial<Record<CommandName, unknown>> = {
    'collections/create': { name: 'other', model: 'test-model' },
    'import/paths': { collection: 'docs', paths: [ws.dir] },
    'import/upload': { collection: 'docs', files: [{ name: 'a.txt', base64: b64 }] },
    'plan/create': { collection: 'docs', mode: 'missing' },
    'runs/start': { collection: 'docs', mode: 'missing' },
    'runs/resume': { runId: 1 },
    'runs/cancel': { runId: 1 },
    'runs/pause': { runId: 1 },
    'backups/create': {},
    'backups/restore': { file: join(ws.dir, 'backup.sqlite'), confirm: true },
    'collections/derive': { from: 'docs', chunkSize: 40 },
    'swap/run': { alias: 'docs', to: 'docs@v2' },
    'collections/purge': { name: 'docs', confirm: true },
    'queries/set': { collection: 'docs', queries: ['wing lift'] },
  };
  const writers = (Object.keys(COMMANDS) as CommandName[]).filter((n) => COMMANDS[n].writes);
  assert.deepEqual(writers.filter((n) => !(n in samples)), [], 'a sample input for every writing command');

  await withServer({ port: 0, dbPath: ws.db, env: ws.env, readOnly: true }, async (s) => {
    assert.equal(s.readOnly, true);
    for (const name of writers) {
      const r = await req(s.port, post(`/api/${name}`, samples[name]));
      assert.equal(r.status, 403, `${name}: ${r.body}`);
      const { error } = JSON.parse(r.body);
      assert.equal(error.code, 'read_only');
      assert.match(error.message, new RegExp(`${name} changes data.*read-only`));
    }
    const list = await req(s.port, post('/api/collections/list', {}));
    assert.equal(list.status, 200);
    assert.equal(JSON.parse(list.body).data[0].settings.name, 'docs');
    const verify = await req(s.port, post('/api/verify/run', { collection: 'docs' }));
    assert.equal(verify.status, 200, verify.body);
    const runs = await req(s.port, post('/api/runs/list', {}));
    assert.deepEqual(JSON.parse(runs.body).data, [], 'verify in read-only mode leaves no history');
    assert.equal(JSON.parse((await req(s.port, post('/api/status/get', {}))).body).data.readOnly, true);
  });
});

test('cross-origin POSTs and foreign Host headers are refused; there are no CORS headers', async () => {
  const ws = workspace();
  await withServer({ port: 0, dbPath: ws.db, env: ws.env }, async (s) => {
    const own = `http://127.0.0.1:${s.port}`;
    let r = await req(s.port, post('/api/status/get', {}, { Origin: own }));
    assert.equal(r.status, 200, 'our own page');
    r = await req(s.port, post('/api/status/get', {}, { Origin: `http://localhost:${s.port}`, Host: `localhost:${s.port}` }));
    assert.equal(r.status, 200, 'our own page, named localhost');
    for (const origin of ['http://evil.example', `http://127.0.0.1:${s.port + 1}`, 'null', `https://127.0.0.1:${s.port}`]) {
      r = await req(s.port, post('/api/status/get', {}, { Origin: origin }));
      assert.equal(r.status, 403, origin);
      assert.match(JSON.parse(r.body).error.message, /only pages served by this server/);
    }
    // A form post from another page (no preflight) is refused twice over: Origin, and not JSON.
    r = await req(s.port, { method: 'POST', path: '/api/collections/create', headers: { 'Content-Type': 'text/plain' }, body: '{"name":"x"}' });
    assert.equal(r.status, 415);

    // DNS rebinding: evil.example resolving to 127.0.0.1 still says Host: evil.example.
    for (const host of [`evil.example:${s.port}`, `127.0.0.1:${s.port + 1}`, 'localhost', `192.0.2.99:${s.port}`]) {
      for (const probeReq of [post('/api/status/get', {}, { Host: host }), { path: '/', headers: { Host: host } }, { path: '/api/events', headers: { Host: host } }]) {
        r = await req(s.port, probeReq);
        assert.equal(r.status, 403, `${host} ${probeReq.path}`);
      }
    }
    r = await req(s.port, { path: '/', noHost: true });
    assert.equal(r.status, 403, 'no Host at all');

    // A CORS preflight gets nothing that would allow it.
    r = await req(s.port, { method: 'OPTIONS', path: '/api/status/get', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' } });
    assert.equal(r.status, 405);
  });
  assert.ok(seen.length > 20);
  for (const r of seen) {
    const corsHeaders = Object.keys(r.headers).filter((k) => k.startsWith('access-control-'));
    assert.deepEqual(corsHeaders, [], 'no CORS header on any response');
    assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.equal(r.headers['referrer-policy'], 'no-referrer');
    assert.doesNotMatch(r.body, /\n\s+at .+:\d+:\d+/, 'never a stack trace');
  }
});

test('static files: content types, client routes get index.html, nothing outside the build is reachable', async () => {
  const ws = workspace();
  const { root } = staticFixture();
  await withServer({ port: 0, dbPath: ws.db, env: ws.env, staticDir: root }, async (s) => {
    let r = await req(s.port, { path: '/' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(r.body, /INDEX-MARKER/);
    r = await req(s.port, { path: '/assets/app.js' });
    assert.equal(r.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(r.body, 'console.log("app")');
    r = await req(s.port, { path: '/assets/app.css' });
    assert.equal(r.headers['content-type'], 'text/css; charset=utf-8');
    r = await req(s.port, { method: 'HEAD', path: '/assets/app.css' });
    assert.equal(r.status, 200);
    assert.equal(r.body, '');
    r = await req(s.port, { path: '/collections/docs/runs/12?tab=log' });
    assert.equal(r.status, 200, 'a client-side route');
    assert.match(r.body, /INDEX-MARKER/);
    r = await req(s.port, { path: '/assets/missing.js' });
    assert.equal(r.status, 404, 'a missing file is not answered with HTML');

    const attacks = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/escape/secret.txt',
      '/escape',
      '/.env',
      '/assets/%00.js',
      '/%E0%A4%A',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
    ];
    for (const path of attacks) {
      r = await req(s.port, { path });
      assert.doesNotMatch(r.body, /OUTSIDE-SECRET|HIDDEN-SECRET|root:/, path);
      assert.ok(r.status === 404 || r.status === 400 || (r.status === 200 && /INDEX-MARKER/.test(r.body)), `${path}: ${r.status}`);
    }
  });
});
