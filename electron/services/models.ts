/**
 * Model folders as a service: list, show (with a probed dimension), import from a folder (a USB
 * stick, a Hugging Face snapshot) into the user's models folder, and verify. Models load only in
 * the process's embedding worker, through Embedder; this file never touches transformers.js.
 */
import { copyFileSync, chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { ModelCheck, ModelImportReport, ModelInfo, ModelProbe, ModelShowReport, ModelVariantReport, ModelVerifyReport } from '../../shared/models';
import type { ModelDtype } from '../../shared/types';
import { Embedder } from '../embedding/embedder';
import { modelFingerprint, ONNX_FILES } from '../embedding/model-folder';
import { defaultModelName, describeModel, findModel, folderSize, listModels, locateModel, modelProblems } from '../embedding/registry';
import { MANIFEST_FILE, readManifest, verifyModelFiles } from '../models/static-model';
import { userModelsDir } from '../paths';

export { listModels };

export interface ModelOptions {
  env?: NodeJS.ProcessEnv;
  /** The weights variant to load; default: the model's default (fp32 when present). */
  dtype?: ModelDtype;
}

/** Loads the model in the embedding worker and reads what it really outputs. */
export async function probeModel(model: ModelInfo, dtype: ModelDtype): Promise<ModelProbe> {
  try {
    const e = await Embedder.open({ id: model.name, dir: model.dir }, dtype);
    await e.close();
    return { dtype, ok: true, dimension: e.dimension, maxTokens: e.maxTokens, loadMs: Math.round(e.loadMs) };
  } catch (err) {
    return { dtype, ok: false, error: (err as Error).message };
  }
}

/** `models show`: the registry's description plus the probed dimension (skipped for an incomplete folder). */
export async function showModel(nameOrPath: string, opts: ModelOptions = {}): Promise<ModelShowReport> {
  const model = await findModel(nameOrPath, opts.env ?? process.env);
  const dtype = opts.dtype ?? model.defaultDtype;
  const probe = dtype && model.problems.length === 0 ? await probeModel(model, dtype) : null;
  return { model, probe };
}

// ---------------------------------------------------------------------------------------------
// verify

/** Texts every model must embed: ordinary ones, an empty one, and one longer than any model reads. */
const SAMPLE_TEXTS = [
  'How often should a bicycle chain be oiled?',
  'Heat transfer in a laminar boundary layer over a flat plate.',
  '',
  'pressure drag lift '.repeat(1500).trim(),
];

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

async function verifyVariant(model: ModelInfo, dtype: ModelDtype, warnings: string[]): Promise<ModelVariantReport> {
  const checks: ModelCheck[] = [];
  const report: ModelVariantReport = { dtype, ok: false, fingerprint: null, dimension: null, maxTokens: null, loadMs: null, checks };
  const check = (name: string, ok: boolean, detail: string) => (checks.push({ name, ok, detail }), ok);
  const file = ONNX_FILES[dtype];
  const other = dtype === 'fp32' ? 'q8' : 'fp32';
  const hint = model.variants.some((v) => v.dtype === other) ? ` The folder has the ${other} variant: pass --dtype ${other}.` : '';
  if (!check('weights present', existsSync(join(model.dir, file)), existsSync(join(model.dir, file)) ? file : `missing ${file}.${hint}`)) return report;
  report.fingerprint = model.variants.find((v) => v.dtype === dtype)?.fingerprint ?? (await modelFingerprint({ id: model.name, dir: model.dir }, dtype));
  if (!check('folder complete', model.problems.length === 0, model.problems.join(' ') || 'config.json, tokenizer.json, tokenizer_config.json')) return report;

  let embedder: Embedder;
  try {
    embedder = await Embedder.open({ id: model.name, dir: model.dir }, dtype);
  } catch (err) {
    check('loads offline', false, (err as Error).message);
    return report;
  }
  try {
    report.dimension = embedder.dimension;
    report.maxTokens = embedder.maxTokens;
    report.loadMs = Math.round(embedder.loadMs);
    check('loads offline', true, `loaded and probed in ${report.loadMs} ms: ${embedder.dimension}-d, reads up to ${embedder.maxTokens} tokens`);
    if (model.declaredDimension !== null && model.declaredDimension !== embedder.dimension) {
      warnings.push(`${dtype}: the model outputs ${embedder.dimension}-d vectors but config.json says hidden_size ${model.declaredDimension}; collections use the probed ${embedder.dimension}.`);
    }
    const vectors = await embedder.embed(SAMPLE_TEXTS);
    const shapeOk = vectors.length === SAMPLE_TEXTS.length && vectors.every((v) => v.length === embedder.dimension);
    check('one vector per text', shapeOk, `${vectors.length} vectors of ${vectors.map((v) => v.length).join(', ')} values for ${SAMPLE_TEXTS.length} texts (one empty, one longer than the model reads)`);
    const notFinite = vectors.map((v, i) => (v.every(Number.isFinite) ? -1 : i)).filter((i) => i >= 0);
    check('finite values', notFinite.length === 0, notFinite.length ? `NaN or infinite values in the vectors of texts ${notFinite.join(', ')}` : 'no NaN or infinite value');
    const norms = vectors.map((v) => Math.hypot(...v));
    const offNorm = norms.filter((n) => !(Math.abs(n - 1) < 1e-3));
    check('unit vectors', offNorm.length === 0, `L2 norms ${norms.map((n) => n.toFixed(4)).join(', ')}${offNorm.length ? ' (each must be 1: cosine scores would be wrong)' : ''}`);
    const [a] = await embedder.embed([SAMPLE_TEXTS[0]!]);
    const [b] = await embedder.embed([SAMPLE_TEXTS[0]!]);
    const drift = maxAbsDiff(a!, b!);
    check('deterministic', drift <= 1e-6, `the same text embedded twice differs by at most ${drift.toExponential(1)}`);
    const distinct = maxAbsDiff(vectors[0]!, vectors[1]!);
    check('different texts differ', distinct > 1e-6, distinct > 1e-6 ? 'two unrelated texts get different vectors' : 'two unrelated texts get the same vector: the model ignores its input');
  } catch (err) {
    check('embeds', false, (err as Error).message);
  } finally {
    await embedder.close();
  }
  report.ok = checks.every((c) => c.ok);
  return report;
}

/** `models verify`: loads every variant (or the one asked for) offline and checks what it outputs. */
export async function verifyModel(nameOrPath: string, opts: ModelOptions = {}): Promise<ModelVerifyReport> {
  const model = await findModel(nameOrPath, opts.env ?? process.env);
  const warnings: string[] = [];
  const manifest = readManifest(model.dir);
  const mismatched = manifest ? verifyModelFiles(model.dir, manifest) : [];
  if (!manifest && existsSync(join(model.dir, MANIFEST_FILE))) warnings.push(`${MANIFEST_FILE} is not an EmbedOps model manifest; file hashes were not checked.`);
  const dtypes = opts.dtype ? [opts.dtype] : model.variants.map((v) => v.dtype);
  const variants: ModelVariantReport[] = [];
  for (const dtype of dtypes) variants.push(await verifyVariant(model, dtype, warnings));
  const pass = model.problems.length === 0 && mismatched.length === 0 && variants.length > 0 && variants.every((v) => v.ok);
  return { status: pass ? 'PASS' : 'FAIL', model, manifest: { checked: manifest !== null, mismatched }, variants, warnings };
}

// ---------------------------------------------------------------------------------------------
// import

const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TEMP_PREFIX = '.importing-';

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function samePath(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Copies dir into dest (created), following symlinked files (Hugging Face cache snapshots are links to blobs). */
function copyTree(src: string, dest: string, rel: string, out: { files: number; bytes: number; skipped: string[] }): void {
  mkdirSync(dest);
  for (const name of readdirSync(src).sort()) {
    const from = join(src, name);
    const shown = rel ? `${rel}/${name}` : name;
    if (name.startsWith('.')) {
      out.skipped.push(shown);
      continue;
    }
    const l = lstatSync(from);
    const s = l.isSymbolicLink() ? statSync(from) : l;
    if (s.isDirectory() && !l.isSymbolicLink()) copyTree(from, join(dest, name), shown, out);
    else if (s.isFile()) {
      copyFileSync(from, join(dest, name));
      // The source may be read-only (a mounted stick); the user's copy is theirs to replace.
      chmodSync(join(dest, name), 0o644);
      out.files++;
      out.bytes += s.size;
    } else out.skipped.push(shown);
  }
}

/** Removes half-copied imports left by a process that died mid-copy. */
function removeStaleTemps(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.startsWith(TEMP_PREFIX) ? name.split('-').at(-2) : NaN);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

function fsError(err: unknown, parent: string, bytes: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new EmbedOpsError('disk_full', `The disk holding ${parent} is full: the model needs ${bytes} bytes. Free some space and import again; nothing was left half-copied.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new EmbedOpsError('environment', `Cannot write to ${parent} (${code}). Make it writable, or put the model folder under a folder in EMBEDOPS_MODELS instead.`);
  return err;
}

/**
 * Copies a complete model folder into the user's models folder under `name` (default: the folder's
 * name). Refuses an incomplete or damaged folder and a name already taken; the copy goes to a hidden
 * sibling first and is renamed into place, so no reader ever sees a half-copied model.
 */
export async function importModel(folder: string, opts: { name?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ModelImportReport> {
  const env = opts.env ?? process.env;
  const from = resolve(folder);
  if (!isDirectory(from)) throw new EmbedOpsError('not_found', `${from} is not a folder. Give the model's folder: the one holding config.json, tokenizer.json and onnx/.`);
  const name = opts.name ?? defaultModelName(from);
  if (!MODEL_NAME.test(name)) {
    throw new EmbedOpsError('usage', `"${name}" cannot be a model name: use letters, digits, ".", "_" and "-" (starting with a letter or digit), at most 128 characters. Give a name: embedops models import ${from} NAME`);
  }
  const problems = modelProblems(from);
  if (problems.length) throw new EmbedOpsError('model', `Cannot import ${from}: ${problems.join(' ')}`);
  const manifest = readManifest(from);
  const damaged = manifest ? verifyModelFiles(from, manifest) : [];
  if (damaged.length) {
    throw new EmbedOpsError('model', `Cannot import ${from}: ${damaged.join(', ')} ${damaged.length === 1 ? 'differs' : 'differ'} from the sizes and sha256s in ${MANIFEST_FILE} (a damaged copy). Copy the folder again from its source.`);
  }

  const parent = userModelsDir(env);
  const to = join(parent, name);
  const rename = `import under another name: embedops models import ${from} NEW_NAME`;
  if (existsSync(to)) {
    throw new EmbedOpsError('refused', `A model named "${name}" is already in ${parent}. To replace it, remove it first (rm -r "${to}") and import again, or ${rename}`);
  }
  const warnings: string[] = [];
  for (const other of locateModel(name, env)) {
    if (samePath(other.dir, from)) {
      warnings.push(`While ${other.dir} is in the search path, --model ${name} loads it rather than the copy (same files, same fingerprint).`);
      continue;
    }
    throw new EmbedOpsError(
      'refused',
      `A model named "${name}" already exists in the search path (${other.source}: ${other.dir}); ` +
        `a second one would ${other.source === 'builtin' ? 'hide it' : 'be hidden by it'}. To keep this one, ${rename}`,
    );
  }

  const size = folderSize(from);
  try {
    mkdirSync(parent, { recursive: true });
    removeStaleTemps(parent);
    const st = statfsSync(parent);
    if (st.bavail * st.bsize < size) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
  } catch (err) {
    throw fsError(err, parent, size);
  }
  const tmp = join(parent, `${TEMP_PREFIX}${name}-${process.pid}-${Date.now()}`);
  const copied = { files: 0, bytes: 0, skipped: [] as string[] };
  try {
    copyTree(from, tmp, '', copied);
    const copy = await describeModel({ name, dir: tmp, source: 'user' });
    for (const v of copy.variants) {
      const original = await modelFingerprint({ id: name, dir: from }, v.dtype);
      if (original !== v.fingerprint) throw new EmbedOpsError('model', `The copy of ${v.file} differs from ${from}/${v.file} (read error on the source?). Nothing was imported; try again.`);
    }
    if (copy.variants.length === 0 || copy.problems.length) throw new EmbedOpsError('model', `The copy of ${from} is incomplete (${copy.problems.join(' ')}). Nothing was imported; try again.`);
    try {
      renameSync(tmp, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') throw new EmbedOpsError('refused', `A model named "${name}" appeared in ${parent} while copying. Nothing was replaced; remove it (rm -r "${to}") or ${rename}`);
      throw err;
    }
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw fsError(err, parent, size);
  }
  const model = await describeModel({ name, dir: to, source: 'user' });
  return { model, from, to, files: copied.files, bytes: copied.bytes, skipped: copied.skipped, warnings };
}
