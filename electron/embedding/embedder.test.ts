import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testModel, tempDir } from '../testing/harness';
import { Embedder } from './embedder';
import { modelFingerprint, resolveModel } from './model-folder';

test('the worker returns one unit vector per text, in order, as Float32Arrays; queued batches all complete', async () => {
  const model = resolveModel(testModel(tempDir(), 'm', 24));
  const e = await Embedder.open(model, 'fp32');
  try {
    assert.equal(e.dimension, 24);
    const [a, b, c] = await Promise.all([e.embed(['wing lift', 'heat transfer']), e.embed(['wing lift']), e.embed([''])]);
    assert.equal(a!.length, 2);
    assert.ok(a![0] instanceof Float32Array);
    const norm = Math.hypot(...a![0]!);
    assert.ok(Math.abs(norm - 1) < 1e-4);
    assert.deepEqual([...b![0]!], [...a![0]!], 'same text, same vector, whatever else is in the batch');
    assert.ok(c![0]!.every(Number.isFinite), 'an empty text does not pool to NaN');
  } finally {
    await e.close();
  }
  await assert.rejects(e.embed(['x']), /closed/);
});

test('the fingerprint is the sha256 of the ONNX file actually loaded', async () => {
  const dir = testModel(tempDir(), 'm', 8);
  const fp = await modelFingerprint(resolveModel(dir), 'fp32');
  assert.match(fp, /^sha256:[0-9a-f]{64}$/);
  assert.ok(readdirSync(join(dir, 'onnx')).includes('model.onnx'));
});
