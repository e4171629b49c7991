import { EmbedOpsError } from '../../shared/errors';
import type { CollectionCounts, CollectionStatus, Health, ModelDtype } from '../../shared/types';
import { Embedder } from '../embedding/embedder';
import { defaultDtype, modelFingerprint, resolveModel } from '../embedding/model-folder';
import type { Engine } from '../engine';
import { CHUNKER_VERSION } from '../ingest/chunker';
import { type Collection, getCollection, insertCollection, listCollections, validateCollectionName } from '../store/collections';
import type { Db } from '../store/db';
import { healthSql } from '../store/health-sql';
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
  const chunkSize = input.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const chunkOverlap = input.chunkOverlap ?? Math.min(DEFAULT_CHUNK_OVERLAP, Math.floor(chunkSize / 4));
  if (!Number.isInteger(chunkSize) || chunkSize < 8) throw new EmbedOpsError('usage', `--chunk-size must be a whole number of tokens ≥ 8 (got ${chunkSize}).`);
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0 || chunkOverlap >= chunkSize) {
    throw new EmbedOpsError('usage', `--chunk-overlap must be a whole number ≥ 0 and smaller than the chunk size ${chunkSize} (got ${chunkOverlap}).`);
  }
  if (engine.db.prepare('SELECT 1 FROM collections WHERE name = ?').get(input.name)) {
    throw new EmbedOpsError('refused', `A collection named "${input.name}" already exists. Pick another name, or see it with: embedops collections show ${input.name}`);
  }
  const model = resolveModel(input.model, engine.env);
  const dtype = input.dtype ?? defaultDtype(model.dir);
  const embedder = await Embedder.open(model, dtype);
  const { dimension, maxTokens } = embedder;
  await embedder.close();
  if (chunkSize > maxTokens - 2) {
    throw new EmbedOpsError('usage', `--chunk-size ${chunkSize} is more than model ${model.id} reads (${maxTokens - 2} tokens plus [CLS]/[SEP]). Use --chunk-size ${maxTokens - 2} or less.`);
  }
  return insertCollection(engine.db, {
    name: input.name,
    modelId: model.id,
    modelFingerprint: await modelFingerprint(model, dtype),
    modelDtype: dtype,
    dimension,
    chunkSize,
    chunkOverlap,
    chunkerVersion: CHUNKER_VERSION,
  });
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
  return { settings, counts, health: healthOf(counts), lastRun: listRuns(db, { collection: c.name, kinds: ['backfill'], limit: 1 })[0] ?? null };
}

export function showCollection(engine: Engine, name: string): CollectionStatus {
  return collectionStatus(engine.db, getCollection(engine.db, name));
}

export function statusAll(engine: Engine): CollectionStatus[] {
  return listCollections(engine.db).map((c) => collectionStatus(engine.db, c));
}
