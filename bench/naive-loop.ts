/**
 * The "naive loop" side of the scheduling-gain figure, in a process of its own (transformers.js
 * must not be loaded in a process whose worker thread also loads it: onnxruntime-node's addon
 * crashes when loaded twice in one process). Everything on the main thread, one step at a time:
 * read the next 100 chunks in id order, embed them, insert their vectors and ledger rows in one
 * transaction, repeat. No length sorting, no overlap of reading, embedding and writing.
 *
 * argv: <db> <collection> <model dir> <dtype> <batch> → prints {"chunksPerSecond": n, "chunks": n}.
 */
import type { ModelDtype } from '../shared/types';
import { loadExtractor } from '../electron/embedding/transformers';
import { getCollection } from '../electron/store/collections';
import { openDatabase } from '../electron/store/db';
import { VectorTable } from '../electron/store/vectors';

async function main(): Promise<void> {
  const [file, name, dir, dtype, batchArg] = process.argv.slice(2) as [string, string, string, ModelDtype, string];
  const batch = Number(batchArg);
  const db = openDatabase(file);
  const c = getCollection(db, name);
  const table = new VectorTable(db, c.vecTable);
  const page = db.prepare('SELECT id, text, text_hash FROM document_chunks WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?');
  const ledger = db.prepare(
    `INSERT INTO document_embeddings (chunk_id, collection_id, model_id, model_fingerprint, dimension, text_hash, embedded_at, run_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
     ON CONFLICT (chunk_id) DO UPDATE SET text_hash = excluded.text_hash, embedded_at = excluded.embedded_at`,
  );
  const extractor = await loadExtractor(dir, dtype);
  await extractor.embed(['warm up']); // as the backfill's model load is not timed either
  const t0 = performance.now();
  let after = 0;
  let chunks = 0;
  for (;;) {
    const rows = page.all(c.id, after, batch) as { id: number; text: string; text_hash: string }[];
    if (!rows.length) break;
    const { data, dimension } = await extractor.embed(rows.map((r) => r.text));
    const now = new Date().toISOString();
    db.transaction(() => {
      rows.forEach((r, i) => {
        table.put(r.id, data.subarray(i * dimension, (i + 1) * dimension));
        ledger.run(r.id, c.id, c.modelId, c.modelFingerprint, c.dimension, r.text_hash, now);
      });
    })();
    chunks += rows.length;
    after = rows[rows.length - 1]!.id;
  }
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  process.stdout.write(JSON.stringify({ chunksPerSecond: chunks / seconds, chunks }));
}

void main();
