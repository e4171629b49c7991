import { useState } from 'react';
import type { BackupInfo } from '../../../../shared/api';
import { useCreateBackup, useLastBackupAction } from '../../api/actions';
import { useBackups, useCollections, useReadOnly, useStatus } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { QueryView } from '../../components/QueryView';
import { BackupDone, RestoreDone } from './BackupResults';
import { BackupsTable } from './BackupsTable';
import { backupsFolder } from './backup-facts';
import { RestoreDialog } from './RestoreDialog';

/** The whole database's backups, newest first: take one now, or restore one after a confirmation that says exactly what happens. */
export function BackupsScreen() {
  const backups = useBackups();
  const status = useStatus();
  const collections = useCollections();
  const readOnly = useReadOnly();
  const create = useCreateBackup();
  const lastCreate = useLastBackupAction('backups/create');
  const lastRestore = useLastBackupAction('backups/restore');
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const database = status.data?.database ?? '';
  const folder = database ? backupsFolder(database) : '';
  const activeRuns = status.data?.activeRuns.filter((r) => r.status === 'running' || r.status === 'queued') ?? [];
  // Only the newest of the two results is shown: a backup taken after a restore supersedes the restore's report, and vice versa.
  const latest = [lastCreate, lastRestore].filter((m) => !!m).sort((a, b) => a.submittedAt - b.submittedAt).at(-1);
  const restored = latest === lastRestore && lastRestore?.status === 'success' ? lastRestore.data : undefined;
  const created = latest === lastCreate && lastCreate?.status === 'success' ? lastCreate.data : undefined;
  const restoredTime = restored ? (backups.data?.find((b) => b.file === restored.restored)?.time ?? null) : null;
  const highlight = created ? { file: created.file, label: 'just taken' } : restored ? { file: restored.previous.file, label: 'safety' } : null;

  return (
    <div className="page">
      <header className="page__header">
        <h1 tabIndex={-1}>Backups</h1>
        <p className="page__lede">
          Complete copies of the database (every collection with its documents, chunks, vectors and history), checked when taken. A restore puts one back
          after backing up the current database.
          {folder && (
            <>
              {' '}
              Kept in <span className="mono wrap">{folder}</span>.
            </>
          )}
        </p>
      </header>
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => create.mutate({})}
          disabled={create.isPending || readOnly}
          data-testid="backup-now"
        >
          {create.isPending ? 'Backing up…' : 'Back up now'}
        </button>
        <span className="muted">
          {readOnly ? 'Read-only: this server cannot write backups.' : "SQLite's online backup: safe while a backfill runs. Recorded in the history."}
        </span>
      </div>
      {create.isPending && <Loading what="Copying the database and running SQLite's integrity check on the copy" />}
      {lastCreate?.status === 'error' && latest === lastCreate && <ErrorNotice title="No backup was taken" error={lastCreate.error} />}
      {created && <BackupDone backup={created} />}
      {restored && <RestoreDone info={restored} time={restoredTime} />}
      <QueryView query={backups} what="the backups">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No backups yet.">
              <p>
                A backup is a complete, checked copy of this database, taken with SQLite's online backup, so it is consistent even while a backfill writes.
                Restoring one brings back every collection's documents, chunks and vectors exactly as they were.
              </p>
              <p>
                The console takes one automatically <strong>before every rebuild backfill</strong>, <strong>before every purge</strong> of a retired
                collection (Derive & swap) and <strong>before every restore</strong> (of the database being replaced). Take one yourself with <strong>Back up now</strong> before an import or change you may want to undo.
              </p>
            </EmptyState>
          ) : (
            <BackupsTable backups={list} folder={folder} highlight={highlight} onRestore={setRestoring} restoreDisabled={readOnly || !status.data || !collections.data} />
          )
        }
      </QueryView>
      {restoring && status.data && collections.data && (
        <RestoreDialog
          backup={restoring}
          current={collections.data}
          database={database}
          folder={folder}
          activeRuns={activeRuns}
          onClose={() => setRestoring(null)}
          onRestored={() => setRestoring(null)}
        />
      )}
    </div>
  );
}
