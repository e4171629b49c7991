import { EmbedOpsError } from '../../shared/errors';
import { COLLECTION_NAME } from '../../shared/names';
import type { CollectionSettings, ModelDtype } from '../../shared/types';
import { type Db, nowIso } from './db';
import { createKeywordIndex, dropKeywordIndex } from './keyword-index';
import { createVectorTable, dropVectorTable } from './vectors';

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

/**
 * The collection a reader means: a concrete collection by its name, else the live target of the
 * alias of that name (`tenant_42` → `tenant_42@v2`). Otherwise a not-found error listing what exists.
 */
export function getCollection(db: Db, name: string): Collection {
  const found = findCollection(db, name) ?? resolveAlias(db, name);
  if (found) return found;
  const names = listCollections(db).map((c) => c.name);
  const aliases = db.prepare('SELECT name FROM aliases ORDER BY name').pluck().all() as string[];
  const known = names.length ? `Known collections: ${names.join(', ')}${aliases.length ? `; aliases: ${aliases.join(', ')}` : ''}.` : 'There are no collections yet.';
  throw new EmbedOpsError('not_found', `No collection named "${name}". ${known} Create it with: embedops collections create ${name} --model NAME`);
}

function resolveAlias(db: Db, name: string): Collection | null {
  const row = db.prepare('SELECT c.* FROM aliases a JOIN collections c ON c.id = a.collection_id WHERE a.name = ?').get(name) as CollectionRow | undefined;
  return row ? fromRow(row) : null;
}

/** Whether a name is taken by a collection or an alias (they share one namespace). */
export function nameTaken(db: Db, name: string): string | null {
  if (findCollection(db, name)) return `A collection named "${name}" already exists.`;
  const alias = db.prepare('SELECT c.name FROM aliases a JOIN collections c ON c.id = a.collection_id WHERE a.name = ?').pluck().get(name) as string | undefined;
  return alias ? `"${name}" is an alias for collection ${alias}.` : null;
}

/** The next free version of a base name: `tenant_42` with @v1 and @v2 → `tenant_42@v3`. */
export function nextVersionName(db: Db, base: string): string {
  const names = (db.prepare('SELECT name FROM collections').pluck().all() as string[]).filter((n) => n.replace(/@v[0-9]+$/, '') === base);
  const versions = names.map((n) => Number(/@v([0-9]+)$/.exec(n)?.[1] ?? 1));
  return `${base}@v${Math.max(0, ...versions) + 1}`;
}

/** Renames a collection and the runs that name it (same collection, so its history follows it). Call inside a transaction. */
export function renameCollection(db: Db, id: number, name: string): void {
  validateCollectionName(name);
  db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
  db.prepare('UPDATE runs SET collection_name = ? WHERE collection_id = ?').run(name, id);
}

export function setCollectionState(db: Db, id: number, state: Collection['state']): void {
  db.prepare('UPDATE collections SET state = ? WHERE id = ?').run(state, id);
}

/** Deletes a collection with its documents, chunks, ledger, vector table and keyword index. Call inside a transaction. */
export function deleteCollection(db: Db, c: Collection): void {
  // Index triggers first, or deleting the chunks would feed every row through them.
  dropKeywordIndex(db, c.id);
  dropVectorTable(db, c.vecTable);
  db.prepare('DELETE FROM collections WHERE id = ?').run(c.id);
}

export type NewCollection = Omit<CollectionSettings, 'state' | 'createdAt'> & { state?: CollectionSettings['state'] };

/** Creates the row, its vector table and its keyword index (store/keyword-index) in one transaction. */
export function insertCollection(db: Db, c: NewCollection): Collection {
  validateCollectionName(c.name);
  return db
    .transaction(() => {
      const taken = nameTaken(db, c.name);
      if (taken) throw new EmbedOpsError('refused', `${taken} Pick another name, or see it with: embedops collections show ${c.name}`);
      const info = db
        .prepare(
          `INSERT INTO collections (name, model_id, model_fingerprint, model_dtype, dimension, chunk_size, chunk_overlap,
             chunker_version, state, vec_table, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
        )
        .run(c.name, c.modelId, c.modelFingerprint, c.modelDtype, c.dimension, c.chunkSize, c.chunkOverlap, c.chunkerVersion, c.state ?? 'active', nowIso());
      const id = Number(info.lastInsertRowid);
      const vecTable = `vec_c${id}`;
      db.prepare('UPDATE collections SET vec_table = ? WHERE id = ?').run(vecTable, id);
      createVectorTable(db, vecTable, c.dimension);
      createKeywordIndex(db, id);
      return getCollection(db, c.name);
    })
    .immediate();
}
