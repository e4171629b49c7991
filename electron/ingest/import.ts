import { EmbedOpsError } from '../../shared/errors';
import type { ImportReport } from '../../shared/reports';
import { chunkInWorker } from '../embedding/embedder';
import { type ResolvedModel, resolveModel } from '../embedding/model-folder';
import type { Engine } from '../engine';
import { getCollection } from '../store/collections';
import type { Db } from '../store/db';
import { type ChunkChanges, type DocumentInput, DocumentWriter, type UpsertOutcome } from '../store/documents';
import { addEvent, createRun, finishRun } from '../store/runs';
import { explainWriteError } from '../store/sqlite-errors';
import { type Chunk, type ChunkParams, chunkParamsHash, sha256 } from './chunker';
import { scanSources } from './scan-sources';
import type { SourceDocument } from './types';

export type { ImportReport };

export interface ImportProgress {
  files: number;
  bytes: number;
  documents: number;
  skipped: number;
}

export interface ImportOptions {
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
  /**
   * For files that only exist for the import (uploads): what to record instead of their temporary
   * folder, as each document's path prefix and in the history's command.
   */
  recordAs?: { root: string; label: string; command: string };
}

/** Documents are written in groups: one transaction per group keeps a crash's loss small and commits cheap. */
const GROUP = 200;

export async function importPaths(engine: Engine, collectionName: string, paths: string[], opts: ImportOptions = {}): Promise<ImportReport> {
  const { db } = engine;
  const collection = getCollection(db, collectionName);
  if (!paths.length) throw new EmbedOpsError('usage', 'Name at least one file or folder to import: embedops import COLLECTION PATH…');
  const model = resolveModel(collection.modelId, engine.env);
  const params = { size: collection.chunkSize, overlap: collection.chunkOverlap };
  const writer = new DocumentWriter(db, collection, chunkParamsHash(params, collection.modelFingerprint));
  const runId = createRun(db, {
    kind: 'import',
    collectionId: collection.id,
    collectionName: collection.name,
    settings: { paths, chunkSize: params.size, chunkOverlap: params.overlap, model: collection.modelId },
    command: opts.recordAs?.command ?? `embedops import ${collection.name} ${paths.map(shellQuote).join(' ')}`,
  });
  const t0 = performance.now();
  const report: ImportReport = {
    collection: collection.name,
    runId,
    files: 0,
    bytes: 0,
    documents: { added: 0, updated: 0, unchanged: 0 },
    chunks: { added: 0, changed: 0, removed: 0 },
    skipped: [],
    seconds: 0,
    megabytesPerSecond: 0,
  };
  let group: SourceDocument[] = [];
  const flush = async () => {
    const docs = group.map((d): DocumentInput => {
      const sourcePath = opts.recordAs && d.sourcePath.startsWith(opts.recordAs.root) ? opts.recordAs.label + d.sourcePath.slice(opts.recordAs.root.length).replace(/^[\\/]/, '') : d.sourcePath;
      return { externalId: d.externalId, title: d.title, sourcePath, content: d.content, contentHash: sha256(`${d.title}\u0000${d.content}`) };
    });
    group = [];
    await writeDocuments(db, writer, model, params, docs, report);
  };
  const progress = () => opts.onProgress?.({ files: report.files, bytes: report.bytes, documents: report.documents.added + report.documents.updated + report.documents.unchanged + group.length, skipped: report.skipped.length });
  try {
    for await (const item of scanSources(paths)) {
      if (opts.signal?.aborted) throw new EmbedOpsError('cancelled', `Import cancelled; documents written so far are kept. Run the same command again to continue.`);
      if (item.kind === 'file') {
        report.files++;
        report.bytes += item.bytes;
        progress();
      } else if (item.kind === 'skipped') {
        report.skipped.push(item.skip);
      } else {
        group.push(item.doc);
        if (group.length >= GROUP) {
          await flush();
          progress();
        }
      }
    }
    await flush();
    progress();
  } catch (err) {
    const e = explainWriteError(err, db, engine.dbPath);
    finishRun(db, runId, e instanceof EmbedOpsError && e.code === 'cancelled' ? 'cancelled' : 'failed', { error: (e as Error).message, result: report });
    throw e;
  }
  report.seconds = (performance.now() - t0) / 1000;
  report.megabytesPerSecond = report.seconds > 0 ? report.bytes / 1e6 / report.seconds : 0;
  const imported = report.documents.added + report.documents.updated + report.documents.unchanged;
  for (const s of report.skipped.slice(0, 50)) addEvent(db, runId, 'warn', `skipped ${s.path}${s.locator ? ` (${s.locator})` : ''}: ${s.message}`);
  if (imported === 0) {
    finishRun(db, runId, 'failed', { error: 'nothing could be imported', result: report });
  } else {
    finishRun(db, runId, 'completed', { result: report });
  }
  return report;
}

/**
 * Chunks documents in the worker, then writes them in one transaction: the one path by which
 * import and derive put documents into a collection. Unchanged documents (same content, same
 * chunk parameters) are counted and left alone, so running it again continues rather than repeats.
 */
export async function writeDocuments(
  db: Db,
  writer: DocumentWriter,
  model: ResolvedModel,
  params: ChunkParams,
  docs: DocumentInput[],
  counts: { documents: Record<UpsertOutcome, number>; chunks: ChunkChanges },
): Promise<void> {
  const fresh = docs.filter((d) => {
    if (!writer.isUnchanged(d.externalId, d.contentHash)) return true;
    counts.documents.unchanged++;
    return false;
  });
  // Chunked in the worker, before the transaction: tokenising is the slow part and must hold
  // neither the main thread nor the write lock.
  const spans = await chunkInWorker(model, params, fresh.map((d) => d.content));
  const chunked = fresh.map((d, i) => ({
    d,
    chunks: spans[i]!.map((s, ordinal): Chunk => ({ ordinal, start: s.start, end: s.end, text: d.content.slice(s.start, s.end), tokenCount: s.tokenCount })),
  }));
  db.transaction(() => {
    for (const { d, chunks } of chunked) counts.documents[writer.upsert(d, chunks, counts.chunks)]++;
  }).immediate();
}

/** Quotes an argument for the "equivalent command" shown in history. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
