import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { buildRandomStaticModel, corruptModel, removeModelFile } from '../models/test-models';
import { userModelsDir } from '../paths';
import { cli, testModel, workspace, writeCorpus } from '../testing/harness';

// `embedops models …` through the real CLI in a child process, on real model folders built in temp dirs.

const SHARED_MODELS = join(__dirname, '..', '..', '..', '..', 'shared', 'models');
const noShared = `${SHARED_MODELS} is absent (it exists beside the repository on the build machines); skipped`;

function noStack(r: { stdout: string; stderr: string }) {
  assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
}

test('models list --json: every model with its fields, the search path, and no model loaded; the text form is a table', async () => {
  const ws = workspace(16);
  // A corrupt ONNX file still lists as complete: list reads files, it never loads a model.
  corruptModel(testModel(join(ws.dir, 'models'), 'corrupt-but-listed', 8));
  buildRandomStaticModel(join(ws.dir, 'models', 'quant'), { dim: 12, quantized: true });

  const r = await cli(['models', 'list', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(Object.keys(r.json).sort(), ['models', 'searchPath', 'shadowed']);
  const names = r.json.models.map((m: { name: string }) => m.name);
  for (const n of ['corrupt-but-listed', 'quant', 'test-model']) assert.ok(names.includes(n), `${n} listed`);
  const m = r.json.models.find((x: { name: string }) => x.name === 'test-model');
  assert.deepEqual(Object.keys(m).sort(), [
    'declaredDimension', 'defaultDtype', 'dir', 'license', 'maxTokens', 'modelType', 'name', 'problems', 'shadows', 'sizeBytes', 'source', 'variants',
  ]);
  assert.equal(m.source, 'env');
  assert.equal(m.declaredDimension, 16);
  assert.equal(m.maxTokens, 512);
  assert.match(m.variants[0].fingerprint, /^sha256:[0-9a-f]{64}$/);
  assert.ok(!('dimension' in m), 'list never probes a dimension');
  assert.deepEqual(r.json.models.find((x: { name: string }) => x.name === 'quant').variants.map((v: { dtype: string }) => v.dtype), ['fp32', 'q8']);
  assert.deepEqual(r.json.models.find((x: { name: string }) => x.name === 'corrupt-but-listed').problems, []);
  assert.deepEqual(r.json.searchPath[0], { dir: join(ws.dir, 'models'), source: 'env', exists: true, models: 3 });

  const t = await cli(['models', 'list'], ws.env);
  assert.equal(t.code, 0);
  assert.match(t.stdout, /^model\s+source\s+variants\s+size\s+max tokens\s+dim \(declared\)/);
  assert.match(t.stdout, /\nquant\s+env\s+fp32,q8\s/);
  assert.match(t.stdout, /Search path \(first match wins\):\n\s+env\s+/);
  assert.ok(!existsSync(ws.db), 'model commands never open (or create) the database');
});

test('models list shows shadowed duplicates; show says which folder hides which', async () => {
  const ws = workspace(16);
  const other = join(ws.dir, 'other-models');
  testModel(other, 'test-model', 24);
  const env = { ...ws.env, EMBEDOPS_MODELS: [join(ws.dir, 'models'), other].join(delimiter) };
  const r = await cli(['models', 'list', '--json'], env);
  assert.equal(r.code, 0);
  assert.deepEqual(r.json.shadowed, [{ name: 'test-model', dir: join(other, 'test-model'), source: 'env', shadowedBy: ws.model }]);
  const t = await cli(['models', 'list'], env);
  assert.match(t.stdout, /note: .*other-models\/test-model \(env\) is hidden by .*models\/test-model/);
  const s = await cli(['models', 'show', 'test-model'], env);
  assert.match(s.stdout, /hides\s+.*other-models\/test-model \(env\)/);
});

test('models show probes the dimension by loading the model; an unknown name is exit 2 with the models there', async () => {
  const ws = workspace(16);
  buildRandomStaticModel(join(ws.dir, 'models', 'wide'), { dim: 40, quantized: true });
  let r = await cli(['models', 'show', 'wide', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.model.name, 'wide');
  assert.equal(r.json.model.declaredDimension, 40);
  assert.deepEqual(r.json.probe.ok, true);
  assert.equal(r.json.probe.dimension, 40);
  assert.equal(r.json.probe.dtype, 'fp32');
  assert.equal(typeof r.json.probe.loadMs, 'number');
  r = await cli(['models', 'show', 'wide', '--dtype', 'q8', '--json'], ws.env);
  assert.equal(r.json.probe.dtype, 'q8');
  assert.equal(r.json.probe.dimension, 40);
  r = await cli(['models', 'show', 'wide'], ws.env);
  assert.match(r.stdout, /probed dim\s+40 \(fp32, loaded in \d+ ms/);

  r = await cli(['models', 'show', 'nope', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.equal(r.json.error.code, 'not_found');
  assert.match(r.json.error.message, /No model named "nope".*test-model.*wide/);
  r = await cli(['models', 'frobnicate'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown models command "frobnicate".*models list\|show/);
  noStack(r);
});

test('models import copies a folder into the user models folder; the model then works for collections create', async () => {
  const ws = workspace(16);
  const usb = join(ws.dir, 'usb');
  const src = testModel(usb, 'usb-model', 20);
  mkdirSync(join(src, '.git'));
  writeFileSync(join(src, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  const user = userModelsDir(ws.env);

  let r = await cli(['models', 'import', src, '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const to = join(user, 'usb-model');
  assert.equal(r.json.to, to);
  assert.equal(r.json.from, src);
  assert.equal(r.json.files, 5, 'config, tokenizer, tokenizer_config, onnx/model.onnx, embedops-model.json');
  assert.ok(r.json.bytes > 0);
  assert.deepEqual(r.json.skipped, ['.git']);
  assert.equal(r.json.model.source, 'user');
  assert.equal(r.json.model.dir, to);
  for (const f of ['config.json', 'tokenizer.json', 'onnx/model.onnx']) assert.deepEqual(readFileSync(join(to, f)), readFileSync(join(src, f)), f);
  assert.deepEqual(readdirSync(user), ['usb-model'], 'no temp folder left behind');
  const fingerprint = r.json.model.variants[0].fingerprint;

  // The imported model is usable by name, and records the same fingerprint.
  r = await cli(['collections', 'create', 'c', '--model', 'usb-model', '--chunk-size', '40', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.collection.settings.modelId, 'usb-model');
  assert.equal(r.json.collection.settings.dimension, 20);
  assert.equal(r.json.collection.settings.modelFingerprint, fingerprint);
  const corpus = writeCorpus(join(ws.dir, 'docs.jsonl'), 3);
  assert.equal((await cli(['import', 'c', corpus], ws.env)).code, 0);
  assert.equal((await cli(['backfill', 'c', '--mode', 'missing'], ws.env)).code, 0);
  assert.equal((await cli(['verify', 'c'], ws.env)).code, 0);

  // Again: refused (exit 3), nothing replaced, and the message says how to remove or rename.
  r = await cli(['models', 'import', src, '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.equal(r.json.error.code, 'refused');
  assert.match(r.json.error.message, /already in .*rm -r ".*usb-model".*another name: embedops models import .* NEW_NAME/);
  // Under another name it works, in human text.
  r = await cli(['models', 'import', src, 'usb-copy'], ws.env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Imported .*usb-model as usb-copy: 5 files, .* → .*usb-copy\n\s+fp32\s+sha256:/);
  assert.match(r.stdout, /not copied: \.git/);
  assert.deepEqual(readdirSync(user).sort(), ['usb-copy', 'usb-model']);
});

test('models import refuses an incomplete or damaged folder (exit 4, the file named) and leaves nothing behind', async () => {
  const ws = workspace(16);
  const user = userModelsDir(ws.env);
  const usb = join(ws.dir, 'usb');
  for (const [name, file] of [['no-tok', 'tokenizer.json'], ['no-config', 'config.json'], ['no-tok-config', 'tokenizer_config.json'], ['no-onnx', 'onnx/model.onnx']] as const) {
    removeModelFile(testModel(usb, name, 8), file);
    const r = await cli(['models', 'import', join(usb, name), '--json'], ws.env);
    assert.equal(r.code, 4, `${name}: ${r.stdout}`);
    assert.equal(r.json.error.code, 'model');
    assert.ok(r.json.error.message.includes(file), `${name}: the message names ${file}: ${r.json.error.message}`);
  }
  // A file that differs from embedops-model.json: a damaged copy.
  const damaged = testModel(usb, 'damaged', 8);
  writeFileSync(join(damaged, 'config.json'), readFileSync(join(damaged, 'config.json'), 'utf8') + '\n');
  let r = await cli(['models', 'import', damaged, '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.match(r.json.error.message, /config\.json differs from .*embedops-model\.json/);
  r = await cli(['models', 'import', join(usb, 'nothing-here'), '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.json.error.message, /is not a folder/);
  r = await cli(['models', 'import', testModel(usb, 'fine', 8), '../escape', '--json'], ws.env);
  assert.equal(r.code, 2);
  assert.match(r.json.error.message, /cannot be a model name/);
  assert.ok(!existsSync(user) || readdirSync(user).length === 0, 'nothing was copied');
  noStack(r);
});

test('models import refuses a name another search folder has; importing a folder from the search path itself is allowed', async () => {
  const ws = workspace(16);
  const usb = join(ws.dir, 'usb');
  // "test-model" is already in EMBEDOPS_MODELS (another folder): refused.
  let r = await cli(['models', 'import', testModel(usb, 'test-model', 8), '--json'], ws.env);
  assert.equal(r.code, 3);
  assert.match(r.json.error.message, /already exists in the search path \(env: .*models\/test-model\).*be hidden by it.*NEW_NAME/);
  // The built-in model's name: refused too (the copy would hide it).
  r = await cli(['models', 'import', testModel(usb, 'embedops-static-100d', 8), '--json'], ws.env);
  if (existsSync(join(__dirname, '..', '..', '..', 'resources', 'models', 'embedops-static-100d'))) {
    assert.equal(r.code, 3);
    assert.match(r.json.error.message, /builtin.*hide it/);
  }
  // The very folder EMBEDOPS_MODELS points at: a persistent copy, same files.
  r = await cli(['models', 'import', ws.model, '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.json.warnings[0], /loads it rather than the copy \(same files, same fingerprint\)/);
  // Once EMBEDOPS_MODELS is gone, the name resolves to the copy.
  const { EMBEDOPS_MODELS: _gone, ...noEnvModels } = ws.env;
  r = await cli(['models', 'show', 'test-model', '--json'], noEnvModels);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(r.json.model.source, 'user');
  assert.equal(r.json.probe.dimension, 16);
});

test('models import removes a half-copied import left by a dead process, and listing never shows one', async () => {
  const ws = workspace(16);
  const user = userModelsDir(ws.env);
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
  const stale = join(user, `.importing-half-${deadPid}-1`);
  testModel(stale, 'onnx', 8);
  let r = await cli(['models', 'list', '--json'], ws.env);
  assert.ok(!r.json.models.some((m: { name: string }) => m.name.includes('importing')));
  r = await cli(['models', 'import', testModel(join(ws.dir, 'usb'), 'fresh', 8)], ws.env);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(user), ['fresh']);
});

test('models verify: PASS loads every variant offline and checks the vectors; FAIL (exit 4) names what is wrong', async () => {
  const ws = workspace(16);
  const models = join(ws.dir, 'models');
  buildRandomStaticModel(join(models, 'both'), { dim: 24, quantized: true });

  let r = await cli(['models', 'verify', 'both', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.json.status, 'PASS');
  assert.deepEqual(r.json.manifest, { checked: true, mismatched: [] });
  assert.deepEqual(r.json.variants.map((v: { dtype: string }) => v.dtype), ['fp32', 'q8']);
  for (const v of r.json.variants) {
    assert.equal(v.ok, true);
    assert.equal(v.dimension, 24);
    assert.equal(v.maxTokens, 512);
    assert.equal(typeof v.loadMs, 'number');
    assert.match(v.fingerprint, /^sha256:/);
    assert.deepEqual(v.checks.map((c: { name: string }) => c.name), [
      'weights present', 'folder complete', 'loads offline', 'one vector per text', 'finite values', 'unit vectors', 'deterministic', 'different texts differ',
    ]);
    assert.ok(v.checks.every((c: { ok: boolean }) => c.ok));
  }
  r = await cli(['models', 'verify', 'both', '--dtype', 'q8', '--json'], ws.env);
  assert.deepEqual(r.json.variants.map((v: { dtype: string }) => v.dtype), ['q8']);
  r = await cli(['models', 'verify', 'both'], ws.env);
  assert.match(r.stdout, /^PASS  both/);
  assert.match(r.stdout, /ok    files match embedops-model\.json/);
  assert.match(r.stdout, /fp32  sha256:[0-9a-f]+  24-d  load \d+ ms/);

  // The variant asked for is absent: FAIL, with the way out.
  r = await cli(['models', 'verify', 'test-model', '--dtype', 'q8', '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.equal(r.json.status, 'FAIL');
  assert.match(r.json.variants[0].checks[0].detail, /missing onnx\/model_quantized\.onnx\. The folder has the fp32 variant: pass --dtype fp32/);

  // A truncated ONNX file: fails to load, reported, no crash.
  corruptModel(testModel(models, 'corrupt', 8));
  r = await cli(['models', 'verify', 'corrupt', '--json'], ws.env);
  assert.equal(r.code, 4, r.stdout + r.stderr);
  const load = r.json.variants[0].checks.find((c: { name: string }) => c.name === 'loads offline');
  assert.equal(load.ok, false);
  assert.match(load.detail, /failed to load/);
  assert.deepEqual(r.json.manifest.mismatched, ['onnx/model.onnx'], 'the manifest catches it too');

  // A file changed since the manifest was written.
  const changed = testModel(models, 'changed', 8);
  writeFileSync(join(changed, 'tokenizer_config.json'), readFileSync(join(changed, 'tokenizer_config.json'), 'utf8') + ' ');
  r = await cli(['models', 'verify', 'changed', '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.deepEqual(r.json.manifest.mismatched, ['tokenizer_config.json']);
  assert.equal(r.json.variants[0].ok, true, 'it still loads; the files are just not the ones shipped');
  r = await cli(['models', 'verify', 'changed'], ws.env);
  assert.match(r.stdout, /^FAIL  changed/);
  assert.match(r.stdout, /FAIL  files: tokenizer_config\.json differ from embedops-model\.json/);

  // Incomplete: FAIL without loading anything.
  removeModelFile(testModel(models, 'incomplete', 8), 'tokenizer.json');
  r = await cli(['models', 'verify', 'incomplete', '--json'], ws.env);
  assert.equal(r.code, 4);
  assert.match(r.json.model.problems[0], /missing tokenizer\.json/);
  assert.equal(r.json.variants[0].checks.find((c: { name: string }) => c.name === 'folder complete').ok, false);
  assert.ok(!existsSync(ws.db), 'model commands never open the database');
  noStack(r);
});

test('the shared random BERT models (when present): listed, verified in both variants, imported from a read-only folder', async (t) => {
  if (!existsSync(join(SHARED_MODELS, 'tiny-random-bert'))) return t.skip(noShared);
  const ws = workspace(16);
  const env = { ...ws.env, EMBEDOPS_MODELS: SHARED_MODELS };
  let r = await cli(['models', 'list', '--json'], env);
  const tiny = r.json.models.find((m: { name: string }) => m.name === 'tiny-random-bert');
  assert.equal(tiny.declaredDimension, 32);
  assert.deepEqual(tiny.variants.map((v: { dtype: string }) => v.dtype), ['fp32', 'q8']);
  r = await cli(['models', 'verify', 'tiny-random-bert', '--json'], env);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(r.json.variants.map((v: { dimension: number }) => v.dimension), [32, 32]);
  assert.equal(r.json.manifest.checked, false, 'no embedops-model.json in a Hugging Face folder');
  r = await cli(['models', 'import', join(SHARED_MODELS, 'tiny-random-bert'), 'tiny-copy', '--json'], ws.env);
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(r.json.model.variants.map((v: { fingerprint: string }) => v.fingerprint), tiny.variants.map((v: { fingerprint: string }) => v.fingerprint));
  accessSync(join(r.json.to, 'onnx', 'model.onnx'), constants.W_OK);
});
