import type { BackupInfo } from '../../../../shared/api';
import { Badge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { fmtBytes, fmtInt, fmtTime } from '../../lib/format';
import { reasonText, splitPath } from './backup-facts';

/**
 * One `<tbody>` per backup and one row per collection in it, so documents, chunks and vectors
 * line up in columns down the whole list and can be compared by eye across backups.
 */
export function BackupsTable({
  backups,
  folder,
  highlight,
  onRestore,
  restoreDisabled,
}: {
  backups: BackupInfo[];
  /** The default backups folder: files there are shown by name only. */
  folder: string;
  /** A file to mark as just taken or just restored. */
  highlight?: { file: string; label: string } | null;
  onRestore: (b: BackupInfo) => void;
  restoreDisabled: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="table backups" data-testid="backups-table">
        <thead>
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">Collection</th>
            <th scope="col" className="num">
              Documents
            </th>
            <th scope="col" className="num">
              Chunks
            </th>
            <th scope="col" className="num">
              Vectors
            </th>
            <th scope="col">File</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        {backups.map((b) => {
          const { dir, name } = splitPath(b.file);
          const rows = Math.max(1, b.collections.length);
          const marked = highlight?.file === b.file;
          // listBackupFiles reports a .sqlite without its JSON manifest with schema 0 and a reason guessed from the name.
          const unchecked = b.schemaVersion === 0;
          const head = (
            <th scope="rowgroup" rowSpan={rows} className="backups__taken">
                <span className="backups__time">{fmtTime(b.time)}</span>
                <span className="backups__meta">
                  {unchecked ? <Badge tone="warn">no manifest</Badge> : <Badge tone={b.reason === 'manual' ? 'neutral' : 'info'}>{b.reason}</Badge>}
                  {marked && <Badge tone="ok">{highlight?.label}</Badge>}
                </span>
                <span className="muted small">
                  {unchecked ? 'a .sqlite file found here, not written by a backup (time is its last change)' : reasonText(b.reason)} · {fmtBytes(b.sizeBytes)}
                </span>
              </th>
          );
          const tail = (
            <>
              <td rowSpan={rows} className="backups__file">
                <span className="mono small backups__name" title={b.file}>
                  {name}
                </span>
                {dir !== folder && <span className="mono small muted wrap">in {dir}</span>}
                <CopyButton text={b.file} label="Copy path" what={`the path of the backup taken ${fmtTime(b.time)}`} />
              </td>
              <td rowSpan={rows} className="backups__action">
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => onRestore(b)}
                  disabled={restoreDisabled}
                  aria-label={`Restore the backup taken ${fmtTime(b.time)}…`}
                  data-testid="restore"
                >
                  Restore…
                </button>
              </td>
            </>
          );
          return (
            <tbody key={b.file} className={marked ? 'backups__group backups__group--marked' : 'backups__group'} data-testid="backup" data-file={b.file}>
              {b.collections.length === 0 ? (
                <tr>
                  {head}
                  <td colSpan={4} className="muted">
                    {unchecked ? 'No manifest beside this file: counts unknown. A restore checks the file first.' : 'No collections in it.'}
                  </td>
                  {tail}
                </tr>
              ) : (
                b.collections.map((c, i) => (
                  <tr key={c.name} data-testid="backup-collection" data-collection={c.name}>
                    {i === 0 && head}
                    <td className="backups__collection">{c.name}</td>
                    <td className="num" data-testid="backup-documents">
                      {fmtInt(c.documents)}
                    </td>
                    <td className="num" data-testid="backup-chunks">
                      {fmtInt(c.chunks)}
                    </td>
                    <td className="num" data-testid="backup-vectors">
                      {fmtInt(c.vectors)}
                    </td>
                    {i === 0 && tail}
                  </tr>
                ))
              )}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
