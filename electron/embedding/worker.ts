/**
 * Embedding worker thread: turns texts into vectors and nothing else (it never touches SQLite).
 * Requests are handled one at a time in arrival order, so the main side can queue the next batch
 * while this one runs and the model never waits for the database.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './protocol';
import { type Extractor, loadExtractor } from './transformers';

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;

let extractor: Extractor | null = null;
let queue: Promise<void> = Promise.resolve();

function reply(msg: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

async function handle(req: WorkerRequest): Promise<void> {
  const t0 = performance.now();
  try {
    if (req.type === 'load') {
      await extractor?.dispose();
      extractor = null;
      let loaded: Extractor;
      try {
        loaded = await loadExtractor(req.dir, req.dtype);
      } catch (err) {
        reply({ id: req.id, type: 'error', code: 'model', message: `The model in ${req.dir} failed to load: ${(err as Error).message}. The folder may be corrupt or made for another runtime; copy it again or pick another model.` });
        return;
      }
      // The dimension is whatever the model really outputs, never a number typed by hand.
      const probe = await loaded.embed(['dimension probe']);
      extractor = loaded;
      reply({ id: req.id, type: 'loaded', dimension: probe.dimension, loadMs: performance.now() - t0 });
      return;
    }
    if (!extractor) {
      reply({ id: req.id, type: 'error', code: 'internal', message: 'embed requested before a model was loaded' });
      return;
    }
    const { data, dimension } = await extractor.embed(req.texts);
    reply({ id: req.id, type: 'embedded', vectors: data, dimension, ms: performance.now() - t0 }, [data.buffer as ArrayBuffer]);
  } catch (err) {
    reply({ id: req.id, type: 'error', code: 'model', message: `Embedding failed: ${(err as Error).message}` });
  }
}

port.on('message', (req: WorkerRequest) => {
  queue = queue.then(() => handle(req));
});
