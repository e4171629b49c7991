import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { EmbedOpsError } from '../../shared/errors';
import type { Engine } from '../engine';
import { type BackupManifest, backupDatabase, backupsDir, type CollectionCounts, defaultBackupPath, inspectDatabaseFile, listBackupFiles, writeManifest } from '../store/backup';
import { nowIso, openDatabase } from '../store/db';
import { addEvent, createRun, finishRun, listRuns, markInterruptedRuns } from '../store/runs';

/** Backup and restore runs concern the whole database, not one collection. */
const ALL = '*';

/** Takes an online backup of the engine's database, checks it, writes its manifest and records a `backup` run. */
export async function createBackup(engine: Engine, opts: { to?: string; reason?: string } = {}): Promise<BackupManifest> {
  const reason = opts.reason ?? 'manual';
  const file = resolve(opts.to ?? defaultBackupPath(engine.dbPath, reason));
  const command = `embedops backup --to ${JSON.stringify(file)}`;
  const runId = engine.readonly ? null : createRun(engine.db, { kind: 'backup', collectionId: null, collectionName: ALL, settings: { to: file, reason }, command });
  try {
    const r = await backupDatabase(engine.db, file, runId ?? undefined);
    const manifest: BackupManifest = { file, time: nowIso(), reason, sourceDatabase: engine.dbPath, sizeBytes: r.sizeBytes, schemaVersion: r.schemaVersion, sha256: r.sha256, collections: r.collections };
    writeManifest(manifest);
    if (runId !== null) {
      addEvent(engine.db, runId, 'info', `Backup written to ${file} (${r.sizeBytes} bytes, integrity ok, sha256 ${r.sha256})`);
      finishRun(engine.db, runId, 'completed', { result: { file, sizeBytes: r.sizeBytes, sha256: r.sha256, collections: r.collections } });
    }
    return manifest;
  } catch (err) {
    if (runId !== null) finishRun(engine.db, runId, 'failed', { error: (err as Error).message });
    throw err;
  }
}

/** Backups in the database's backups folder and any recorded elsewhere (--to) by backup runs, newest first. */
export function listBackups(engine: Engine): BackupManifest[] {
  const seen = new Map<string, BackupManifest>();
  for (const m of listBackupFiles(backupsDir(engine.dbPath))) seen.set(m.file, m);
  for (const run of listRuns(engine.db, { kinds: ['backup'] })) {
    const file = (run.result as { file?: string } | null)?.file ?? (run.settings as { to?: string }).to;
    if (!file || seen.has(file)) continue;
    const dir = resolve(file, '..');
    for (const m of listBackupFiles(dir)) if (m.file === file) seen.set(file, m);
  }
  return [...seen.values()].sort((a, b) => b.time.localeCompare(a.time));
}

export interface RestoreResult {
  restored: string;
  previous: BackupManifest;
  collections: CollectionCounts[];
}

/**
 * Replaces the engine's database with a backup. Checks the file first (EmbedOps, schema not
 * newer, integrity ok), refuses while a run is active, backs up the current database, then swaps
 * the file in via temp + rename and reopens the engine on it.
 */
export async function restoreBackup(engine: Engine, backupFile: string): Promise<RestoreResult> {
  const file = resolve(backupFile);
  if (file === resolve(engine.dbPath)) throw new EmbedOpsError('usage', 'That is the current database itself; pass a backup file.');
  const info = inspectDatabaseFile(file);
  if (engine.readonly) throw new EmbedOpsError('read_only', `The database ${engine.dbPath} is read-only; a restore cannot replace it.`);
  markInterruptedRuns(engine.db);
  const active = engine.db.prepare(`SELECT id, kind, collection_name AS collection FROM runs WHERE status IN ('queued', 'running') ORDER BY id LIMIT 1`).get() as
    | { id: number; kind: string; collection: string }
    | undefined;
  if (active) throw new EmbedOpsError('refused', `Run #${active.id} (${active.kind} of ${active.collection}) is active; a restore would pull the database from under it. Wait for it or stop it with: embedops cancel ${active.id}. Nothing was changed.`);
  const previous = await createBackup(engine, { reason: 'before-restore' });

  const dbPath = engine.dbPath;
  const tmp = `${dbPath}.restore-${process.pid}`;
  copyFileSync(file, tmp);
  engine.db.close();
  try {
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(dbPath + ext, { force: true });
    renameSync(tmp, dbPath);
  } finally {
    rmSync(tmp, { force: true });
    engine.db = openDatabase(dbPath);
  }
  const runId = createRun(engine.db, { kind: 'restore', collectionId: null, collectionName: ALL, settings: { from: file, schemaVersion: info.schemaVersion, previous: previous.file }, command: `embedops restore ${JSON.stringify(file)} --yes` });
  addEvent(engine.db, runId, 'info', `Restored from ${file}; the database before it is kept at ${previous.file}`);
  finishRun(engine.db, runId, 'completed', { result: { from: file, previous: previous.file, collections: info.collections } });
  return { restored: file, previous, collections: info.collections };
}
