/**
 * Model registry types: what `embedops models list|show|import|verify` print under --json and what
 * the console will show. Type-only: nothing here runs.
 */
import type { ModelDtype } from './types';

/**
 * Where a model folder was found: a folder in EMBEDOPS_MODELS (`env`), the user's models folder
 * (`user`, where `models import` copies to), the models built into the app (`builtin`), or a folder
 * path given on the command line (`path`).
 */
export type ModelSource = 'env' | 'user' | 'builtin' | 'path';

/** One weights file of a model folder. */
export interface ModelVariant {
  /** `fp32` = onnx/model.onnx, `q8` = onnx/model_quantized.onnx. */
  dtype: ModelDtype;
  /** Path relative to the model folder, `/`-separated. */
  file: string;
  bytes: number;
  /** `sha256:<hex>` of the file: what a collection records as its model fingerprint. */
  fingerprint: string;
}

/** A model's license, when the folder says so. */
export interface ModelLicense {
  /** As written: an SPDX id like `MIT`, or the first line of a LICENSE file. */
  name: string;
  /** The file it was read from. */
  from: 'embedops-model.json' | 'README.md' | 'LICENSE';
}

/** A model folder at one place in the search path. */
export interface ModelLocation {
  /** The name `--model` takes (the folder's name), or the absolute path for `path` models. */
  name: string;
  /** Absolute folder path. */
  dir: string;
  source: ModelSource;
}

/** A folder of the search path (in search order). */
export interface ModelSearchRoot {
  dir: string;
  source: Exclude<ModelSource, 'path'>;
  exists: boolean;
  /** Model folders found in it (shadowed ones included). */
  models: number;
  /** Set when this folder is itself a model folder: names are looked up *inside* search folders, so put its parent there instead. */
  note?: string;
}

/** Everything known about a model folder without loading it. */
export interface ModelInfo extends ModelLocation {
  /** Weights files present, fp32 first. Empty when the folder has none (see `problems`). */
  variants: ModelVariant[];
  /** The variant used when no --dtype is given (fp32 when present), or null without weights. */
  defaultDtype: ModelDtype | null;
  /** Every file in the folder, in bytes. */
  sizeBytes: number;
  /** Longest input in tokens, special tokens included: tokenizer_config.json model_max_length capped by config.json max_position_embeddings. */
  maxTokens: number | null;
  /** config.json hidden_size: what the model says; `show` and `verify` probe the real output dimension. */
  declaredDimension: number | null;
  /** config.json model_type (e.g. `bert`). */
  modelType: string | null;
  license: ModelLicense | null;
  /** What keeps the folder from loading, each naming the file and the fix. Empty = complete. */
  problems: string[];
  /** Folders of the same name later in the search path, hidden by this one. */
  shadows: ModelLocation[];
}

/** `embedops models list --json`. */
export interface ModelListReport {
  searchPath: ModelSearchRoot[];
  /** One per name: the folder `--model NAME` loads (first in the search path). */
  models: ModelInfo[];
  /** Folders hidden by a same-named folder earlier in the search path. */
  shadowed: Array<ModelLocation & { shadowedBy: string }>;
}

/** The result of loading a model in the embedding worker and embedding a probe text. */
export type ModelProbe =
  | { dtype: ModelDtype; ok: true; dimension: number; maxTokens: number; loadMs: number }
  | { dtype: ModelDtype; ok: false; error: string };

/** `embedops models show NAME --json`. */
export interface ModelShowReport {
  model: ModelInfo;
  /** Null when the folder is incomplete (nothing to load). */
  probe: ModelProbe | null;
}

/** One check of `models verify`. */
export interface ModelCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** `models verify` for one weights variant. */
export interface ModelVariantReport {
  dtype: ModelDtype;
  ok: boolean;
  fingerprint: string | null;
  /** Probed: the length of the vectors the model really outputs. */
  dimension: number | null;
  maxTokens: number | null;
  /** Time to load the model and embed the probe text in the worker. */
  loadMs: number | null;
  checks: ModelCheck[];
}

/** `embedops models verify NAME --json`; exit 0 PASS, 4 FAIL. */
export interface ModelVerifyReport {
  status: 'PASS' | 'FAIL';
  model: ModelInfo;
  /** embedops-model.json file hashes: `checked` false when the folder has no such manifest. */
  manifest: { checked: boolean; mismatched: string[] };
  variants: ModelVariantReport[];
  warnings: string[];
}

/** `embedops models import FOLDER --json`. */
export interface ModelImportReport {
  /** The imported model as it now is in the user models folder. */
  model: ModelInfo;
  from: string;
  to: string;
  files: number;
  bytes: number;
  /** Hidden entries (.git, .cache, …) not copied. */
  skipped: string[];
  warnings: string[];
}
