import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { JobManager } from '../jobs/manager';
import { cli, engineFor, workspace } from '../testing/harness';
import { dispatch } from '.';
import type { HandlerContext } from './types';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('uploads keep their folder-relative names as document ids, record upload:… paths, and cannot escape the upload folder', async () => {
  const ws = workspace();
  await cli(['collections', 'create', 'c', '--model', 'test-model'], ws.env);
  const engine = engineFor(ws);
  const ctx: HandlerContext = { engine, jobs: new JobManager(engine), readOnly: false, uploadsDir: join(ws.dir, 'uploads') };

  for (const name of ['../evil.md', 'a/../../evil.md', '.hidden.md', '']) {
    await assert.rejects(dispatch('import/upload', { collection: 'c', files: [{ name, base64: b64('wing lift') }] }, ctx), (e: unknown) => e instanceof EmbedOpsError && e.code === 'usage', name);
  }
  assert.ok(!existsSync(join(ws.dir, 'evil.md')));

  const report = (await dispatch('import/upload', { collection: 'c', files: [{ name: 'notes/wing.md', base64: b64('# Wing\n\nlift and drag') }, { name: 'flow.txt', base64: b64('laminar flow') }] }, ctx)) as { documents: { added: number }; runId: number };
  assert.equal(report.documents.added, 2);
  const docs = engine.db.prepare('SELECT external_id, source_path FROM documents ORDER BY external_id').all();
  assert.deepEqual(docs, [
    { external_id: 'flow.txt', source_path: 'upload:flow.txt' },
    { external_id: 'notes/wing.md', source_path: 'upload:notes/wing.md' },
  ]);
  const command = engine.db.prepare('SELECT command FROM runs WHERE id = ?').pluck().get(report.runId) as string;
  assert.match(command, /^embedops import c <uploaded: /);
  assert.deepEqual(readdirSync(ctx.uploadsDir), [], 'the temporary upload folder is removed');
});
