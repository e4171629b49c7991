import type { BackupInfo } from '../../shared/api';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import { checkIdentity, type Db, vecExtensionPath } from './db';
import { SCHEMA_VERSION } from './schema';

/** Per-collection counts recorded with a backup and reported after a restore. */
/** The JSON sidecar written beside each backup file (`<file>.json`): the contract's BackupInfo. */
export type BackupManifest = BackupInfo;
/** Per-collection counts recorded in a manifest. */
export type CollectionCounts = BackupInfo['collections'][number];

/** `<folder of the database>/backups`: where backups go unless --to says otherwise. */
export function backupsDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

export function defaultBackupPath(dbPath: string, reason: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return join(backupsDir(dbPath), `embedops-${stamp}-${reason.replace(/[^a-z0-9-]/gi, '_')}.sqlite`);
}

export function collectionCounts(db: Db): CollectionCounts[] {
  const cols = db.prepare('SELECT id, name, vec_table FROM collections ORDER BY id').all() as { id: number; name: string; vec_table: string }[];
  const one = (sql: string, ...a: unknown[]) => db.prepare(sql).pluck().get(...a) as number;
  return cols.map((c) => ({
    name: c.name,
    documents: one('SELECT count(*) FROM documents WHERE collection_id = ?', c.id),
    chunks: one('SELECT count(*) FROM document_chunks WHERE collection_id = ?', c.id),
    vectors: one(`SELECT count(*) FROM "${c.vec_table}_rowids"`),
    ledger: one('SELECT count(*) FROM document_embeddings WHERE collection_id = ?', c.id),
  }));
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });
}

/**
 * Checks a file is an intact EmbedOps database this build can open (same or older schema) and
 * returns its counts. Opens it read-only: nothing in the file changes.
 */
export function inspectDatabaseFile(path: string): { schemaVersion: number; collections: CollectionCounts[] } {
  if (!existsSync(path)) throw new EmbedOpsError('not_found', `No file at ${path}.`);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new EmbedOpsError('invalid_input', `${path} cannot be opened as a SQLite database (${(err as Error).message}). Nothing was changed.`);
  }
  try {
    let integrity: string;
    try {
      db.loadExtension(vecExtensionPath());
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } catch (err) {
      throw new EmbedOpsError('invalid_input', `${path} is not a readable SQLite database (${(err as Error).message}). Nothing was changed.`);
    }
    if (integrity !== 'ok') throw new EmbedOpsError('invalid_input', `${path} failed SQLite's integrity check (${integrity.slice(0, 300)}). It is corrupt; use another backup. Nothing was changed.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0) throw new EmbedOpsError('invalid_input', `${path} is not an EmbedOps database (no EmbedOps schema in it). Nothing was changed.`);
    checkIdentity(db, path);
    return { schemaVersion: version, collections: collectionCounts(db) };
  } finally {
    db.close();
  }
}

/**
 * SQLite's online backup of `db` to `dest`: a consistent snapshot even while another process
 * writes (WAL readers never block writers). Copies to a temp name, makes the copy a
 * self-contained rollback-journal file, checks it, then renames it into place.
 */
export async function backupDatabase(db: Db, dest: string, ownRunId?: number): Promise<{ schemaVersion: number; collections: CollectionCounts[]; sizeBytes: number; sha256: string }> {
  mkdirSync(dirname(dest), { recursive: true });
  if (existsSync(dest)) throw new EmbedOpsError('refused', `${dest} already exists; choose another --to path (a backup never overwrites a file).`);
  const tmp = `${dest}.partial-${process.pid}`;
  try {
    // All pages in one step: a step restarted by another process's write could otherwise never finish.
    await db.backup(tmp, { progress: () => 1 << 30 });
    const copy = new Database(tmp);
    try {
      copy.pragma('journal_mode = DELETE');
      // The snapshot caught this backup's own run mid-way; in the copy it is the finished backup.
      if (ownRunId !== undefined) copy.prepare(`UPDATE runs SET status = 'completed', control = NULL, finished_at = ?, heartbeat_at = ? WHERE id = ?`).run(new Date().toISOString(), new Date().toISOString(), ownRunId);
    } finally {
      copy.close();
    }
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(tmp + ext, { force: true });
    const info = inspectDatabaseFile(tmp);
    if (info.schemaVersion !== SCHEMA_VERSION) throw new EmbedOpsError('internal', `The backup has schema ${info.schemaVersion}, expected ${SCHEMA_VERSION}.`);
    renameSync(tmp, dest);
    return { ...info, sizeBytes: statSync(dest).size, sha256: await sha256File(dest) };
  } finally {
    for (const ext of ['', '-wal', '-shm', '-journal']) rmSync(tmp + ext, { force: true });
  }
}

export function writeManifest(m: BackupManifest): void {
  const tmp = `${m.file}.json.tmp`;
  writeFileSync(tmp, JSON.stringify(m, null, 2) + '\n');
  renameSync(tmp, `${m.file}.json`);
}

export function readManifest(file: string): BackupManifest | null {
  try {
    return JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupManifest;
  } catch {
    return null;
  }
}

/** Backups in a folder with their manifests, newest first. */
export function listBackupFiles(dir: string): BackupManifest[] {
  if (!existsSync(dir)) return [];
  const out: BackupManifest[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.sqlite')) continue;
    const file = join(dir, name);
    const m = readManifest(file);
    if (m) out.push({ ...m, file });
    else {
      const st = statSync(file);
      out.push({ file, time: st.mtime.toISOString(), reason: basename(name).replace(/^embedops-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+-[^-]+-/, '').replace(/\.sqlite$/, '') || 'unknown', sourceDatabase: '', sizeBytes: st.size, schemaVersion: 0, sha256: '', collections: [] });
    }
  }
  return out.sort((a, b) => b.time.localeCompare(a.time));
}
