// Small, deterministic models for tests. A random unit vector per word plus mean
// pooling acts like a random projection of the bag of words: texts that share
// words get clearly higher cosine scores than texts that do not, which is all a
// retrieval test needs ("the top results share words with the query").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isVocabularyWord, writeStaticModel, type StaticModelResult } from './static-model';

/** Options for `buildRandomStaticModel`. */
export interface RandomModelOptions {
  /** Vector length. */
  dim: number;
  /** Extra words added to the built-in vocabulary (lower-cased; unusable words are dropped). */
  words?: readonly string[];
  /** PRNG seed; the same seed gives the same vector for the same word. Default 1. */
  seed?: number;
  /** Model name recorded in the manifest. Default: the folder name. */
  name?: string;
  /** Also write `onnx/model_quantized.onnx` (load with `dtype: 'q8'`). Default false. */
  quantized?: boolean;
  /** Longest token sequence. Default 512. */
  maxLength?: number;
}

// A few hundred everyday English words, so tests can write natural sentences
// without listing every word they use.
const BUILTIN_WORDS = `
the of and to in is was for on that with as by at from it be are this an or not have has had
which but were their his her they you we he she i its been one all would there what so if about
who will more when can no up out do said them some into than other time only new could these two
may first then any like my now over such our man me even most made after also did many before must
through back years where much your way well down should because each just those people how too little
state good very make world still own see men work long get here between both life being under never
day same another know while last might us great old year off come since against go came right used
take three house use during without again place around however home small found thought went say part
once general high upon school every does got united left number course war until always away something
fact though water less public put think almost hand enough far took head yet government system better
set told nothing night end why called did eyes find going look asked later point knew city next program
business give group toward young days let room president side social given present several order national
possible rather second face per among form important often things looked early white case become large
big need four within felt along children saw best church ever least power development light thing seemed
family interest want members mind country area others done turned although open problem god service
certain kind began different door thus help means sense whole matter perhaps itself york times law human
line above name example action company hands local show whether five history gave today either act feet
across taken past quite anything having seen death experience body word half really week free car field
money information word market study paper report data model vector search query result document text
chunk index database table file folder backup run job batch error test value score rank cat dog bird fish
tree river mountain ocean rain snow sun moon star planet music song guitar piano coffee tea bread cheese
apple orange banana garden flower kitchen chair window street train plane ship bridge road engine wheel
doctor nurse hospital medicine teacher student library book story poem movie camera photo picture color
red green blue black yellow summer winter spring autumn morning evening football tennis game team player
`;

/** The built-in vocabulary of `buildRandomStaticModel` (deduplicated, in order). */
export const BUILTIN_TEST_WORDS: readonly string[] = [...new Set(BUILTIN_WORDS.split(/\s+/).filter(Boolean))];

/** 32-bit FNV-1a, used to derive a per-word seed so a word's vector never depends on the rest of the vocabulary. */
function hash32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** xorshift32 returning floats in (0, 1); tiny, fast and identical on every platform. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 0x9e3779b9;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
}

/** A deterministic random unit vector for `word` (Gaussian directions are uniform on the sphere). */
export function randomWordVector(word: string, dim: number, seed = 1): Float32Array {
  const next = prng(hash32(word, seed));
  const v = new Float32Array(dim);
  let norm = 0;
  for (let k = 0; k < dim; k++) {
    const g = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    v[k] = g;
    norm += g * g;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let k = 0; k < dim; k++) v[k] = (v[k] ?? 0) * inv;
  return v;
}

/**
 * Writes a random static model to `dir` (replacing it). Same options ⇒ same
 * bytes. Load it with `env.localModelPath = path.dirname(dir)` and model id
 * `path.basename(dir)`.
 */
export function buildRandomStaticModel(dir: string, options: RandomModelOptions): StaticModelResult {
  const seed = options.seed ?? 1;
  const extra = (options.words ?? []).map((w) => w.toLowerCase()).filter(isVocabularyWord);
  const words = [...new Set([...BUILTIN_TEST_WORDS, ...extra])];
  const vectors = new Float32Array(words.length * options.dim);
  words.forEach((w, i) => vectors.set(randomWordVector(w, options.dim, seed), i * options.dim));
  return writeStaticModel(dir, {
    name: options.name ?? path.basename(path.resolve(dir)),
    words,
    dimension: options.dim,
    vectors,
    quantized: options.quantized ?? false,
    maxLength: options.maxLength,
    license: 'MIT',
    source: `random unit vectors (seed ${seed}); for tests only, no semantic meaning`,
    description: 'Random static test model: similarity reflects shared words only.',
    build: { builder: 'random-static', seed },
  });
}

/** Truncates `onnx/model.onnx` to half its size, so loading it fails the way a damaged download would. */
export function corruptModel(dir: string): void {
  const file = path.join(dir, 'onnx', 'model.onnx');
  fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
}

/** Deletes one file of a model folder (path relative to `dir`, e.g. `tokenizer.json`). */
export function removeModelFile(dir: string, file: string): void {
  fs.rmSync(path.join(dir, file));
}
