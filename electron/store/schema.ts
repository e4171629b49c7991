import type { Db } from './db';
import { ensureAllKeywordIndexes } from './keyword-index';

/**
 * Versioned schema. Each entry migrates from version i to i+1 and runs in one transaction.
 * Append only: never edit a shipped migration (databases in the field have run it).
 *
 * Enumerations are TEXT with CHECK constraints rather than integers: the SQL shown to reviewers
 * in verify reports then reads without a lookup table, with the same integrity.
 */
/** SQL, or a function for steps that depend on the data (e.g. one table per existing collection). */
export type Migration = string | ((db: Db) => void);

export const MIGRATIONS: readonly Migration[] = [
  // 1: the data model of DESIGN.md
  `
  CREATE TABLE collections (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    model_id TEXT NOT NULL,
    model_fingerprint TEXT NOT NULL,
    model_dtype TEXT NOT NULL CHECK (model_dtype IN ('fp32', 'q8')),
    dimension INTEGER NOT NULL CHECK (dimension > 0),
    chunk_size INTEGER NOT NULL CHECK (chunk_size > 0),
    chunk_overlap INTEGER NOT NULL CHECK (chunk_overlap >= 0 AND chunk_overlap < chunk_size),
    chunker_version INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'building', 'retired')),
    vec_table TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );

  CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    title TEXT NOT NULL,
    source_path TEXT,
    content TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (collection_id, external_id)
  );

  CREATE TABLE document_chunks (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    token_count INTEGER NOT NULL,
    params_hash TEXT NOT NULL,
    UNIQUE (document_id, ordinal)
  );
  CREATE INDEX document_chunks_collection ON document_chunks (collection_id, id);

  -- The ledger: one row per chunk that has a vector, saying what produced it.
  CREATE TABLE document_embeddings (
    chunk_id INTEGER PRIMARY KEY REFERENCES document_chunks(id) ON DELETE CASCADE,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    model_fingerprint TEXT NOT NULL,
    dimension INTEGER NOT NULL,
    text_hash TEXT NOT NULL,
    embedded_at TEXT NOT NULL,
    run_id INTEGER
  );
  CREATE INDEX document_embeddings_collection ON document_embeddings (collection_id);
  CREATE INDEX document_embeddings_run ON document_embeddings (run_id);

  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('backfill', 'import', 'verify', 'spotcheck')),
    collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    collection_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'interrupted', 'completed')),
    mode TEXT CHECK (mode IN ('missing', 'stale', 'rebuild')),
    settings TEXT NOT NULL DEFAULT '{}',
    plan TEXT,
    command TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    embedded INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    checkpoint INTEGER NOT NULL DEFAULT 0,
    -- 'cancel' or 'pause' asked by another process; the owner checks between batches.
    control TEXT CHECK (control IN ('cancel', 'pause')),
    owner_pid INTEGER,
    owner_host TEXT,
    heartbeat_at TEXT,
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  CREATE INDEX runs_collection ON runs (collection_id, id);
  CREATE INDEX runs_status ON runs (status);

  CREATE TABLE run_events (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
    message TEXT NOT NULL
  );
  CREATE INDEX run_events_run ON run_events (run_id, id);

  CREATE TABLE run_failures (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    chunk_id INTEGER NOT NULL REFERENCES document_chunks(id) ON DELETE CASCADE,
    error TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, chunk_id)
  );
  CREATE INDEX run_failures_chunk ON run_failures (chunk_id);

  CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    collection_id INTEGER REFERENCES collections(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 2: an FTS5 keyword index per collection (spot-check's cross-check), built for existing collections
  (db) => {
    ensureAllKeywordIndexes(db);
  },
  // 3: runs.kind gains 'backup' and 'restore'. SQLite cannot alter a CHECK, so `runs` is rebuilt
  // (create new, copy every row with its id, drop old, rename); migrate() turns foreign keys off
  // around this and runs foreign_key_check before commit, so run_events/run_failures keep their rows.
  `
  CREATE TABLE runs_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('backfill', 'import', 'verify', 'spotcheck', 'backup', 'restore')),
    collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    collection_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'interrupted', 'completed')),
    mode TEXT CHECK (mode IN ('missing', 'stale', 'rebuild')),
    settings TEXT NOT NULL DEFAULT '{}',
    plan TEXT,
    command TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    embedded INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    checkpoint INTEGER NOT NULL DEFAULT 0,
    control TEXT CHECK (control IN ('cancel', 'pause')),
    owner_pid INTEGER,
    owner_host TEXT,
    heartbeat_at TEXT,
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  INSERT INTO runs_new (id, kind, collection_id, collection_name, status, mode, settings, plan, command, total, done, embedded, skipped, failed,
                        checkpoint, control, owner_pid, owner_host, heartbeat_at, result, error, created_at, started_at, finished_at)
    SELECT id, kind, collection_id, collection_name, status, mode, settings, plan, command, total, done, embedded, skipped, failed,
           checkpoint, control, owner_pid, owner_host, heartbeat_at, result, error, created_at, started_at, finished_at FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_new RENAME TO runs;
  CREATE INDEX runs_collection ON runs (collection_id, id);
  CREATE INDEX runs_status ON runs (status);
  `,
  // 4: safe change. Aliases name what readers use (`tenant_42` → `tenant_42@v2`), with the target
  // they had before so a swap can go back; a collection an alias serves cannot be deleted (RESTRICT).
  // Saved spot-check query sets are keyed by the alias (base) name: they outlive versions. `runs`
  // is rebuilt once more for the kinds derive, swap and purge (see migration 3 for why rebuilt).
  `
  CREATE TABLE aliases (
    name TEXT PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE RESTRICT,
    previous_collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE query_sets (
    name TEXT PRIMARY KEY,
    queries TEXT NOT NULL,
    k INTEGER NOT NULL CHECK (k > 0),
    updated_at TEXT NOT NULL
  );
  CREATE TABLE runs_new (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('backfill', 'import', 'verify', 'spotcheck', 'backup', 'restore', 'derive', 'swap', 'purge')),
    collection_id INTEGER REFERENCES collections(id) ON DELETE SET NULL,
    collection_name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'paused', 'cancelled', 'failed', 'interrupted', 'completed')),
    mode TEXT CHECK (mode IN ('missing', 'stale', 'rebuild')),
    settings TEXT NOT NULL DEFAULT '{}',
    plan TEXT,
    command TEXT NOT NULL,
    total INTEGER NOT NULL DEFAULT 0,
    done INTEGER NOT NULL DEFAULT 0,
    embedded INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    checkpoint INTEGER NOT NULL DEFAULT 0,
    control TEXT CHECK (control IN ('cancel', 'pause')),
    owner_pid INTEGER,
    owner_host TEXT,
    heartbeat_at TEXT,
    result TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT
  );
  INSERT INTO runs_new SELECT id, kind, collection_id, collection_name, status, mode, settings, plan, command, total, done, embedded, skipped, failed,
           checkpoint, control, owner_pid, owner_host, heartbeat_at, result, error, created_at, started_at, finished_at FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_new RENAME TO runs;
  CREATE INDEX runs_collection ON runs (collection_id, id);
  CREATE INDEX runs_status ON runs (status);
  `,
  // 5: the secrets guard's scan of each chunk (electron/secrets): offsets of what looks like a
  // credential, never the text. A row counts only while its text_hash and detector_version match
  // the chunk and the detector; other chunks are scanned again before a plan or a backfill.
  `
  CREATE TABLE IF NOT EXISTS chunk_secrets (
    chunk_id INTEGER PRIMARY KEY REFERENCES document_chunks(id) ON DELETE CASCADE,
    collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL,
    detector_version INTEGER NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    findings TEXT NOT NULL,
    scanned_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS chunk_secrets_flagged ON chunk_secrets (collection_id, chunk_id) WHERE count > 0;
  `,
];

/** Marks the file as an EmbedOps database ('EMBO'), so restore and open can tell it apart. */
export const APPLICATION_ID = 0x454d424f;
export const SCHEMA_VERSION = MIGRATIONS.length;
