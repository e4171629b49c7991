import { EmbedOpsError } from '../../shared/errors';
import type { DeriveResult, ModelDtype } from '../../shared/types';
import { defaultDtype, resolveModel } from '../embedding/model-folder';
import type { Engine } from '../engine';
import { chunkParamsHash } from '../ingest/chunker';
import { shellQuote, writeDocuments } from '../ingest/import';
import { baseName, findAlias, pointAlias } from '../store/aliases';
import { type Collection, findCollection, getCollection, getCollectionById, insertCollection, listCollections, nextVersionName, renameCollection } from '../store/collections';
import { type DocumentInput, DocumentWriter } from '../store/documents';
import { addEvent, createRun, finishRun } from '../store/runs';
import { explainWriteError } from '../store/sqlite-errors';
import { DEFAULT_CHUNK_OVERLAP, newCollectionSettings, showCollection } from './collections';

export interface DeriveInput {
  /** A collection or an alias: the documents come from it. */
  from: string;
  model?: string;
  chunkSize?: number;
  chunkOverlap?: number;
  dtype?: ModelDtype;
}

export interface DeriveOptions {
  onProgress?: (p: { documents: number; total: number }) => void;
  signal?: AbortSignal;
}

/** Documents copied per transaction (each group is chunked in the worker first, as import does). */
const GROUP = 200;

function sameSettings(a: Pick<Collection, 'modelId' | 'modelFingerprint' | 'modelDtype' | 'chunkSize' | 'chunkOverlap'>, b: typeof a): boolean {
  return a.modelId === b.modelId && a.modelFingerprint === b.modelFingerprint && a.modelDtype === b.modelDtype && a.chunkSize === b.chunkSize && a.chunkOverlap === b.chunkOverlap;
}

export function deriveCommand(from: string, s: { modelId: string; modelDtype: string; chunkSize: number; chunkOverlap: number }): string {
  return `embedops collections derive ${from} --model ${shellQuote(s.modelId)} --dtype ${s.modelDtype} --chunk-size ${s.chunkSize} --chunk-overlap ${s.chunkOverlap}`;
}

/**
 * Builds the next version of a collection beside it: `tenant_42` (served by `tenant_42@v1`) gets
 * `tenant_42@v2` with the new model or chunking and the same documents, re-chunked; nothing the
 * readers use changes. A plain collection `tenant_42` becomes `tenant_42@v1` behind an alias of its
 * old name, in the same transaction that creates the new one, so readers never see a gap.
 * Deriving the same settings again continues into the same `building` collection (documents already
 * copied are skipped; ones imported into the live collection since are brought over).
 */
export async function deriveCollection(engine: Engine, input: DeriveInput, opts: DeriveOptions = {}): Promise<DeriveResult> {
  const { db } = engine;
  const source = getCollection(db, input.from);
  const base = baseName(source.name);
  const alias = findAlias(db, base);
  if (!alias && source.name !== base && findCollection(db, base)) {
    throw new EmbedOpsError('refused', `A collection named "${base}" exists beside ${source.name}, so "${base}" cannot become the alias readers use. Derive from ${base} itself, or purge one of them.`);
  }
  if (!alias && source.name === base && findCollection(db, `${base}@v1`)) {
    throw new EmbedOpsError('refused', `Collection ${base} would become ${base}@v1 behind the alias ${base}, but ${base}@v1 already exists. Rename or purge ${base}@v1 first.`);
  }

  const model = input.model ?? source.modelId;
  const chunkSize = input.chunkSize ?? source.chunkSize;
  const chunkOverlap = input.chunkOverlap ?? (source.chunkOverlap < chunkSize ? source.chunkOverlap : Math.min(DEFAULT_CHUNK_OVERLAP, Math.floor(chunkSize / 4)));
  const dtype = input.dtype ?? (input.model === undefined ? source.modelDtype : defaultDtype(resolveModel(model, engine.env).dir));
  const wanted = await newCollectionSettings(engine, { name: 'probe', model, chunkSize, chunkOverlap, dtype });
  if (sameSettings(wanted, source)) {
    throw new EmbedOpsError(
      'usage',
      `Nothing would change: ${source.name} already uses ${source.modelId} (${source.modelDtype}), chunk size ${source.chunkSize}, overlap ${source.chunkOverlap}, and its model files are unchanged. ` +
        `Name what changes: --model, --dtype, --chunk-size or --chunk-overlap. To re-embed the same settings use: embedops backfill ${source.name} --mode rebuild`,
    );
  }

  const existing = listCollections(db).find((c) => baseName(c.name) === base && c.state === 'building' && sameSettings(c, wanted));
  let renamed: DeriveResult['renamed'] = null;
  const target = db
    .transaction((): Collection => {
      if (!alias) {
        if (source.name === base) {
          renameCollection(db, source.id, `${base}@v1`);
          renamed = { from: base, to: `${base}@v1` };
        }
        pointAlias(db, base, source.id);
      }
      if (existing) return existing;
      return insertCollection(db, { ...wanted, name: nextVersionName(db, base), state: 'building' });
    })
    .immediate();
  const from = getCollectionById(db, source.id)!;

  const settings = { from: from.name, to: target.name, alias: base, model: target.modelId, modelFingerprint: target.modelFingerprint, dtype: target.modelDtype, chunkSize: target.chunkSize, chunkOverlap: target.chunkOverlap, dimension: target.dimension };
  const runId = createRun(db, { kind: 'derive', collectionId: target.id, collectionName: target.name, settings, command: deriveCommand(base, target) });
  if (renamed) addEvent(db, runId, 'info', `Collection ${base} is now ${base}@v1; readers keep using the name ${base}, now an alias for it`);
  if (existing) addEvent(db, runId, 'info', `Continuing into ${target.name} (building, same settings); documents already there are kept`);

  const total = db.prepare('SELECT count(*) FROM documents WHERE collection_id = ?').pluck().get(from.id) as number;
  const counts = { documents: { added: 0, updated: 0, unchanged: 0 }, chunks: { added: 0, changed: 0, removed: 0 } };
  const writer = new DocumentWriter(db, target, chunkParamsHash({ size: target.chunkSize, overlap: target.chunkOverlap }, target.modelFingerprint));
  const page = db.prepare('SELECT id, external_id, title, source_path, content, content_hash FROM documents WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?');
  const targetModel = resolveModel(target.modelId, engine.env);
  try {
    let last = 0;
    for (;;) {
      if (opts.signal?.aborted) throw new EmbedOpsError('cancelled', `Derive stopped; ${target.name} keeps the documents copied so far. Run the same command again to continue.`);
      const rows = page.all(from.id, last, GROUP) as { id: number; external_id: string; title: string; source_path: string | null; content: string; content_hash: string }[];
      if (!rows.length) break;
      last = rows[rows.length - 1]!.id;
      const docs = rows.map((r): DocumentInput => ({ externalId: r.external_id, title: r.title, sourcePath: r.source_path, content: r.content, contentHash: r.content_hash }));
      await writeDocuments(db, writer, targetModel, { size: target.chunkSize, overlap: target.chunkOverlap }, docs, counts);
      opts.onProgress?.({ documents: counts.documents.added + counts.documents.updated + counts.documents.unchanged, total });
    }
  } catch (err) {
    const e = explainWriteError(err, db, engine.dbPath);
    finishRun(db, runId, e instanceof EmbedOpsError && e.code === 'cancelled' ? 'cancelled' : 'failed', { error: (e as Error).message, result: counts });
    throw e;
  }
  const chunks = db.prepare('SELECT count(*) FROM document_chunks WHERE collection_id = ?').pluck().get(target.id) as number;
  const result = { from: from.name, to: target.name, alias: base, renamed, documents: total, chunks, copied: counts };
  addEvent(db, runId, 'info', `${total} documents of ${from.name} in ${target.name} as ${chunks} chunks; next: embedops backfill ${target.name} --mode missing`);
  finishRun(db, runId, 'completed', { result });
  return { runId, from: from.name, collection: showCollection(engine, target.name), alias: base, renamed, documents: total, chunks };
}
