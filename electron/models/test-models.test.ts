import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TF from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { BUILTIN_TEST_WORDS, buildRandomStaticModel, randomWordVector } from './test-models';

// transformers.js ships ESM types; its CommonJS build is loaded with require, typed via the import above.
const transformers = require('@huggingface/transformers') as typeof TF;
transformers.env.allowRemoteModels = false;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedops-testmodel-'));
}

test('builds in well under 200 ms', () => {
  const root = tempDir();
  buildRandomStaticModel(path.join(root, 'warm'), { dim: 64 }); // first call pays module/JIT warm-up
  const started = performance.now();
  buildRandomStaticModel(path.join(root, 'timed'), { dim: 64, quantized: true, words: ['extra', 'words'] });
  const ms = performance.now() - started;
  assert.ok(ms < 200, `took ${ms.toFixed(0)} ms`);
});

test('a word keeps its vector whatever else is in the vocabulary', () => {
  assert.deepEqual(randomWordVector('river', 16, 3), randomWordVector('river', 16, 3));
  assert.notDeepEqual(randomWordVector('river', 16, 3), randomWordVector('river', 16, 4));
  assert.ok(Math.abs(Math.hypot(...randomWordVector('river', 16)) - 1) < 1e-6);
  assert.ok(BUILTIN_TEST_WORDS.length > 300);
});

test('texts sharing words with the query score higher than unrelated texts', async () => {
  const dir = path.join(tempDir(), 'rand');
  buildRandomStaticModel(dir, { dim: 256, words: ['sqlite', 'embedding', 'vectors', 'stored'] });
  transformers.env.localModelPath = path.dirname(dir);
  const extractor = await transformers.pipeline('feature-extraction', path.basename(dir), { dtype: 'fp32' });
  try {
    const texts = [
      'backup the sqlite database before the batch job',        // shares 3 query words
      'the embedding vectors are stored in a sqlite database',  // shares 2
      'a red bird sang in the garden on a summer morning',      // unrelated
      'the football team played a game in the rain',            // unrelated
    ];
    const out = await extractor(['sqlite database backup', ...texts], { pooling: 'mean', normalize: true });
    const d = out.dims[1] as number;
    const data = out.data as Float32Array;
    const score = (i: number): number => {
      let s = 0;
      for (let k = 0; k < d; k++) s += (data[k] ?? 0) * (data[(i + 1) * d + k] ?? 0);
      return s;
    };
    const scores = texts.map((_, i) => score(i));
    assert.ok((scores[0] ?? 0) > (scores[1] ?? 0), `more shared words rank higher: ${scores.join(', ')}`);
    assert.ok(Math.min(scores[0] ?? 0, scores[1] ?? 0) > Math.max(scores[2] ?? 0, scores[3] ?? 0), `${scores.join(', ')}`);
  } finally {
    await extractor.dispose();
  }
});
