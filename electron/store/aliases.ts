import { EmbedOpsError } from '../../shared/errors';
import { ALIAS_NAME } from '../../shared/names';
import type { AliasInfo } from '../../shared/types';
import { type Db, nowIso } from './db';

/**
 * Aliases: the names readers use. `tenant_42` points at one concrete collection (`tenant_42@v2`)
 * and remembers the one before it, so a swap is one UPDATE and going back is another.
 */
export { ALIAS_NAME };

/** `tenant_42@v3` → `tenant_42`; a name without a version is its own base. */
export function baseName(name: string): string {
  return name.replace(/@v[0-9]+$/, '');
}

export function versionOf(name: string): number | null {
  const m = /@v([0-9]+)$/.exec(name);
  return m ? Number(m[1]) : null;
}

interface AliasRow {
  name: string;
  target: string;
  target_id: number;
  previous: string | null;
  previous_id: number | null;
  updated_at: string;
}

const SELECT = `SELECT a.name, t.name AS target, t.id AS target_id, p.name AS previous, p.id AS previous_id, a.updated_at
  FROM aliases a JOIN collections t ON t.id = a.collection_id LEFT JOIN collections p ON p.id = a.previous_collection_id`;

function fromRow(r: AliasRow): AliasInfo & { targetId: number; previousId: number | null } {
  return { name: r.name, target: r.target, previous: r.previous, updatedAt: r.updated_at, targetId: r.target_id, previousId: r.previous_id };
}

export function listAliases(db: Db): AliasInfo[] {
  return (db.prepare(`${SELECT} ORDER BY a.name`).all() as AliasRow[]).map((r) => {
    const { targetId: _t, previousId: _p, ...info } = fromRow(r);
    return info;
  });
}

export function findAlias(db: Db, name: string): (AliasInfo & { targetId: number; previousId: number | null }) | null {
  const row = db.prepare(`${SELECT} WHERE a.name = ?`).get(name) as AliasRow | undefined;
  return row ? fromRow(row) : null;
}

/** Aliases whose live target is this collection. */
export function aliasesOf(db: Db, collectionId: number): string[] {
  return db.prepare('SELECT name FROM aliases WHERE collection_id = ? ORDER BY name').pluck().all(collectionId) as string[];
}

/** Creates the alias, or points it at a new target and remembers the old one. Call inside a transaction. */
export function pointAlias(db: Db, name: string, collectionId: number): void {
  if (!ALIAS_NAME.test(name)) throw new EmbedOpsError('usage', `"${name}" cannot be an alias: an alias is 1–64 lower-case letters, digits or _ (no @v…), e.g. tenant_42.`);
  db.prepare(
    `INSERT INTO aliases (name, collection_id, previous_collection_id, updated_at) VALUES (?, ?, NULL, ?)
     ON CONFLICT (name) DO UPDATE SET previous_collection_id = collection_id, collection_id = excluded.collection_id, updated_at = excluded.updated_at`,
  ).run(name, collectionId, nowIso());
}
