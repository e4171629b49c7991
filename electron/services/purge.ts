import { EmbedOpsError } from '../../shared/errors';
import type { PurgeResult } from '../../shared/types';
import type { Engine } from '../engine';
import { deleteCollection, getCollection } from '../store/collections';
import { addEvent, activeWriter, createRun, finishRun, markInterruptedRuns } from '../store/runs';
import { createBackup } from './backups';
import { readCounts } from './collections';

/**
 * Deletes a retired (or never swapped-in) collection: documents, chunks, vectors, ledger, keyword
 * index. Never one an alias serves, never while a run writes to it, and only after a backup of the
 * whole database, whose path the result and history give. An `active` collection that no alias
 * serves is one readers use by name, so it needs `force` (recorded).
 */
export async function purgeCollection(engine: Engine, name: string, opts: { force?: boolean } = {}): Promise<PurgeResult> {
  const { db } = engine;
  const c = getCollection(db, name);
  if (c.name !== name) throw new EmbedOpsError('refused', `"${name}" is an alias (it serves ${c.name}); purge names a collection, and never the one an alias serves.`);
  const servedBy = db.prepare('SELECT name FROM aliases WHERE collection_id = ?').pluck().all(c.id) as string[];
  if (servedBy.length) {
    throw new EmbedOpsError('refused', `${c.name} is live: alias ${servedBy.join(', ')} serves it. Swap the alias to another version first (embedops swap ${servedBy[0]} --to …); nothing was deleted.`);
  }
  if (c.state === 'active' && !opts.force) {
    throw new EmbedOpsError('refused', `${c.name} is active: readers may use it by its name. If it is really retired, purge it with --force (recorded in history); nothing was deleted.`);
  }
  markInterruptedRuns(db);
  const busy = activeWriter(db, c.id);
  if (busy) throw new EmbedOpsError('refused', `Run #${busy.id} (${busy.kind}) is writing to ${c.name}; stop it first with: embedops cancel ${busy.id}. Nothing was deleted.`);
  const counts = readCounts(db, c);
  const backup = await createBackup(engine, { reason: 'before-purge' });
  const settings = { collection: c.name, state: c.state, model: c.modelId, modelFingerprint: c.modelFingerprint, dtype: c.modelDtype, dimension: c.dimension, chunkSize: c.chunkSize, chunkOverlap: c.chunkOverlap, force: opts.force === true };
  const runId = db
    .transaction(() => {
      const id = createRun(db, { kind: 'purge', collectionId: c.id, collectionName: c.name, settings, command: `embedops collections purge ${c.name} --yes${opts.force ? ' --force' : ''}` });
      deleteCollection(db, c);
      addEvent(db, id, 'info', `Purged ${c.name}: ${counts.documents} documents, ${counts.chunks} chunks, ${counts.vectors} vectors. The database before it is kept at ${backup.file}`);
      finishRun(db, id, 'completed', { result: { collection: c.name, counts, backup: backup.file } });
      return id;
    })
    .immediate();
  return { runId, collection: c.name, counts, backup: backup.file };
}
