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
