import { defaultDbPath } from './paths';
import { type Db, openDatabase } from './store/db';
import { markInterruptedRuns } from './store/runs';

/** What every service needs: the one database connection and the environment (model search path). */
export interface Engine {
  db: Db;
  dbPath: string;
  env: NodeJS.ProcessEnv;
  readonly: boolean;
  /** Closes what was registered with onClose (reader threads), then the connection. */
  close(): void;
  onClose(fn: () => void): void;
}

export interface EngineOptions {
  dbPath?: string;
  env?: NodeJS.ProcessEnv;
  readonly?: boolean;
}

export function openEngine(opts: EngineOptions = {}): Engine {
  const env = opts.env ?? process.env;
  const dbPath = opts.dbPath ?? defaultDbPath(env);
  const readonly = opts.readonly ?? false;
  // EMBEDOPS_BUSY_TIMEOUT_MS: how long a write waits for another process's lock (default 5 s).
  const busyTimeoutMs = Number(env.EMBEDOPS_BUSY_TIMEOUT_MS) || undefined;
  const db = openDatabase(dbPath, { readonly, busyTimeoutMs });
  // A run found running with no live owner is interrupted, whoever opens the database first.
  if (!readonly) markInterruptedRuns(db);
  // close() closes the current connection: a restore swaps `db` for one on the restored file.
  const closers: (() => void)[] = [];
  const engine: Engine = {
    db,
    dbPath,
    env,
    readonly,
    close: () => {
      for (const fn of closers.splice(0)) fn();
      engine.db.close();
    },
    onClose: (fn) => void closers.push(fn),
  };
  return engine;
}
