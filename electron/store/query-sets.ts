import { EmbedOpsError } from '../../shared/errors';
import type { QuerySet } from '../../shared/types';
import { baseName } from './aliases';
import { type Db, nowIso } from './db';

export const MAX_SAVED_QUERIES = 5;
export const DEFAULT_COMPARE_K = 5;

/** The saved spot-check queries of a collection or alias, kept under its base name so every version shares them. */
export function getQuerySet(db: Db, name: string): QuerySet {
  const base = baseName(name);
  const row = db.prepare('SELECT queries, k, updated_at FROM query_sets WHERE name = ?').get(base) as { queries: string; k: number; updated_at: string } | undefined;
  return row ? { name: base, queries: JSON.parse(row.queries) as string[], k: row.k, updatedAt: row.updated_at } : { name: base, queries: [], k: DEFAULT_COMPARE_K, updatedAt: null };
}

export function saveQuerySet(db: Db, name: string, queries: string[], k = DEFAULT_COMPARE_K): QuerySet {
  const clean = [...new Set(queries.map((q) => q.trim()).filter(Boolean))];
  if (!clean.length || clean.length > MAX_SAVED_QUERIES) {
    throw new EmbedOpsError('usage', `Save 1–${MAX_SAVED_QUERIES} queries you trust (got ${clean.length}): embedops queries set ${baseName(name)} "query one" "query two" …`);
  }
  if (!Number.isInteger(k) || k < 1 || k > 50) throw new EmbedOpsError('usage', `-k must be a whole number from 1 to 50 (got ${k}).`);
  db.prepare(
    `INSERT INTO query_sets (name, queries, k, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET queries = excluded.queries, k = excluded.k, updated_at = excluded.updated_at`,
  ).run(baseName(name), JSON.stringify(clean), k, nowIso());
  return getQuerySet(db, name);
}
