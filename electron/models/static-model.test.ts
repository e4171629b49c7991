import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TF from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { isVocabularyWord, readManifest, verifyModelFiles, writeStaticModel, type StaticModelSpec } from './static-model';
import { buildRandomStaticModel, corruptModel, removeModelFile } from './test-models';

// transformers.js ships ESM types; its CommonJS build is loaded with require, typed via the import above.
const transformers = require('@huggingface/transformers') as typeof TF;
transformers.env.allowRemoteModels = false;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedops-static-'));
}

/** Embeds with the real transformers.js pipeline; returns one row per text. */
async function embed(dir: string, texts: string[], dtype: 'fp32' | 'q8' = 'fp32'): Promise<Float32Array[]> {
  transformers.env.localModelPath = path.dirname(dir);
  const extractor = await transformers.pipeline('feature-extraction', path.basename(dir), { dtype });
  try {
    const out = await extractor(texts, { pooling: 'mean', normalize: true });
    const [n, d] = out.dims as [number, number];
    const data = out.data as Float32Array;
    return Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
  } finally {
    await extractor.dispose();
  }
}

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);

test('loads in transformers.js and gives [n, dim] unit vectors, also for unknown-only and empty text', async () => {
  const dir = path.join(tempDir(), 'rand');
  buildRandomStaticModel(dir, { dim: 24 });
  const rows = await embed(dir, ['The cat sat by the window.', 'zqxj vlorp grmbl', '', 'Ünïcödé MUSIC!']);
  assert.equal(rows.length, 4);
  for (const r of rows) {
    assert.equal(r.length, 24);
    assert.ok(r.every(Number.isFinite), 'no NaN or Infinity');
    assert.ok(Math.abs(Math.hypot(...r) - 1) < 1e-5, 'unit length');
  }
  // Accents are stripped and case folded like BERT: "Ünïcödé MUSIC!" contains the known word "music".
  const [music] = await embed(dir, ['music']);
  assert.ok(music && dot(rows[3] as Float32Array, music) > 0.5);
});

test('quantized variant loads with dtype q8 and stays close to fp32', async () => {
  const dir = path.join(tempDir(), 'rand-q');
  buildRandomStaticModel(dir, { dim: 32, quantized: true });
  const texts = ['red apple and green tree', 'the doctor went to the hospital', 'qqq', ''];
  const fp32 = await embed(dir, texts, 'fp32');
  const q8 = await embed(dir, texts, 'q8');
  fp32.forEach((v, i) => assert.ok(dot(v, q8[i] as Float32Array) > 0.99, `text ${i} cosine`));
});

test('int8 storage in model.onnx loads as fp32 and matches the fp32 table', async () => {
  const root = tempDir();
  const words = ['alpha', 'beta', 'gamma'];
  const vectors = Float32Array.from([1, 0, 0, 0, 1, 0, 0.6, 0.8, 0]);
  const spec: StaticModelSpec = { name: 'tiny', words, dimension: 3, vectors, license: 'MIT', source: 'test' };
  writeStaticModel(path.join(root, 'f'), spec);
  writeStaticModel(path.join(root, 'q'), { ...spec, storage: 'int8' });
  const f = await embed(path.join(root, 'f'), ['gamma', 'alpha beta']);
  const q = await embed(path.join(root, 'q'), ['gamma', 'alpha beta']);
  f.forEach((v, i) => assert.ok(dot(v, q[i] as Float32Array) > 0.999));
});

test('building twice gives identical files (sha256 of every file)', () => {
  const root = tempDir();
  const a = buildRandomStaticModel(path.join(root, 'a'), { dim: 16, seed: 7, name: 'same', quantized: true });
  const b = buildRandomStaticModel(path.join(root, 'b'), { dim: 16, seed: 7, name: 'same', quantized: true });
  assert.deepEqual(a.manifest.files, b.manifest.files);
  assert.equal(Object.keys(a.manifest.files).length, 5);
  const manifestBytes = (d: string): Buffer => fs.readFileSync(path.join(d, 'embedops-model.json'));
  assert.deepEqual(manifestBytes(a.dir), manifestBytes(b.dir));
});

test('manifest records every file and detects a changed one', () => {
  const dir = path.join(tempDir(), 'm');
  buildRandomStaticModel(dir, { dim: 8 });
  const manifest = readManifest(dir);
  assert.ok(manifest);
  assert.equal(manifest.dimension, 8);
  assert.deepEqual(verifyModelFiles(dir, manifest), []);
  corruptModel(dir);
  assert.deepEqual(verifyModelFiles(dir, manifest), ['onnx/model.onnx']);
});

test('a corrupt or incomplete model folder fails to load', async () => {
  const root = tempDir();
  const corrupt = path.join(root, 'corrupt');
  buildRandomStaticModel(corrupt, { dim: 8 });
  corruptModel(corrupt);
  await assert.rejects(embed(corrupt, ['cat']));
  const missing = path.join(root, 'missing');
  buildRandomStaticModel(missing, { dim: 8 });
  removeModelFile(missing, 'tokenizer.json');
  await assert.rejects(embed(missing, ['cat']));
});

test('vocabulary words are what the BERT tokenizer can produce as one token', () => {
  for (const w of ['cat', '1990', ',', 'naïve'.normalize('NFD').replace(/\p{Mn}/gu, '')]) assert.ok(isVocabularyWord(w), w);
  for (const w of ['Cat', 'naïve', 'u.s.', 'well-known', 'two words', '', '##ing']) assert.ok(!isVocabularyWord(w), w);
});

test('rejects bad specs', () => {
  const dir = path.join(tempDir(), 'bad');
  const base: StaticModelSpec = { name: 'x', words: ['a', 'b'], dimension: 2, vectors: new Float32Array(4), license: 'MIT', source: 't' };
  assert.throws(() => writeStaticModel(dir, { ...base, vectors: new Float32Array(3) }), /expected 2 x 2/);
  assert.throws(() => writeStaticModel(dir, { ...base, words: ['a', 'a'] }), /duplicate/);
  assert.throws(() => writeStaticModel(dir, { ...base, words: ['a', 'B'] }), /not a tokenizer-reachable/);
  assert.throws(() => writeStaticModel(dir, { ...base, vectors: Float32Array.from([0, 0, NaN, 0]) }), /not finite/);
  assert.ok(!fs.existsSync(dir), 'nothing written for a rejected spec');
});
