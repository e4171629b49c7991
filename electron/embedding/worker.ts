/**
 * The embedding worker thread: all transformers.js work of the process happens here — tokenising
 * for the chunker and embedding — and it never touches SQLite. One worker lives as long as the
 * process: onnxruntime-node's native addon cannot be loaded again by a second worker after the
 * first one exits ("Module did not self-register"), and reusing one worker also keeps loaded
 * models warm. Requests run one at a time in arrival order, so the main side can queue the next
 * batch while this one embeds.
 */
import { parentPort } from 'node:worker_threads';
import type { ChunkSpan, WorkerReply, WorkerRequest } from './protocol';
import { type Extractor, loadExtractor, loadTokenCounter, type TokenCounter } from './transformers';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelDtype } from '../../shared/types';
import { cachedCounter, chunkText } from '../ingest/chunker';
import { ONNX_FILES } from './model-folder';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;

/** Loaded models by dir|dtype; a few at most, least recently used dropped first. */
const extractors = new Map<string, { extractor: Extractor; dimension: number; maxTokens: number; stamp: string }>();
const MAX_MODELS = 3;
const counters = new Map<string, { count: (w: string) => number; maxTokens: number; stamp: string }>();

/**
 * Size and mtime of the files a loaded model came from. A long-lived process (the desktop app,
 * serve mode) must notice a model folder replaced under the same name, or it would go on using
 * the old weights while the files on disk say otherwise.
 */
function stamp(dir: string, files: string[]): string {
  return files
    .map((f) => {
      try {
        const st = statSync(join(dir, f));
        return `${st.size}:${st.mtimeMs}:${st.ino}`;
      } catch {
        return 'absent';
      }
    })
    .join('|');
}
const TOKENIZER_FILES = ['tokenizer.json', 'tokenizer_config.json'];
let queue: Promise<void> = Promise.resolve();

function reply(msg: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

function loadFailed(dir: string, err: unknown): Error {
  return new Error(`The model in ${dir} failed to load: ${(err as Error).message}. The folder may be corrupt or made for another runtime; copy it again or pick another model.`);
}

async function counterFor(dir: string): Promise<{ count: (w: string) => number; maxTokens: number }> {
  const now = stamp(dir, TOKENIZER_FILES);
  let c = counters.get(dir);
  if (c && c.stamp !== now) c = undefined;
  if (!c) {
    let t: TokenCounter;
    try {
      t = await loadTokenCounter(dir);
    } catch (err) {
      throw loadFailed(dir, err);
    }
    c = { count: cachedCounter(t.count), maxTokens: t.maxTokens, stamp: now };
    counters.set(dir, c);
  }
  return c;
}

async function extractorFor(dir: string, dtype: string) {
  const key = `${dir}|${dtype}`;
  const now = stamp(dir, [ONNX_FILES[dtype as ModelDtype], ...TOKENIZER_FILES]);
  const found = extractors.get(key);
  extractors.delete(key);
  if (found && found.stamp === now) {
    extractors.set(key, found);
    return { ...found, cached: true };
  }
  if (found) await found.extractor.dispose();
  let extractor: Extractor;
  try {
    extractor = await loadExtractor(dir, dtype as 'fp32' | 'q8');
  } catch (err) {
    throw loadFailed(dir, err);
  }
  // The dimension is whatever the model really outputs, never a number typed by hand.
  const probe = await extractor.embed(['dimension probe']);
  const { maxTokens } = await counterFor(dir);
  const entry = { extractor, dimension: probe.dimension, maxTokens, stamp: now };
  extractors.set(key, entry);
  while (extractors.size > MAX_MODELS) {
    const [oldest, old] = extractors.entries().next().value as [string, typeof entry];
    extractors.delete(oldest);
    await old.extractor.dispose();
  }
  return { ...entry, cached: false };
}

async function handle(req: WorkerRequest): Promise<void> {
  const t0 = performance.now();
  try {
    switch (req.type) {
      case 'load': {
        const m = await extractorFor(req.dir, req.dtype);
        return reply({ id: req.id, type: 'loaded', dimension: m.dimension, maxTokens: m.maxTokens, loadMs: performance.now() - t0, cached: m.cached });
      }
      case 'embed': {
        const m = await extractorFor(req.dir, req.dtype);
        const { data, dimension } = await m.extractor.embed(req.texts);
        return reply({ id: req.id, type: 'embedded', vectors: data, dimension, ms: performance.now() - t0 }, [data.buffer as ArrayBuffer]);
      }
      case 'chunk': {
        const { count } = await counterFor(req.dir);
        const chunks: ChunkSpan[][] = req.contents.map((c) => chunkText(c, req.params, count).map(({ start, end, tokenCount }) => ({ start, end, tokenCount })));
        return reply({ id: req.id, type: 'chunked', chunks });
      }
      case 'unload': {
        const key = `${req.dir}|${req.dtype}`;
        await extractors.get(key)?.extractor.dispose();
        extractors.delete(key);
        return reply({ id: req.id, type: 'unloaded' });
      }
    }
  } catch (err) {
    reply({ id: req.id, type: 'error', code: 'model', message: (err as Error).message });
  }
}

port.on('message', (req: WorkerRequest) => {
  queue = queue.then(() => handle(req));
});
