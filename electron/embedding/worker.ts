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
import { cachedCounter, chunkText } from '../ingest/chunker';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;

/** Loaded models by dir|dtype; a few at most, least recently used dropped first. */
const extractors = new Map<string, { extractor: Extractor; dimension: number; maxTokens: number }>();
const MAX_MODELS = 3;
const counters = new Map<string, { count: (w: string) => number; maxTokens: number }>();
let queue: Promise<void> = Promise.resolve();

function reply(msg: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

function loadFailed(dir: string, err: unknown): Error {
  return new Error(`The model in ${dir} failed to load: ${(err as Error).message}. The folder may be corrupt or made for another runtime; copy it again or pick another model.`);
}

async function counterFor(dir: string): Promise<{ count: (w: string) => number; maxTokens: number }> {
  let c = counters.get(dir);
  if (!c) {
    let t: TokenCounter;
    try {
      t = await loadTokenCounter(dir);
    } catch (err) {
      throw loadFailed(dir, err);
    }
    c = { count: cachedCounter(t.count), maxTokens: t.maxTokens };
    counters.set(dir, c);
  }
  return c;
}

async function extractorFor(dir: string, dtype: string) {
  const key = `${dir}|${dtype}`;
  const found = extractors.get(key);
  if (found) {
    extractors.delete(key);
    extractors.set(key, found);
    return found;
  }
  let extractor: Extractor;
  try {
    extractor = await loadExtractor(dir, dtype as 'fp32' | 'q8');
  } catch (err) {
    throw loadFailed(dir, err);
  }
  // The dimension is whatever the model really outputs, never a number typed by hand.
  const probe = await extractor.embed(['dimension probe']);
  const { maxTokens } = await counterFor(dir);
  const entry = { extractor, dimension: probe.dimension, maxTokens };
  extractors.set(key, entry);
  while (extractors.size > MAX_MODELS) {
    const [oldest, old] = extractors.entries().next().value as [string, typeof entry];
    extractors.delete(oldest);
    await old.extractor.dispose();
  }
  return entry;
}

async function handle(req: WorkerRequest): Promise<void> {
  const t0 = performance.now();
  try {
    switch (req.type) {
      case 'load': {
        const m = await extractorFor(req.dir, req.dtype);
        return reply({ id: req.id, type: 'loaded', dimension: m.dimension, maxTokens: m.maxTokens, loadMs: performance.now() - t0 });
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
