import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { ModelDtype } from '../../shared/types';
import { builtinModelsDir, userModelsDir } from '../paths';

/** A model found on disk: the name collections record and the folder it loads from. */
export interface ResolvedModel {
  /** The name as given when it came from the search path, else the absolute folder path. */
  id: string;
  dir: string;
}

/** The model built into the app (resources/models), used when a collection names none. */
export const DEFAULT_MODEL = 'embedops-static-100d';

export const ONNX_FILES: Record<ModelDtype, string> = { fp32: 'onnx/model.onnx', q8: 'onnx/model_quantized.onnx' };

/** Folders searched for `--model NAME`, in order: EMBEDOPS_MODELS (':'-separated), the user's models, built-ins. */
export function modelSearchPath(env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.EMBEDOPS_MODELS ?? '').split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
  return [...fromEnv.map((p) => resolve(p)), userModelsDir(env), builtinModelsDir()];
}

function looksLikePath(nameOrPath: string): boolean {
  return isAbsolute(nameOrPath) || nameOrPath.startsWith('.') || /[\\/]/.test(nameOrPath);
}

export function resolveModel(nameOrPath: string, env: NodeJS.ProcessEnv = process.env): ResolvedModel {
  if (looksLikePath(nameOrPath)) {
    const dir = resolve(nameOrPath);
    if (!existsSync(dir)) throw new EmbedOpsError('model', `Model folder ${dir} does not exist. Check the path, or give a model name from: embedops models list`);
    return { id: dir, dir };
  }
  const searched = modelSearchPath(env);
  for (const root of searched) {
    const dir = join(root, nameOrPath);
    if (existsSync(join(dir, 'config.json')) || existsSync(join(dir, 'onnx'))) return { id: nameOrPath, dir };
  }
  throw new EmbedOpsError(
    'model',
    `No model named "${nameOrPath}" in ${searched.join(', ')}. ` +
      'Copy the model folder into one of these, set EMBEDOPS_MODELS to the folder holding it, or pass the folder path.',
  );
}

/** The dtype to use when none is asked for: full precision when the folder has it. */
export function defaultDtype(dir: string): ModelDtype {
  return !existsSync(join(dir, ONNX_FILES.fp32)) && existsSync(join(dir, ONNX_FILES.q8)) ? 'q8' : 'fp32';
}

/**
 * Checks the files transformers.js needs before anything loads, so an incomplete copy (say, from a
 * USB stick) is reported by name instead of as a parse error deep inside the runtime.
 */
export function validateModelFolder(model: ResolvedModel, dtype: ModelDtype, opts: { onnx?: boolean } = {}): void {
  // transformers.js will not load a tokenizer without tokenizer_config.json, so it is required too.
  const required = ['config.json', 'tokenizer.json', 'tokenizer_config.json', ...(opts.onnx === false ? [] : [ONNX_FILES[dtype]])];
  const missing = required.filter((f) => !existsSync(join(model.dir, f)));
  if (missing.length) {
    const other = dtype === 'fp32' ? 'q8' : 'fp32';
    const hint = missing.includes(ONNX_FILES[dtype]) && existsSync(join(model.dir, ONNX_FILES[other])) ? ` (the folder has the ${other} variant: pass --dtype ${other})` : '';
    throw new EmbedOpsError(
      'model',
      `Model folder ${model.dir} is incomplete: missing ${missing.join(', ')}${hint}. Copy the complete folder (config.json, tokenizer.json, tokenizer_config.json, onnx/…) again.`,
    );
  }
  for (const f of ['config.json', 'tokenizer.json']) {
    try {
      JSON.parse(readFileSync(join(model.dir, f), 'utf8'));
    } catch (err) {
      throw new EmbedOpsError('model', `Model folder ${model.dir} has a corrupt ${f} (${(err as Error).message}). Copy the folder again from its source.`);
    }
  }
}

const fingerprints = new Map<string, string>();

/** sha256 of the ONNX file a collection's vectors come from; cached by path, size and mtime. */
export async function modelFingerprint(model: ResolvedModel, dtype: ModelDtype): Promise<string> {
  const file = join(model.dir, ONNX_FILES[dtype]);
  const st = statSync(file);
  const key = `${file}:${st.size}:${st.mtimeMs}`;
  const cached = fingerprints.get(key);
  if (cached) return cached;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  const digest = `sha256:${hash.digest('hex')}`;
  fingerprints.set(key, digest);
  return digest;
}
