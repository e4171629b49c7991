import { useEffect, useRef } from 'react';
import type { BackupInfo } from '../../../../shared/api';
import type { CollectionStatus, RunRecord } from '../../../../shared/types';
import { useRestoreBackup } from '../../api/actions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { fmtInt, fmtTime } from '../../lib/format';
import { runHref } from '../../lib/route';
import { countsChanges, splitPath, type CountsChange } from './backup-facts';

const COUNTS = ['documents', 'chunks', 'vectors'] as const;

/**
 * The confirmation of a restore: what happens, in order, with the real paths, and the counts of
 * every collection now beside the counts that come back. Nothing happens until the Restore button
 * is pressed; Cancel has the focus so Enter does not restore by accident.
 */
export function RestoreDialog({
  backup,
  current,
  database,
  folder,
  activeRuns,
  onClose,
  onRestored,
}: {
  backup: BackupInfo;
  current: CollectionStatus[];
  database: string;
  folder: string;
  /** Runs of this database that are queued or running: the engine refuses a restore under them. */
  activeRuns: RunRecord[];
  onClose: () => void;
  onRestored: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const restore = useRestoreBackup();
  const busy = restore.isPending;
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const changes = countsChanges(current, backup.collections);
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const blocker = activeRuns[0];
  const confirm = () => restore.mutate({ file: backup.file, confirm: true }, { onSuccess: onRestored });

  return (
    <dialog
      ref={dialog}
      className="docdialog restore"
      aria-labelledby="restore-h"
      onCancel={(e) => (busy ? e.preventDefault() : onClose())}
      onClose={() => !busy && onClose()}
      data-testid="restore-dialog"
    >
      <header className="docdialog__header">
        <h2 id="restore-h">Restore the backup taken {fmtTime(backup.time)}?</h2>
      </header>
      <div className="docdialog__body stack">
        <p>This replaces the whole database, every collection in it, with the backup. In order:</p>
        <ol className="restore__steps">
          <li>
            <strong>The current database is backed up first</strong>, to{' '}
            <span className="mono wrap" data-testid="safety-path">
              {folder}
              {sep}embedops-<em>time</em>-before-restore.sqlite
            </span>
            . It then appears in the list, so this restore can be undone.
          </li>
          <li>
            <strong>The backup is checked</strong>: an EmbedOps database, of a schema this version opens, passing SQLite's integrity check. If it fails,
            nothing is changed.
          </li>
          <li>
            <strong>
              <span className="mono wrap">{database}</span> is replaced by <span className="mono wrap">{splitPath(backup.file).dir === folder ? splitPath(backup.file).name : backup.file}</span>
            </strong>
            . Runs, plans and history recorded after {fmtTime(backup.time)} are not in the backup; the safety backup keeps them.
          </li>
        </ol>
        <CountsChangeTable changes={changes} unknown={backup.schemaVersion === 0} />
        {blocker && (
          <div className="notice notice--warn" role="status" data-testid="restore-blocked">
            <p className="notice__title">Run #{blocker.id} is {blocker.status}: the engine refuses a restore while a run is active.</p>
            <p className="notice__body">
              Wait for it to finish, or cancel it on <a href={runHref(blocker.id)}>its page</a>, then restore.
            </p>
          </div>
        )}
        {busy && <Loading what="Backing up the current database, checking the backup and restoring it" />}
        {restore.isError && <ErrorNotice title="The restore did not happen" error={restore.error} />}
      </div>
      <footer className="docdialog__footer">
        <button type="button" className="btn" onClick={onClose} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className="btn btn--danger" onClick={confirm} disabled={busy || !!blocker} data-testid="confirm-restore">
          {busy ? 'Restoring…' : 'Back up the current database and restore'}
        </button>
      </footer>
    </dialog>
  );
}

function CountsChangeTable({ changes, unknown }: { changes: CountsChange[]; unknown: boolean }) {
  if (unknown) return <p className="notice notice--warn">This file has no manifest, so its counts are unknown until it is restored.</p>;
  if (changes.length === 0) return <p className="muted">Neither the database nor the backup has any collection.</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact restore__counts" data-testid="restore-counts">
        <caption className="caption">Counts per collection, now and after the restore (what changes is highlighted, with the difference)</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Collection
            </th>
            <th scope="colgroup" colSpan={3} className="restore__group">
              Now
            </th>
            <th scope="colgroup" colSpan={3} className="restore__group restore__after-start">
              After the restore
            </th>
          </tr>
          <tr>
            {[...COUNTS, ...COUNTS].map((k, i) => (
              <th key={i} scope="col" className={`num${i === 3 ? ' restore__after-start' : ''}`}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.name} data-testid="restore-row" data-collection={c.name}>
              <th scope="row">
                {c.name}
                {!c.now && <span className="muted small"> · comes back</span>}
                {!c.after && <span className="muted small"> · not in the backup: removed</span>}
              </th>
              {COUNTS.map((k) => (
                <td key={k} className="num">
                  {c.now ? fmtInt(c.now[k]) : '—'}
                </td>
              ))}
              {COUNTS.map((k, i) => {
                const now = c.now?.[k];
                const after = c.after?.[k];
                const differs = now !== after;
                const delta = now !== undefined && after !== undefined && differs ? after - now : null;
                return (
                  <td key={k} className={`num${i === 0 ? ' restore__after-start' : ''}${differs ? ' restore__changed' : ''}`}>
                    <span data-testid={`after-${k}`}>{after !== undefined ? fmtInt(after) : '—'}</span>
                    {delta !== null && <span className="restore__delta">{delta > 0 ? `+${fmtInt(delta)}` : `−${fmtInt(-delta)}`}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
