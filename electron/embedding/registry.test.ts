import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { buildRandomStaticModel, removeModelFile } from '../models/test-models';
import { builtinModelsDir, userModelsDir } from '../paths';
import { tempDir, testModel } from '../testing/harness';
import { resolveModel } from './model-folder';
import { declaredMaxTokens, findModel, listModels, modelProblems, readLicense, searchRoots } from './registry';

// The registry reads folders only (nothing here loads a model), so these tests run on the main thread.

function setup() {
  const dir = tempDir('embedops-registry-');
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  mkdirSync(a);
  mkdirSync(b);
  const env: NodeJS.ProcessEnv = { EMBEDOPS_MODELS: [a, b].join(delimiter), XDG_CONFIG_HOME: join(dir, 'config') };
  return { dir, a, b, env, user: userModelsDir(env) };
}

const sha256 = (file: string) => `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`;

test('list: one entry per model folder with variants, sizes, fingerprints, max tokens, declared dimension, license, source', async () => {
  const { a, env, user } = setup();
  const m = join(a, 'quant-model');
  buildRandomStaticModel(m, { dim: 12, quantized: true, maxLength: 128 });
  testModel(user, 'user-model', 8);

  const r = await listModels(env);
  assert.deepEqual(r.searchPath.map((s) => s.source), ['env', 'env', 'user', 'builtin']);
  assert.equal(r.searchPath[0]!.models, 1);
  assert.equal(r.searchPath[2]!.dir, user);

  const q = r.models.find((x) => x.name === 'quant-model')!;
  assert.ok(q, 'the env model is listed');
  assert.equal(q.source, 'env');
  assert.equal(q.dir, m);
  assert.deepEqual(q.variants.map((v) => [v.dtype, v.file]), [['fp32', 'onnx/model.onnx'], ['q8', 'onnx/model_quantized.onnx']]);
  for (const v of q.variants) {
    assert.equal(v.fingerprint, sha256(join(m, v.file)), 'fingerprint = sha256 of the ONNX file');
    assert.equal(v.bytes, statSync(join(m, v.file)).size);
  }
  assert.equal(q.defaultDtype, 'fp32');
  assert.equal(q.declaredDimension, 12, 'hidden_size, read without loading the model');
  assert.equal(q.maxTokens, 128);
  assert.equal(q.modelType, 'bert');
  assert.deepEqual(q.license, { name: 'MIT', from: 'embedops-model.json' });
  assert.deepEqual(q.problems, []);
  assert.deepEqual(q.shadows, []);
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'embedops-model.json'];
  assert.equal(q.sizeBytes, files.reduce((s, f) => s + statSync(join(m, f)).size, 0));

  const u = r.models.find((x) => x.name === 'user-model')!;
  assert.equal(u.source, 'user');
  assert.deepEqual(u.variants.map((v) => v.dtype), ['fp32']);

  // Names are sorted, and every listed name resolves to the folder the list shows.
  assert.deepEqual(r.models.map((x) => x.name), [...r.models.map((x) => x.name)].sort());
  for (const x of r.models) assert.equal(resolveModel(x.name, env).dir, x.dir, `${x.name} resolves where list says`);
  for (const x of r.models.filter((x) => x.source === 'builtin')) assert.equal(x.dir, join(builtinModelsDir(), x.name));
});

test('shadowing: the first folder in the search path wins; the others are reported as hidden by it', async () => {
  const { a, b, env, user } = setup();
  testModel(a, 'same', 8);
  testModel(b, 'same', 16);
  testModel(user, 'same', 24);
  testModel(b, 'only-b', 8);

  const r = await listModels(env);
  const same = r.models.filter((m) => m.name === 'same');
  assert.equal(same.length, 1, 'one entry per name');
  assert.equal(same[0]!.dir, join(a, 'same'));
  assert.equal(same[0]!.declaredDimension, 8);
  assert.deepEqual(same[0]!.shadows.map((s) => [s.dir, s.source]), [[join(b, 'same'), 'env'], [join(user, 'same'), 'user']]);
  assert.deepEqual(
    r.shadowed.map((s) => [s.name, s.dir, s.shadowedBy]),
    [['same', join(b, 'same'), join(a, 'same')], ['same', join(user, 'same'), join(a, 'same')]],
  );
  assert.equal(resolveModel('same', env).dir, join(a, 'same'), 'resolveModel agrees');
  assert.equal((await findModel('same', env)).dir, join(a, 'same'));
  assert.equal((await findModel('only-b', env)).source, 'env');
});

test('incomplete folders are listed with problems that name the missing or corrupt file', async () => {
  const { a, env } = setup();
  removeModelFile(testModel(a, 'no-tokenizer', 8), 'tokenizer.json');
  removeModelFile(testModel(a, 'no-tokenizer-config', 8), 'tokenizer_config.json');
  removeModelFile(testModel(a, 'no-weights', 8), 'onnx/model.onnx');
  writeFileSync(join(testModel(a, 'bad-config', 8), 'config.json'), '{ not json');
  mkdirSync(join(a, 'not-a-model'));
  writeFileSync(join(a, 'not-a-model', 'notes.txt'), 'hello');
  testModel(a, '.importing-x-1-2', 8);

  const r = await listModels(env);
  const byName = new Map(r.models.map((m) => [m.name, m]));
  assert.ok(!byName.has('not-a-model'), 'a folder without config.json or onnx/ is not a model');
  assert.ok(!byName.has('.importing-x-1-2'), 'hidden folders (an import in progress) are not models');
  assert.match(byName.get('no-tokenizer')!.problems.join(' '), /missing tokenizer\.json/);
  assert.match(byName.get('no-tokenizer-config')!.problems.join(' '), /missing tokenizer_config\.json/);
  assert.match(byName.get('no-weights')!.problems.join(' '), /onnx\/model\.onnx.*onnx\/model_quantized\.onnx/);
  assert.equal(byName.get('no-weights')!.defaultDtype, null);
  assert.deepEqual(byName.get('no-weights')!.variants, []);
  assert.match(byName.get('bad-config')!.problems.join(' '), /corrupt config\.json/);
  assert.equal(byName.get('bad-config')!.declaredDimension, null);
  for (const name of ['no-tokenizer', 'no-tokenizer-config', 'no-weights', 'bad-config']) {
    assert.match(byName.get(name)!.problems[0]!, new RegExp(join(a, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'each problem names the folder');
  }
  assert.deepEqual(modelProblems(testModel(a, 'fine', 8)), []);
});

test('max tokens: tokenizer model_max_length capped by max_position_embeddings; a "no limit" tokenizer uses the config', () => {
  const dir = tempDir('embedops-registry-');
  const m = testModel(dir, 'm', 8);
  const set = (file: string, patch: Record<string, unknown>) => {
    const p = join(m, file);
    writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), ...patch }));
  };
  set('tokenizer_config.json', { model_max_length: 256 });
  set('config.json', { max_position_embeddings: 512 });
  assert.equal(declaredMaxTokens(m), 256);
  set('config.json', { max_position_embeddings: 128 });
  assert.equal(declaredMaxTokens(m), 128);
  set('tokenizer_config.json', { model_max_length: 1e30 });
  set('config.json', { max_position_embeddings: 514 });
  assert.equal(declaredMaxTokens(m), 514);
  set('config.json', { max_position_embeddings: null });
  assert.equal(declaredMaxTokens(m), null);
});

test('license: embedops-model.json, else a model card front matter, else the first line of LICENSE', () => {
  const dir = tempDir('embedops-registry-');
  const m = testModel(dir, 'm', 8);
  assert.deepEqual(readLicense(m), { name: 'MIT', from: 'embedops-model.json' });
  removeModelFile(m, 'embedops-model.json');
  assert.equal(readLicense(m), null);
  writeFileSync(join(m, 'LICENSE'), '\n                                 Apache License\n   Version 2.0, January 2004\n');
  assert.deepEqual(readLicense(m), { name: 'Apache License', from: 'LICENSE' });
  writeFileSync(join(m, 'README.md'), '---\nlanguage: en\nlicense: "apache-2.0"\ntags:\n- sentence-transformers\n---\n# Model\n');
  assert.deepEqual(readLicense(m), { name: 'apache-2.0', from: 'README.md' });
});

test('search path: a folder given twice counts once; a search folder that is itself a model gets a note', async () => {
  const { dir, env, user } = setup();
  const model = testModel(dir, 'direct', 8);
  const env2 = { ...env, EMBEDOPS_MODELS: [user, model].join(delimiter) };
  const roots = searchRoots(env2);
  assert.deepEqual(roots.map((r) => r.source), ['env', 'env', 'builtin'], 'the user folder listed in EMBEDOPS_MODELS counts there, once');
  const r = await listModels(env2);
  assert.match(r.searchPath[1]!.note ?? '', /itself a model folder.*add its parent/);
  assert.equal(r.searchPath[0]!.exists, false);
});

test('findModel: by name, by folder path (source "path"), and an unknown name lists what there is', async () => {
  const { a, dir, env } = setup();
  testModel(a, 'known', 8);
  const loose = testModel(join(dir, 'usb'), 'loose', 8);
  const byPath = await findModel(loose, env);
  assert.equal(byPath.source, 'path');
  assert.equal(byPath.name, loose);
  await assert.rejects(findModel('nope', env), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'not_found');
    assert.match(err.message, /No model named "nope"/);
    assert.match(err.message, /known/);
    assert.match(err.message, /embedops models import/);
    return true;
  });
  await assert.rejects(findModel(join(dir, 'missing-folder'), env), /does not exist/);
});
