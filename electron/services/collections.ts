import { EmbedOpsError } from '../../shared/errors';
import type { CollectionCounts, CollectionStatus, Health, ModelDtype } from '../../shared/types';
import { Embedder } from '../embedding/embedder';
import { defaultDtype, modelFingerprint, resolveModel } from '../embedding/model-folder';
import type { Engine } from '../engine';
import { CHUNKER_VERSION } from '../ingest/chunker';
import { type Collection, getCollection, insertCollection, listCollections, nameTaken, type NewCollection, validateCollectionName } from '../store/collections';
import type { Db } from '../store/db';
import { healthSql } from '../store/health-sql';
import { aliasesOf } from '../store/aliases';
import { listRuns } from '../store/runs';
import { withheldCount } from '../secrets/withheld';

export const DEFAULT_CHUNK_SIZE = 200;
export const DEFAULT_CHUNK_OVERLAP = 20;

export interface CreateCollectionInput {
  name: string;
  model: string;
  chunkSize?: number;
  chunkOverlap?: number;
  dtype?: ModelDtype;
}

/** Creates a collection; its dimension comes from embedding a probe text with the real model. */
export async function createCollection(engine: Engine, input: CreateCollectionInput): Promise<Collection> {
  validateCollectionName(input.name);
  const existing = nameTaken(engine.db, input.name) ? getCollection(engine.db, input.name) : null;
  if (existing) refuseInPlaceChange(existing, { model: input.model, chunkSize: input.chunkSize, chunkOverlap: input.chunkOverlap, dtype: input.dtype }, input.name);
  return insertCollection(engine.db, await newCollectionSettings(engine, input));
}

/** Checks settings and probes the model (dimension, how many tokens it reads); writes nothing. */
export async function newCollectionSettings(engine: Engine, input: CreateCollectionInput): Promise<NewCollection> {
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const chunkOverlap = input.chunkOverlap ?? Math.min(DEFAULT_CHUNK_OVERLAP, Math.floor(chunkSize / 4));
  if (!Number.isInteger(chunkSize) || chunkSize < 8) throw new EmbedOpsError('usage', `--chunk-size must be a whole number of tokens ≥ 8 (got ${chunkSize}).`);
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
    throw new EmbedOpsError('usage', `--chunk-overlap must be a whole number ≥ 0 and smaller than the chunk size ${chunkSize} (got ${chunkOverlap}).`);
  }
  const model = resolveModel(input.model, engine.env);
  const dtype = input.dtype ?? defaultDtype(model.dir);
  const embedder = await Embedder.open(model, dtype);
  const { dimension, maxTokens } = embedder;
  await embedder.close();
  if (chunkSize > maxTokens - 2) {
    throw new EmbedOpsError('usage', `--chunk-size ${chunkSize} is more than model ${model.id} reads (${maxTokens - 2} tokens plus [CLS]/[SEP]). Use --chunk-size ${maxTokens - 2} or less.`);
  }
  return {
    name: input.name,
    modelId: model.id,
    modelFingerprint: await modelFingerprint(model, dtype),
    modelDtype: dtype,
    dimension,
    chunkSize,
    chunkOverlap,
    chunkerVersion: CHUNKER_VERSION,
  };
}

function count(db: Db, sql: string): number {
  return (db.prepare(sql).pluck().get() as number) ?? 0;
}

export function readCounts(db: Db, c: Collection): CollectionCounts {
  const sql = healthSql(c);
  return {
    documents: count(db, sql.documents),
    chunks: count(db, sql.chunks),
    vectors: count(db, sql.vectors),
    missing: count(db, sql.missing),
    stale: count(db, sql.stale),
    orphaned: count(db, sql.orphaned),
    withheld: withheldCount(db, c),
  };
}

export function healthOf(counts: CollectionCounts): Health {
  if (counts.chunks === 0 && counts.vectors === 0) return 'empty';
  // Chunks withheld by the secrets guard are missing on purpose (see the plan and verify).
  return counts.missing === counts.withheld && counts.stale === 0 && counts.orphaned === 0 && counts.vectors + counts.withheld === counts.chunks ? 'complete' : 'incomplete';
}

export function collectionStatus(db: Db, c: Collection): CollectionStatus {
  const counts = readCounts(db, c);
  const { id: _id, vecTable: _vt, ...settings } = c;
  return { settings, counts, health: healthOf(counts), lastRun: listRuns(db, { collection: c.name, kinds: ['backfill'], limit: 1 })[0] ?? null, aliases: aliasesOf(db, c.id) };
}

export function showCollection(engine: Engine, name: string): CollectionStatus {
  return collectionStatus(engine.db, getCollection(engine.db, name));
}

export function statusAll(engine: Engine): CollectionStatus[] {
  return listCollections(engine.db).map((c) => collectionStatus(engine.db, c));
}

/** Settings a command asked for, to hold against a collection's own. */
export interface RequestedSettings {
  model?: string;
  chunkSize?: number;
  chunkOverlap?: number;
  dtype?: ModelDtype;
}

/**
 * Never change what produced a collection's vectors in place: search would be mixed or broken until
 * a re-embed finished. A request that differs is refused with the safe way (derive, then swap);
 * one that matches (or names nothing) is told the collection already exists.
 */
export function refuseInPlaceChange(c: Collection, want: RequestedSettings, asked = c.name): void {
  const diffs: string[] = [];
  if (want.model !== undefined && want.model !== c.modelId && !c.modelId.endsWith(`/${want.model}`)) diffs.push(`model ${c.modelId} → ${want.model}`);
  if (want.dtype !== undefined && want.dtype !== c.modelDtype) diffs.push(`dtype ${c.modelDtype} → ${want.dtype}`);
  if (want.chunkSize !== undefined && want.chunkSize !== c.chunkSize) diffs.push(`chunk size ${c.chunkSize} → ${want.chunkSize}`);
  if (want.chunkOverlap !== undefined && want.chunkOverlap !== c.chunkOverlap) diffs.push(`chunk overlap ${c.chunkOverlap} → ${want.chunkOverlap}`);
  const via = asked === c.name ? '' : ` (through alias ${asked})`;
  if (!diffs.length) {
    throw new EmbedOpsError('refused', `A collection named "${c.name}"${via} already exists. Pick another name, or see it with: embedops collections show ${c.name}`);
  }
  const flags = [
    want.model !== undefined ? `--model ${want.model}` : '',
    want.dtype !== undefined ? `--dtype ${want.dtype}` : '',
    want.chunkSize !== undefined ? `--chunk-size ${want.chunkSize}` : '',
    want.chunkOverlap !== undefined ? `--chunk-overlap ${want.chunkOverlap}` : '',
  ].filter(Boolean).join(' ');
  throw new EmbedOpsError(
    'refused',
    `Collection "${c.name}"${via} exists with other settings (${diffs.join(', ')}). Changing the model or chunking of a collection in place is refused: ` +
      `its search would be mixed until a re-embed finished. Build a new version beside it, verify it, then switch readers in one step:\n` +
      `  embedops collections derive ${asked} ${flags}\n  embedops backfill ${asked.replace(/@v[0-9]+$/, '')}@vN --mode missing   (N as derive prints)\n  embedops swap ${asked.replace(/@v[0-9]+$/, '')} --to ${asked.replace(/@v[0-9]+$/, '')}@vN`,
  );
}
