import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { EmbedOpsError } from '../../shared/errors';

/** better-sqlite3 errors carry SQLite's result code name in `code`. */
function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/**
 * Turns low-level SQLite/file-system failures into errors that name the problem and the fix.
 * Anything unrecognised is returned unchanged.
 */
export function explainStoreError(err: unknown, dbPath: string): unknown {
  if (err instanceof EmbedOpsError) return err;
  const code = sqliteCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new EmbedOpsError(
      'locked',
      `The database ${dbPath} is locked by another process (${detail}). ` +
        'Wait for the other EmbedOps command or app to finish, or close it, then try again.',
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new EmbedOpsError(
      'read_only',
      `The database ${dbPath} cannot be written (${detail}). ` +
        'Check the permissions of the file and its folder (SQLite also writes -wal/-shm files beside it), ' +
        'or pass --db with a writable location.',
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new EmbedOpsError(
      'disk_full',
      `The disk holding ${dbPath} is full (${detail}). Nothing from the failed step was kept. ` +
        'Free some space, then run the same command again: it continues where it stopped.',
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new EmbedOpsError(
      'refused',
      `${dbPath} is not a usable SQLite database (${detail}). ` +
        'Point --db at an EmbedOps database, or restore one from a backup.',
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new EmbedOpsError(
      'read_only',
      `Cannot open the database ${dbPath} (${detail}). Check that its folder exists and is writable, or pass --db.`,
    );
  }
  return err;
}

/**
 * Like explainStoreError, for a failed write on an open database. sqlite-vec reports a full disk
 * as a generic "Could not insert a new vector chunk", so when a write fails that way we look at
 * the disk (and at SQLite's own size limit) to tell the user what really happened.
 */
export function explainWriteError(err: unknown, db: Database.Database, dbPath: string): unknown {
  const explained = explainStoreError(err, dbPath);
  if (explained !== err || !(err instanceof Error) || !/sqlite-vec|disk|full/i.test(err.message)) return explained;
  let full = false;
  try {
    // A vec0 chunk is allocated whole (1,024 vectors at once: 1.5 MB at 384-d), so "full" means
    // "less room left than one more chunk", not zero bytes.
    const room = 64 * 1024 * 1024;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const max = db.pragma('max_page_count', { simple: true }) as number;
    const fs = statfsSync(dirname(dbPath));
    full = (max - pages) * pageSize < room || fs.bavail * fs.bsize < room;
  } catch {
    // if even that fails, report the original error
  }
  return full ? explainStoreError(Object.assign(new Error(err.message), { code: 'SQLITE_FULL' }), dbPath) : explained;
}
