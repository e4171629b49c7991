/**
 * The model registry: every model folder in the search path, described from its files alone. Nothing
 * here loads a model (that happens only in the embedding worker, see services/models.ts), so listing
 * stays fast and safe on the main thread.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { ModelInfo, ModelLicense, ModelListReport, ModelLocation, ModelSearchRoot, ModelSource, ModelVariant } from '../../shared/models';
import type { ModelDtype } from '../../shared/types';
import { builtinModelsDir, userModelsDir } from '../paths';
import { MANIFEST_FILE } from '../models/static-model';
import { modelFingerprint, modelSearchPath, ONNX_FILES, validateModelFolder } from './model-folder';

export const DTYPES: readonly ModelDtype[] = ['fp32', 'q8'];

/** The search path with where each folder comes from; a folder listed twice counts once, at its first place. */
export function searchRoots(env: NodeJS.ProcessEnv = process.env): Array<{ dir: string; source: Exclude<ModelSource, 'path'> }> {
  const user = userModelsDir(env);
  const builtin = builtinModelsDir();
  const seen = new Set<string>();
  const roots: Array<{ dir: string; source: Exclude<ModelSource, 'path'> }> = [];
  const all = modelSearchPath(env);
  all.forEach((dir, i) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    // modelSearchPath ends with the user folder and the built-in folder; everything before is EMBEDOPS_MODELS.
    const source = i === all.length - 1 && dir === builtin ? 'builtin' : i === all.length - 2 && dir === user ? 'user' : 'env';
    roots.push({ dir, source });
  });
  return roots;
}

/** The same test resolveModel uses, so `list` shows exactly what `--model NAME` can load. */
export function isModelFolder(dir: string): boolean {
  return existsSync(join(dir, 'config.json')) || existsSync(join(dir, 'onnx'));
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Model folders in one search folder, by name. Hidden entries (an import in progress, .git) are not models. */
function modelsIn(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => !n.startsWith('.') && isDir(join(root, n)) && isModelFolder(join(root, n))).sort();
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function positiveNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

/**
 * Longest input in tokens: the tokenizer's model_max_length, capped by the positions the model has.
 * Tokenizers without a real limit say 1e30; such a value is ignored.
 */
export function declaredMaxTokens(dir: string): number | null {
  const fromTokenizer = positiveNumber(readJson(join(dir, 'tokenizer_config.json'))?.model_max_length);
  const fromConfig = positiveNumber(readJson(join(dir, 'config.json'))?.max_position_embeddings);
  const limits = [fromTokenizer !== null && fromTokenizer < 1e6 ? fromTokenizer : null, fromConfig].filter((n): n is number => n !== null);
  return limits.length ? Math.min(...limits) : null;
}

function firstBytes(file: string, n = 8192): string | null {
  try {
    return readFileSync(file, 'utf8').slice(0, n);
  } catch {
    return null;
  }
}

/** The license the folder declares: our manifest, a model card's front matter, or a LICENSE file's title. */
export function readLicense(dir: string): ModelLicense | null {
  const manifest = readJson(join(dir, MANIFEST_FILE));
  if (typeof manifest?.license === 'string' && manifest.license.trim()) return { name: manifest.license.trim(), from: 'embedops-model.json' };
  const card = firstBytes(join(dir, 'README.md'));
  const front = card?.match(/^---\r?\n([\s\S]*?)\r?\n---/)?.[1];
  const line = front?.match(/^license:[ \t]*["']?([^"'\r\n]+?)["']?[ \t]*$/m)?.[1];
  if (line) return { name: line, from: 'README.md' };
  for (const f of ['LICENSE', 'LICENSE.txt', 'LICENSE.md']) {
    const first = firstBytes(join(dir, f), 2048)?.split(/\r?\n/).map((l) => l.replace(/^#+\s*/, '').trim()).find(Boolean);
    if (first) return { name: first.length > 80 ? first.slice(0, 79) + '…' : first, from: 'LICENSE' };
  }
  return null;
}

/** Bytes of every file under dir. Symlinked files (a Hugging Face cache snapshot) count at their target's size; symlinked folders are not followed. */
export function folderSize(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      const l = lstatSync(p);
      if (l.isDirectory()) total += folderSize(p);
      else if (l.isFile()) total += l.size;
      else if (l.isSymbolicLink()) {
        const s = statSync(p);
        if (s.isFile()) total += s.size;
      }
    } catch {
      // a dangling link or a file removed while we look: not part of the model
    }
  }
  return total;
}

/** Weights variants present in the folder (fp32 first). */
export function presentDtypes(dir: string): ModelDtype[] {
  return DTYPES.filter((d) => existsSync(join(dir, ONNX_FILES[d])));
}

/**
 * What keeps a folder from loading, each message naming the file and the fix. The required files
 * are validateModelFolder's; tokenizer_config.json is checked here too, as transformers.js refuses
 * to load a tokenizer without it.
 */
export function modelProblems(dir: string): string[] {
  const problems: string[] = [];
  const model = { id: dir, dir };
  try {
    validateModelFolder(model, 'fp32', { onnx: false });
  } catch (err) {
    problems.push((err as Error).message);
  }
  if (!existsSync(join(dir, 'tokenizer_config.json'))) {
    problems.push(`Model folder ${dir} is incomplete: missing tokenizer_config.json (transformers.js needs it to load the tokenizer). Copy the complete folder again.`);
  }
  if (presentDtypes(dir).length === 0) {
    problems.push(`Model folder ${dir} has no weights: missing ${ONNX_FILES.fp32} (fp32) or ${ONNX_FILES.q8} (q8). Copy the onnx/ folder of the model too.`);
  }
  return problems;
}

/** Describes a model folder from its files; hashes its ONNX files (cached by size and mtime). */
export async function describeModel(loc: ModelLocation, shadows: ModelLocation[] = []): Promise<ModelInfo> {
  const { dir } = loc;
  const variants: ModelVariant[] = [];
  for (const dtype of presentDtypes(dir)) {
    const file = ONNX_FILES[dtype];
    variants.push({ dtype, file, bytes: statSync(join(dir, file)).size, fingerprint: await modelFingerprint({ id: loc.name, dir }, dtype) });
  }
  const config = readJson(join(dir, 'config.json'));
  return {
    name: loc.name,
    dir,
    source: loc.source,
    variants,
    defaultDtype: variants[0]?.dtype ?? null,
    sizeBytes: folderSize(dir),
    maxTokens: declaredMaxTokens(dir),
    declaredDimension: positiveNumber(config?.hidden_size) ?? positiveNumber(config?.d_model) ?? positiveNumber(config?.dim),
    modelType: typeof config?.model_type === 'string' ? config.model_type : null,
    license: readLicense(dir),
    problems: modelProblems(dir),
    shadows,
  };
}

/** Every model folder in the search path, in search order, grouped by name (first = the one that loads). */
function scan(env: NodeJS.ProcessEnv): { roots: ModelSearchRoot[]; byName: Map<string, ModelLocation[]> } {
  const roots: ModelSearchRoot[] = [];
  const byName = new Map<string, ModelLocation[]>();
  for (const { dir, source } of searchRoots(env)) {
    const names = modelsIn(dir);
    const root: ModelSearchRoot = { dir, source, exists: isDir(dir), models: names.length };
    if (root.exists && isModelFolder(dir)) {
      root.note = `${dir} is itself a model folder; models are looked up inside the folders of the search path, so add its parent (${resolve(dir, '..')}) instead, or pass the path to --model.`;
    }
    roots.push(root);
    for (const name of names) {
      const list = byName.get(name) ?? [];
      list.push({ name, dir: join(dir, name), source });
      byName.set(name, list);
    }
  }
  return { roots, byName };
}

/** `models list`: every model by name, the shadowed duplicates, and the search path. Never loads a model. */
export async function listModels(env: NodeJS.ProcessEnv = process.env): Promise<ModelListReport> {
  const { roots, byName } = scan(env);
  const models: ModelInfo[] = [];
  const shadowed: ModelListReport['shadowed'] = [];
  for (const name of [...byName.keys()].sort()) {
    const [first, ...rest] = byName.get(name)!;
    models.push(await describeModel(first!, rest));
    for (const r of rest) shadowed.push({ ...r, shadowedBy: first!.dir });
  }
  return { searchPath: roots, models, shadowed };
}

/** Every place a model of this name exists in the search path (first = the one that loads). */
export function locateModel(name: string, env: NodeJS.ProcessEnv = process.env): ModelLocation[] {
  return scan(env).byName.get(name) ?? [];
}

function looksLikePath(s: string): boolean {
  return isAbsolute(s) || s.startsWith('.') || /[\\/]/.test(s);
}

/** A model by name (as --model resolves it) or by folder path; not found names what is there. */
export async function findModel(nameOrPath: string, env: NodeJS.ProcessEnv = process.env): Promise<ModelInfo> {
  if (looksLikePath(nameOrPath)) {
    const dir = resolve(nameOrPath);
    if (!isDir(dir)) throw new EmbedOpsError('not_found', `Model folder ${dir} does not exist. Check the path, or give a model name from: embedops models list`);
    return describeModel({ name: dir, dir, source: 'path' });
  }
  const { roots, byName } = scan(env);
  const found = byName.get(nameOrPath);
  if (!found?.length) {
    const names = [...byName.keys()].sort();
    throw new EmbedOpsError(
      'not_found',
      `No model named "${nameOrPath}" in ${roots.map((r) => r.dir).join(', ')}. ` +
        (names.length ? `Models there: ${names.join(', ')}. ` : '') +
        'Import a model folder with: embedops models import FOLDER',
    );
  }
  const [first, ...rest] = found;
  return describeModel(first!, rest);
}

/** A model folder's default name: the folder's own name. */
export function defaultModelName(folder: string): string {
  return basename(resolve(folder));
}
