import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TF from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import {
  buildDefaultModel, DEFAULT_MODEL_NAME, defaultModelDir, defaultModelStaleReason, findPackageRoot, findWinkVectors,
  WINK_PACKAGE,
} from './default-model';
import { corruptModel } from './test-models';

// transformers.js ships ESM types; its CommonJS build is loaded with require, typed via the import above.
const transformers = require('@huggingface/transformers') as typeof TF;
transformers.env.allowRemoteModels = false;

// A reduced vocabulary keeps these builds to well under a second each.
const SMALL = { vocabSize: 5000 };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedops-default-'));
}

const wink = findWinkVectors();
const noWink = `${WINK_PACKAGE} is not installed (devDependency), so the default-model build cannot be tested`;

test('the default model folder is resolved from the package root, not the cwd', () => {
  const root = findPackageRoot(__dirname);
  assert.ok(fs.existsSync(path.join(root, 'package.json')));
  assert.equal(defaultModelDir(root), path.join(root, 'resources', 'models', DEFAULT_MODEL_NAME));
  assert.equal(findWinkVectors(tempDir()), null, 'a folder without node_modules has no wink package');
});

test('building twice gives byte-identical folders', (t) => {
  if (!wink) return t.skip(noWink);
  const root = tempDir();
  const started = performance.now();
  const a = buildDefaultModel(path.join(root, 'a'), wink, SMALL);
  const b = buildDefaultModel(path.join(root, 'b'), wink, SMALL);
  assert.ok(performance.now() - started < 10_000);
  assert.deepEqual(a.manifest.files, b.manifest.files);
  assert.deepEqual(fs.readFileSync(path.join(a.dir, 'embedops-model.json')), fs.readFileSync(path.join(b.dir, 'embedops-model.json')));
  assert.equal(a.manifest.vocabSize, 5005);
  assert.equal(a.manifest.dimension, 100);
});

test('staleness: up to date after a build, stale for other settings or changed files', (t) => {
  if (!wink) return t.skip(noWink);
  const dir = path.join(tempDir(), DEFAULT_MODEL_NAME);
  assert.equal(defaultModelStaleReason(dir, SMALL), 'no model folder');
  buildDefaultModel(dir, wink, SMALL);
  assert.equal(defaultModelStaleReason(dir, SMALL), null);
  assert.equal(defaultModelStaleReason(dir, { ...SMALL, sifA: 1e-3 }), 'built with other settings');
  corruptModel(dir);
  assert.match(defaultModelStaleReason(dir, SMALL) ?? '', /onnx\/model\.onnx/);
});

test('embeds with transformers.js: unit vectors, related texts closer than unrelated', async (t) => {
  if (!wink) return t.skip(noWink);
  const dir = path.join(tempDir(), DEFAULT_MODEL_NAME);
  buildDefaultModel(dir, wink, SMALL);
  transformers.env.localModelPath = path.dirname(dir);
  const extractor = await transformers.pipeline('feature-extraction', DEFAULT_MODEL_NAME, { dtype: 'fp32' });
  try {
    const texts = ['The army attacked the city.', 'Soldiers and military forces fought a war.', 'She sang a song with her guitar.', 'xyzzy plugh', ''];
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    assert.deepEqual(out.dims, [5, 100]);
    const data = out.data as Float32Array;
    assert.ok(data.every(Number.isFinite), 'no NaN, even for unknown-only and empty text');
    const cos = (i: number, j: number): number => {
      let s = 0;
      for (let k = 0; k < 100; k++) s += (data[i * 100 + k] ?? 0) * (data[j * 100 + k] ?? 0);
      return s;
    };
    assert.ok(Math.abs(cos(0, 0) - 1) < 1e-5);
    assert.ok(cos(0, 1) > cos(0, 2) + 0.1, `war/army ${cos(0, 1)} vs song ${cos(0, 2)}`);
  } finally {
    await extractor.dispose();
  }
});

test('build script exits non-zero with a clear message when the wink package is missing', () => {
  // A throwaway copy of the compiled script and models in a package root without node_modules.
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'embedops-console' }));
  const dist = path.resolve(__dirname, '..', '..');
  fs.cpSync(path.join(dist, 'electron', 'models'), path.join(root, 'dist', 'electron', 'models'), { recursive: true });
  fs.mkdirSync(path.join(root, 'dist', 'scripts'));
  fs.copyFileSync(path.join(dist, 'scripts', 'build-models.js'), path.join(root, 'dist', 'scripts', 'build-models.js'));
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'build-models.js')], { cwd: os.tmpdir(), encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, new RegExp(`${WINK_PACKAGE} package is not installed`));
  assert.equal(r.stdout, '');
});
