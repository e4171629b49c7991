// Writes a "static" embedding model (one vector per vocabulary word, mean pooled
// by the caller) in the folder layout transformers.js 3.x loads as a `bert`
// feature-extraction model. There are no transformer layers: the ONNX graph is a
// table lookup, so the model is tiny, fast, and can be built offline from any
// word-vector table.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeOnnxModel, staticLookupGraph } from './onnx-writer';

/** The BERT special tokens, in id order; they take ids 0..4 in every static model. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Name of the manifest file written next to the model files. */
export const MANIFEST_FILE = 'embedops-model.json';

/** Everything needed to write a static model folder. */
export interface StaticModelSpec {
  /** Model name, recorded in the manifest and config.json (`_name_or_path`). */
  name: string;
  /**
   * Vocabulary, in id order; word i gets token id i + 5 (after SPECIAL_TOKENS).
   * Each word must pass `isVocabularyWord` and appear once.
   */
  words: readonly string[];
  /** Vector length (config.json `hidden_size`). */
  dimension: number;
  /** Row-major `[words.length, dimension]` table: row i is the vector of `words[i]`. */
  vectors: Float32Array;
  /**
   * How `onnx/model.onnx` stores the table: `fp32` as is, or `int8` with one float
   * scale per row (dequantised inside the graph, so callers still load it as fp32).
   * Default `fp32`.
   */
  storage?: 'fp32' | 'int8';
  /** Also write `onnx/model_quantized.onnx` (int8 table), loaded with `dtype: 'q8'`. Default false. */
  quantized?: boolean;
  /** Longest token sequence, [CLS] and [SEP] included; longer inputs are truncated. Default 512. */
  maxLength?: number;
  /** SPDX-style license of the vectors, recorded in the manifest. */
  license: string;
  /** Where the vectors came from, recorded in the manifest. */
  source: string;
  /** One-line description for humans. */
  description?: string;
  /** Builder settings recorded verbatim in the manifest (lets a builder tell whether a rebuild is needed). */
  build?: Record<string, string | number | boolean>;
}

/** Size and hash of one written file. */
export interface ModelFileInfo {
  /** File size in bytes. */
  bytes: number;
  /** Lower-case hex sha256 of the file. */
  sha256: string;
}

/** Contents of `embedops-model.json`. */
export interface StaticModelManifest {
  /** Always `embedops-static-model`. */
  format: 'embedops-static-model';
  /** Layout version of this manifest. */
  formatVersion: 1;
  /** Model name. */
  name: string;
  /** Vector length. */
  dimension: number;
  /** Token count including the special tokens. */
  vocabSize: number;
  /** Longest token sequence. */
  maxLength: number;
  /** Storage of `onnx/model.onnx`. */
  storage: 'fp32' | 'int8';
  /** Whether `onnx/model_quantized.onnx` exists. */
  quantized: boolean;
  /** License of the vectors. */
  license: string;
  /** Origin of the vectors. */
  source: string;
  /** Human description. */
  description: string;
  /** Builder settings. */
  build: Record<string, string | number | boolean>;
  /** Every other file in the folder (relative path, `/`-separated) with its size and sha256. */
  files: Record<string, ModelFileInfo>;
}

/** What `writeStaticModel` produced. */
export interface StaticModelResult {
  /** Absolute path of the model folder. */
  dir: string;
  /** The manifest as written. */
  manifest: StaticModelManifest;
}

const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
// Same classes the BERT pre-tokenizer splits on (transformers.js / HF tokenizers).
const WORD_RE = new RegExp(`^(?:[^\\s${PUNCT}]+|[${PUNCT}])$`, 'u');

/**
 * True when the tokenizer can ever produce `word` as one whole token: it is
 * already lower-case and accent-free (what BertNormalizer outputs) and it is a
 * single pre-token (a run without whitespace/punctuation, or one punctuation mark).
 * Words failing this would be unreachable ids in the vocabulary.
 */
export function isVocabularyWord(word: string): boolean {
  if (word.length === 0 || word.length > 100 || !WORD_RE.test(word)) return false;
  if (word !== word.toLowerCase()) return false;
  if (word.normalize('NFD').replace(/\p{Mn}/gu, '') !== word) return false;
  // Control/format characters are deleted and CJK characters split apart by the normaliser.
  return !/[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Script=Han}\uFFFD]/u.test(word);
}

function validate(spec: StaticModelSpec): void {
  const { words, dimension, vectors } = spec;
  if (!Number.isInteger(dimension) || dimension < 1) throw new Error(`dimension must be a positive integer, got ${dimension}`);
  if (vectors.length !== words.length * dimension) {
    throw new Error(`vectors has ${vectors.length} values, expected ${words.length} x ${dimension}`);
  }
  const seen = new Set<string>(SPECIAL_TOKENS);
  for (const w of words) {
    if (!isVocabularyWord(w)) throw new Error(`not a tokenizer-reachable word: ${JSON.stringify(w)}`);
    if (seen.has(w)) throw new Error(`duplicate vocabulary word: ${JSON.stringify(w)}`);
    seen.add(w);
  }
  for (let i = 0; i < vectors.length; i++) {
    if (!Number.isFinite(vectors[i])) throw new Error(`vector value ${i} is not finite`);
  }
}

/**
 * The full `[vocabSize, dimension]` table. Special tokens (including [UNK]) get
 * one small constant vector: mean pooling includes [CLS]/[SEP], so a text of
 * only unknown words (or an empty one) pools to this vector instead of zero,
 * which would turn into NaN when normalised. It is ~1% of a typical word's
 * length so it barely moves the direction of texts that do have known words.
 */
function fullTable(spec: StaticModelSpec): Float32Array {
  const { dimension: d, vectors } = spec;
  const n = spec.words.length;
  let normSum = 0;
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += (vectors[r * d + k] ?? 0) ** 2;
    normSum += Math.sqrt(s);
  }
  const typical = n > 0 && normSum > 0 ? normSum / n : 1;
  const table = new Float32Array((n + SPECIAL_TOKENS.length) * d);
  table.fill((0.01 * typical) / Math.sqrt(d), 0, SPECIAL_TOKENS.length * d);
  table.set(vectors, SPECIAL_TOKENS.length * d);
  return table;
}

function onnxBytes(spec: StaticModelSpec, table: Float32Array, int8: boolean): Buffer {
  return encodeOnnxModel({
    producerName: 'embedops-static-model',
    producerVersion: '1',
    docString: `${spec.name}: static word-embedding lookup (${int8 ? 'int8 table' : 'fp32 table'})`,
    graph: staticLookupGraph(table, spec.dimension, int8),
  });
}

function tokenizerJson(spec: StaticModelSpec, maxLength: number): string {
  const specials = SPECIAL_TOKENS.map((content, id) => ({
    id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  }));
  const tokenizer = {
    version: '1.0',
    truncation: { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 },
    padding: null,
    added_tokens: specials,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: '@VOCAB@' },
  };
  // Written by hand so entries stay in id order (JS objects would hoist numeric keys like "1990").
  const vocab = [...SPECIAL_TOKENS, ...spec.words].map((w, i) => `${JSON.stringify(w)}:${i}`).join(',');
  return JSON.stringify(tokenizer).replace('"@VOCAB@"', `{${vocab}}`);
}

function configJson(spec: StaticModelSpec, vocabSize: number, maxLength: number): string {
  return JSON.stringify({
    _name_or_path: spec.name,
    _comment: 'Static word-embedding table in a BERT-shaped folder: no transformer layers; use mean pooling.',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: spec.dimension,
    vocab_size: vocabSize,
    max_position_embeddings: maxLength,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: spec.dimension,
    type_vocab_size: 1,
    pad_token_id: 0,
    // Picks onnx/model.onnx when a caller gives no dtype (and silences transformers.js's warning about it).
    'transformers.js_config': { dtype: 'fp32' },
  }, null, 2) + '\n';
}

function tokenizerConfigJson(maxLength: number): string {
  return JSON.stringify({
    tokenizer_class: 'BertTokenizer',
    model_max_length: maxLength,
    do_lower_case: true,
    strip_accents: true,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', mask_token: '[MASK]',
  }, null, 2) + '\n';
}

/** Size and sha256 of a file. */
export function fileInfo(file: string): ModelFileInfo {
  const data = fs.readFileSync(file);
  return { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/**
 * Writes the model folder at `dir` (replacing any previous one). Files are
 * written to a sibling temp folder first and renamed into place, so readers
 * never see a half-written model. Same spec ⇒ same bytes in every file.
 */
export function writeStaticModel(dir: string, spec: StaticModelSpec): StaticModelResult {
  validate(spec);
  const target = path.resolve(dir);
  const maxLength = spec.maxLength ?? 512;
  const table = fullTable(spec);
  const vocabSize = SPECIAL_TOKENS.length + spec.words.length;
  const storage = spec.storage ?? 'fp32';
  const contents: Array<[string, string | Buffer]> = [
    ['config.json', configJson(spec, vocabSize, maxLength)],
    ['tokenizer.json', tokenizerJson(spec, maxLength)],
    ['tokenizer_config.json', tokenizerConfigJson(maxLength)],
    ['onnx/model.onnx', onnxBytes(spec, table, storage === 'int8')],
  ];
  if (spec.quantized) contents.push(['onnx/model_quantized.onnx', onnxBytes(spec, table, true)]);

  const tmp = `${target}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, 'onnx'), { recursive: true });
  const files: Record<string, ModelFileInfo> = {};
  for (const [rel, data] of contents) {
    fs.writeFileSync(path.join(tmp, rel), data);
    files[rel] = fileInfo(path.join(tmp, rel));
  }
  const manifest: StaticModelManifest = {
    format: 'embedops-static-model',
    formatVersion: 1,
    name: spec.name,
    dimension: spec.dimension,
    vocabSize,
    maxLength,
    storage,
    quantized: spec.quantized ?? false,
    license: spec.license,
    source: spec.source,
    description: spec.description ?? '',
    build: spec.build ?? {},
    files,
  };
  fs.writeFileSync(path.join(tmp, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(tmp, target);
  return { dir: target, manifest };
}

/** Reads `embedops-model.json` from a model folder, or null when absent or unreadable. */
export function readManifest(dir: string): StaticModelManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as StaticModelManifest;
    return m && m.format === 'embedops-static-model' ? m : null;
  } catch {
    return null;
  }
}

/** Files whose size or sha256 differ from the manifest (missing files included). Empty = intact. */
export function verifyModelFiles(dir: string, manifest: StaticModelManifest): string[] {
  const bad: string[] = [];
  for (const [rel, want] of Object.entries(manifest.files)) {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) { bad.push(rel); continue; }
    const got = fileInfo(file);
    if (got.bytes !== want.bytes || got.sha256 !== want.sha256) bad.push(rel);
  }
  return bad;
}
