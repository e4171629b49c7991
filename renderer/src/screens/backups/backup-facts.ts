import type { BackupInfo } from '../../../../shared/api';
import type { CollectionStatus } from '../../../../shared/types';

/** Per-collection counts as a backup's manifest records them. */
export type BackupCounts = BackupInfo['collections'][number];

/** The renderer has no `node:path`; paths come from the engine's OS, so split on either separator. */
export function splitPath(file: string): { dir: string; name: string } {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? { dir: '', name: file } : { dir: file.slice(0, i), name: file.slice(i + 1) };
}

/** `<folder of the database>/backups`, where the engine puts every backup not given a --to path (store/backup.ts backupsDir). */
export function backupsFolder(database: string): string {
  const { dir } = splitPath(database);
  const sep = database.includes('\\') && !database.includes('/') ? '\\' : '/';
  return `${dir}${sep}backups`;
}

/** What a backup's reason means, in words. */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'manual':
      return 'taken by hand';
    case 'before-rebuild':
      return 'automatic: before a rebuild backfill';
    case 'before-purge':
      return 'automatic: before a retired collection was purged';
    case 'before-restore':
      return 'automatic: the database as it was before a restore';
    default:
      return reason;
  }
}

/** Counts (documents, chunks, vectors) of one collection now and after a restore; null where it does not exist. */
export interface CountsChange {
  name: string;
  now: { documents: number; chunks: number; vectors: number } | null;
  after: { documents: number; chunks: number; vectors: number } | null;
  changed: boolean;
}

/** Every collection in the current database or in the backup, in the backup's order then the ones the restore removes. */
export function countsChanges(current: CollectionStatus[], backup: BackupCounts[]): CountsChange[] {
  const now = new Map(current.map((c) => [c.settings.name, c.counts]));
  const pick = (c: { documents: number; chunks: number; vectors: number }) => ({ documents: c.documents, chunks: c.chunks, vectors: c.vectors });
  const same = (a: CountsChange['now'], b: CountsChange['after']) => !!a && !!b && a.documents === b.documents && a.chunks === b.chunks && a.vectors === b.vectors;
  const rows: CountsChange[] = backup.map((b) => {
    const n = now.get(b.name);
    const r = { name: b.name, now: n ? pick(n) : null, after: pick(b) };
    return { ...r, changed: !same(r.now, r.after) };
  });
  const inBackup = new Set(backup.map((b) => b.name));
  for (const c of current) if (!inBackup.has(c.settings.name)) rows.push({ name: c.settings.name, now: pick(c.counts), after: null, changed: true });
  return rows;
}
