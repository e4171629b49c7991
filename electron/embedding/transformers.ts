/**
 * The only module that touches transformers.js (@huggingface/transformers 3.x), so a change of
 * library version touches one file. Models load from local folders only: remote loading is off
 * before anything else runs, so nothing here can open a socket to a model hub.
 */
import type * as TF from '@huggingface/transformers' with { 'resolution-mode': 'import' };
import { basename, dirname } from 'node:path';
import type { ModelDtype } from '../../shared/types';

// The package ships a CommonJS build for Node; its type declarations are ESM-only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tf = require('@huggingface/transformers') as typeof TF;

tf.env.allowRemoteModels = false;
tf.env.allowLocalModels = true;
tf.env.useBrowserCache = false;
tf.env.useFSCache = false;

/** transformers.js resolves a model as localModelPath + name; loads are serialised because env is global. */
let loading: Promise<unknown> = Promise.resolve();
function withLocalPath<T>(dir: string, load: (name: string) => Promise<T>): Promise<T> {
  const run = loading.then(() => {
    tf.env.localModelPath = dirname(dir) + '/';
    return load(basename(dir));
  });
  loading = run.catch(() => undefined);
  return run;
}

export interface Extractor {
  /** Mean-pooled, L2-normalised embeddings, row-major: texts.length × dimension. */
  embed(texts: string[]): Promise<{ data: Float32Array; dimension: number }>;
  dispose(): Promise<void>;
}

export async function loadExtractor(dir: string, dtype: ModelDtype): Promise<Extractor> {
  const pipe = await withLocalPath(dir, (name) => tf.pipeline('feature-extraction', name, { dtype, local_files_only: true }));
  return {
    async embed(texts) {
      const out = await pipe(texts, { pooling: 'mean', normalize: true });
      const dimension = out.dims[out.dims.length - 1] as number;
      // A copy we own, so its buffer can be transferred to the main thread.
      return { data: Float32Array.from(out.data as Float32Array), dimension };
    },
    async dispose() {
      await pipe.dispose();
    },
  };
}

export interface TokenCounter {
  /** Tokens the model sees for this text, without [CLS]/[SEP]. */
  count(text: string): number;
  /** The longest input the model takes, special tokens included. */
  maxTokens: number;
}

export async function loadTokenCounter(dir: string): Promise<TokenCounter> {
  const tok = await withLocalPath(dir, (name) => tf.AutoTokenizer.from_pretrained(name, { local_files_only: true }));
  const max = Number(tok.model_max_length);
  return {
    count: (text) => tok.encode(text, { add_special_tokens: false }).length,
    maxTokens: Number.isFinite(max) && max > 0 && max < 1e6 ? max : 512,
  };
}
