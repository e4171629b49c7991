import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTP_STATUS } from '../../shared/http';
import { tempDir, workspace } from '../testing/harness';
import { probe } from './http-probe';
import { MAX_BODY_BYTES } from './request-body';
import { startServer } from './serve';

/* The HTTP mapping of the contract: what a client gets for every kind of bad request. */

const post = (path: string, body: string, type = 'application/json') => ({ method: 'POST', path, headers: { 'Content-Type': type }, body });
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

test('bad requests get the right status and a JSON error that says what to do, never a stack', async () => {
  const ws = workspace();
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env, maxBodyBytes: 4096, staticDir: tempDir() });
  try {
    const cases: { name: string; req: Parameters<typeof probe>[1]; status: number; code: string; message: RegExp; allow?: string }[] = [
      { name: 'unknown API path', req: { path: '/api/nope' }, status: 404, code: 'not_found', message: /POST \/api\/<name>/ },
      { name: 'unknown command', req: post('/api/nope/never', '{}'), status: 404, code: 'not_found', message: /Unknown command "nope\/never"/ },
      { name: 'command with GET', req: { path: '/api/collections/list' }, status: 405, code: 'usage', message: /takes POST/, allow: 'POST' },
      { name: 'events with POST', req: post('/api/events', '{}'), status: 405, code: 'usage', message: /takes GET/, allow: 'GET' },
      { name: 'invalid JSON', req: post('/api/collections/list', '{"oops": '), status: 400, code: 'usage', message: /not valid JSON/ },
      { name: 'invalid input', req: post('/api/runs/get', '{"runId": "seven"}'), status: 400, code: 'usage', message: /runId/ },
      { name: 'not JSON at all', req: post('/api/collections/list', 'name=x', 'application/x-www-form-urlencoded'), status: 415, code: 'usage', message: /Content-Type: application\/json/ },
      { name: 'too large', req: post('/api/import/upload', 'x'.repeat(5000)), status: 413, code: 'invalid_input', message: /limit is 0\.004 MB.*import\/paths/ },
      {
        name: 'too large, chunked',
        req: { method: 'POST', path: '/api/import/upload', headers: { 'Content-Type': 'application/json' }, chunks: Array.from({ length: 10 }, () => 'y'.repeat(1000)) },
        status: 413,
        code: 'invalid_input',
        message: /over 0\.004 MB/,
      },
      { name: 'missing collection', req: post('/api/collections/get', '{"name": "absent"}'), status: HTTP_STATUS.not_found, code: 'not_found', message: /absent/ },
    ];
    for (const c of cases) {
      const r = await probe(s.port, c.req);
      assert.equal(r.status, c.status, `${c.name}: ${r.body}`);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8', c.name);
      assert.equal(r.headers['cache-control'], 'no-store', c.name);
      const e = errorOf(r.body);
      assert.equal(e.code, c.code, c.name);
      assert.match(e.message, c.message, c.name);
      assert.doesNotMatch(r.body, /\n\s+at |\.js:\d+/, `${c.name}: no stack trace`);
      if (c.allow) assert.equal(r.headers.allow, c.allow, c.name);
    }
    // An empty body is an empty input object.
    const empty = await probe(s.port, { method: 'POST', path: '/api/collections/list' });
    assert.equal(empty.status, 200);
    assert.deepEqual(JSON.parse(empty.body), { data: [] });
    // Other methods on pages.
    const put = await probe(s.port, { method: 'PUT', path: '/' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.allow, 'GET, HEAD');
  } finally {
    await s.close();
  }
  assert.equal(MAX_BODY_BYTES, 100 * 1024 * 1024, 'the default limit leaves room for import/upload (90 MB of base64 per file)');
});

test('before the UI is built, / explains how to build it and the API still works', async () => {
  const ws = workspace();
  const s = await startServer({ port: 0, dbPath: ws.db, env: ws.env, staticDir: tempDir() });
  try {
    for (const path of ['/', '/collections/docs']) {
      const page = await probe(s.port, { path });
      assert.equal(page.status, 200);
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(page.body, /not built/);
      assert.match(page.body, /npm run build/);
      assert.doesNotMatch(page.body, /<script/);
    }
    const api = await probe(s.port, post('/api/status/get', '{}'));
    assert.equal(api.status, 200);
    assert.equal(JSON.parse(api.body).data.database, ws.db);
  } finally {
    await s.close();
  }
});
