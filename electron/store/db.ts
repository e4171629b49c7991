import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { explainStoreError } from './sqlite-errors';

export type Db = Database.Database;

export interface OpenOptions {
  /** Open without writing anything (no migration); commands that only read use it. */
  readonly?: boolean;
  /** How long a write waits for another process's lock before giving up. */
  busyTimeoutMs?: number;
}

/**
 * Where the sqlite-vec loadable extension lives. Inside a packaged Electron app the file is
 * unpacked beside app.asar, because SQLite cannot load an extension from inside the archive.
 */
export function vecExtensionPath(): string {
  return sqliteVec.getLoadablePath().replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** Opens (creating if needed) an EmbedOps database with WAL, foreign keys, sqlite-vec and the current schema. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  try {
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    if (!options.readonly) assertWritable(path);
    if (options.readonly && !existsSync(path)) {
      throw new EmbedOpsError('not_found', `No database at ${path}. Create a collection first (embedops collections create …), or pass --db.`);
    }
    const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      db.loadExtension(vecExtensionPath());
      if (!options.readonly) {
        db.pragma('journal_mode = WAL');
        // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('foreign_keys = ON');
      // sqlite-vec's KNN is a brute-force read of the collection's vectors: memory-mapping the file
      // makes it ~0.58× the time of read() copies (bench/README.md, latency at 100k × 384).
      db.pragma('mmap_size = 1073741824');
      checkIdentity(db, path);
      if (!options.readonly) migrate(db);
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  } catch (err) {
    throw explainStoreError(err, path);
  }
}

/**
 * SQLite quietly opens an unwritable file read-only and fails on the first write instead; checking
 * up front gives the clear error before any work starts. WAL also needs the folder writable.
 */
function assertWritable(path: string): void {
  for (const target of existsSync(path) ? [path, dirname(path)] : [dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (err) {
      throw new EmbedOpsError(
        'read_only',
        `The database ${path} cannot be written (${(err as Error).message}). ` +
          'Check the permissions of the file and its folder (SQLite also writes -wal/-shm files beside it), or pass --db with a writable location.',
      );
    }
  }
}

/** Refuses a file that is not an EmbedOps database, or one of a newer schema than this build. */
export function checkIdentity(db: Db, path: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const hasTables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n > 0;
  if (appId !== APPLICATION_ID && (hasTables || version !== 0)) {
    throw new EmbedOpsError('refused', `${path} is a SQLite database but not an EmbedOps one. Pass --db with an EmbedOps database file (or a new path to create one).`);
  }
  if (version > SCHEMA_VERSION) {
    throw new EmbedOpsError(
      'refused',
      `The database ${path} has schema version ${version}, newer than this build understands (${SCHEMA_VERSION}). ` +
        'It was written by a newer EmbedOps; upgrade this installation. Nothing was changed.',
    );
  }
}

function migrate(db: Db): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from === SCHEMA_VERSION) return;
  // SQLite's documented procedure for rebuilding a table (migration 3 rebuilds `runs`): foreign keys
  // off outside the transaction (a DROP would otherwise cascade into run_events), then
  // foreign_key_check before commit proves nothing was left dangling.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (let v = from; v < SCHEMA_VERSION; v++) {
        const step = MIGRATIONS[v]!;
        if (typeof step === 'string') db.exec(step);
        else step(db);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new EmbedOpsError('internal', `Migration to schema ${SCHEMA_VERSION} left ${broken.length} broken foreign key(s); nothing was changed.`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
