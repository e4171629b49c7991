import { EmbedOpsError } from '../../shared/errors';
import { COLLECTION_NAME } from '../../shared/names';
import type { CollectionSettings, ModelDtype } from '../../shared/types';
import { type Db, nowIso } from './db';
import { createKeywordIndex } from './keyword-index';
import { createVectorTable } from './vectors';

export { COLLECTION_NAME };

/** A collection row: its settings plus the internal ids the store needs. */
export interface Collection extends CollectionSettings {
  id: number;
  /** Name of its sqlite-vec table (by id, so a name never has to be quoted). */
  vecTable: string;
}

interface CollectionRow {
  id: number;
  name: string;
  model_id: string;
  model_fingerprint: string;
  model_dtype: ModelDtype;
  dimension: number;
  chunk_size: number;
  chunk_overlap: number;
  chunker_version: number;
  state: Collection['state'];
  vec_table: string;
  created_at: string;
}

function fromRow(r: CollectionRow): Collection {
  return {
    id: r.id,
    name: r.name,
    modelId: r.model_id,
    modelFingerprint: r.model_fingerprint,
    modelDtype: r.model_dtype,
    dimension: r.dimension,
    chunkSize: r.chunk_size,
    chunkOverlap: r.chunk_overlap,
    chunkerVersion: r.chunker_version,
    state: r.state,
    vecTable: r.vec_table,
    createdAt: r.created_at,
  };
}

export function validateCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw new EmbedOpsError(
      'usage',
      `"${name}" is not a valid collection name. Use 1–64 lower-case letters, digits or _ ` +
        '(optionally followed by a version like @v2), e.g. tenant_42 or global_corpus.',
    );
  }
}

export function listCollections(db: Db): Collection[] {
  return (db.prepare('SELECT * FROM collections ORDER BY name').all() as CollectionRow[]).map(fromRow);
}

export function findCollection(db: Db, name: string): Collection | null {
  const row = db.prepare('SELECT * FROM collections WHERE name = ?').get(name) as CollectionRow | undefined;
  return row ? fromRow(row) : null;
}

export function getCollectionById(db: Db, id: number): Collection | null {
  const row = db.prepare('SELECT * FROM collections WHERE id = ?').get(id) as CollectionRow | undefined;
  return row ? fromRow(row) : null;
}

/** The collection, or a not-found error that lists the ones that exist. */
export function getCollection(db: Db, name: string): Collection {
  const found = findCollection(db, name);
  if (found) return found;
  const names = listCollections(db).map((c) => c.name);
  const known = names.length ? `Known collections: ${names.join(', ')}.` : 'There are no collections yet.';
  throw new EmbedOpsError('not_found', `No collection named "${name}". ${known} Create it with: embedops collections create ${name} --model NAME`);
}

export type NewCollection = Omit<CollectionSettings, 'state' | 'createdAt'>;

/** Creates the row, its vector table and its keyword index (store/keyword-index) in one transaction. */
export function insertCollection(db: Db, c: NewCollection): Collection {
  validateCollectionName(c.name);
  return db
    .transaction(() => {
      if (findCollection(db, c.name)) {
        throw new EmbedOpsError('refused', `A collection named "${c.name}" already exists. Pick another name, or see it with: embedops collections show ${c.name}`);
      }
      const info = db
        .prepare(
          `INSERT INTO collections (name, model_id, model_fingerprint, model_dtype, dimension, chunk_size, chunk_overlap,
             chunker_version, vec_table, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
        )
        .run(c.name, c.modelId, c.modelFingerprint, c.modelDtype, c.dimension, c.chunkSize, c.chunkOverlap, c.chunkerVersion, nowIso());
      const id = Number(info.lastInsertRowid);
      const vecTable = `vec_c${id}`;
      db.prepare('UPDATE collections SET vec_table = ? WHERE id = ?').run(vecTable, id);
      createVectorTable(db, vecTable, c.dimension);
      createKeywordIndex(db, id);
      return getCollection(db, c.name);
    })
    .immediate();
}
