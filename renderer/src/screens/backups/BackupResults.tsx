import type { BackupInfo, RestoreInfo } from '../../../../shared/api';
import { BigNumber } from '../../components/BigNumber';
import { CopyButton } from '../../components/CopyButton';
import { fmtBytes, fmtTime, shortFingerprint } from '../../lib/format';
import { collectionHref } from '../../lib/route';
import type { BackupCounts } from './backup-facts';

/** Each collection's documents, chunks and vectors as big numbers: what an analyst checks by eye. */
function CollectionCounts({ collections, link }: { collections: BackupCounts[]; link?: boolean }) {
  if (collections.length === 0) return <p className="muted">No collections in it.</p>;
  return (
    <div className="backup-counts">
      {collections.map((c) => (
        <section key={c.name} className="backup-counts__one" data-testid="result-collection" data-collection={c.name}>
          <h3>{link ? <a href={collectionHref(c.name)}>{c.name}</a> : c.name}</h3>
          <div className="bignums bignums--3 bignums--small">
            <BigNumber label="documents" value={c.documents} testId="result-documents" />
            <BigNumber label="chunks" value={c.chunks} testId="result-chunks" />
            <BigNumber label="vectors" value={c.vectors} testId="result-vectors" tone={c.vectors === c.chunks ? undefined : 'warn'} hint={c.vectors === c.chunks ? undefined : 'not every chunk has a vector'} />
          </div>
        </section>
      ))}
    </div>
  );
}

/** What "Back up now" wrote. */
export function BackupDone({ backup }: { backup: BackupInfo }) {
  return (
    <section className="notice notice--ok result" data-testid="backup-result" aria-labelledby="backup-result-h">
      <h2 id="backup-result-h" className="notice__title">
        <span aria-hidden="true">✓ </span>Backed up at {fmtTime(backup.time)}: {fmtBytes(backup.sizeBytes)}, integrity checked
      </h2>
      <p className="result__file">
        <span className="mono wrap" data-testid="backup-file">
          {backup.file}
        </span>{' '}
        <CopyButton text={backup.file} label="Copy path" what="the new backup's path" />
      </p>
      <p className="muted small">
        sha256 <span className="mono" title={backup.sha256}>{shortFingerprint(backup.sha256)}</span> · schema {backup.schemaVersion}
      </p>
      <CollectionCounts collections={backup.collections} />
    </section>
  );
}

/** What a restore did: the counts now in the database, and where the database it replaced is kept. */
export function RestoreDone({ info, time }: { info: RestoreInfo; time: string | null }) {
  return (
    <section className="notice notice--ok result" data-testid="restore-result" aria-labelledby="restore-result-h">
      <h2 id="restore-result-h" className="notice__title">
        <span aria-hidden="true">✓ </span>Restored the backup{time ? ` taken ${fmtTime(time)}` : ''}. These counts are in the database now:
      </h2>
      <p className="result__file">
        from <span className="mono wrap">{info.restored}</span>
      </p>
      <CollectionCounts collections={info.collections} link />
      <p className="result__safety" data-testid="safety-backup">
        <strong>The database it replaced is kept</strong> at <span className="mono wrap">{info.previous.file}</span>{' '}
        <CopyButton text={info.previous.file} label="Copy path" what="the safety backup's path" />
        <br />
        <span className="muted small">To undo this restore, restore that backup (marked “safety” in the list below).</span>
      </p>
    </section>
  );
}
