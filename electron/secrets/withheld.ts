import type { Collection } from '../store/collections';
import type { Db } from '../store/db';
import { predicates } from '../store/health-sql';
import { hasScanTable } from './scan-store';

/**
 * Chunks the secrets guard withholds: they look like credentials and have no vector. With the
 * default policy (skip) a backfill leaves them so on purpose, so verify and the collection's health
 * count them as explained rather than missing. Read from the flagged rows' partial index.
 */
export function withheldSql(c: Collection, select = 'count(*)'): string {
  return (
    `SELECT ${select} FROM chunk_secrets s JOIN document_chunks c ON c.id = s.chunk_id AND c.text_hash = s.text_hash ` +
    `WHERE s.collection_id = ${c.id} AND s.count > 0 AND ${predicates(c).missing}`
  );
}

/** 0 on a read-only database from before the guard (nothing was ever withheld there). */
export function withheldCount(db: Db, c: Collection): number {
  return hasScanTable(db) ? (db.prepare(withheldSql(c)).pluck().get() as number) : 0;
}

export interface WithheldReport {
  count: number;
  /** The SQL of `count`, to copy into a sqlite3 shell (a verify count). */
  sql: string;
  sampleChunkIds: number[];
  /** Missing chunks that are NOT withheld (the ones a backfill would embed), up to `sample`; read when asked (another pass). */
  missingSample: () => number[];
}

/**
 * For verify, which only reads: a chunk is withheld when a backfill's scan flagged its current text
 * (a backfill scans every chunk it considers first, and an import rescans what it rewrites). A chunk
 * never scanned was never withheld: it is missing, and the next backfill decides.
 */
export function withheldReport(db: Db, c: Collection, sample: number): WithheldReport {
  const sql = withheldSql(c) + ';';
  if (!hasScanTable(db)) return { count: 0, sql: '-- no chunk_secrets table (a read-only database from before the secrets guard)', sampleChunkIds: [], missingSample: () => [] };
  const ids = (q: string) => (db.prepare(q).pluck().all() as (number | bigint)[]).map(Number);
  const p = predicates(c);
  const count = db.prepare(sql).pluck().get() as number;
  return {
    count,
    sql,
    sampleChunkIds: count ? ids(`${withheldSql(c, 'c.id')} ORDER BY c.id LIMIT ${sample}`) : [],
    missingSample: () => ids(
      `SELECT c.id FROM document_chunks c WHERE c.collection_id = ${c.id} AND ${p.missing} ` +
        `AND NOT EXISTS (SELECT 1 FROM chunk_secrets s WHERE s.chunk_id = c.id AND s.text_hash = c.text_hash AND s.count > 0) ORDER BY c.id LIMIT ${sample}`,
    ),
  };
}
