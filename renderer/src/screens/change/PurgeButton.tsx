import { useState } from 'react';
import type { CollectionStatus, PurgeResult } from '../../../../shared/types';
import { usePurge } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { BigNumber } from '../../components/BigNumber';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ConfirmDialog } from './ConfirmDialog';

/** "Purge docs@v1…": a confirmation that says a backup comes first and what will be deleted, counted. */
export function PurgeButton({ collection, servedBy, onPurged, short }: { collection: CollectionStatus; servedBy: string; onPurged: (r: PurgeResult) => void; short?: boolean }) {
  const [open, setOpen] = useState(false);
  const purge = usePurge();
  const readOnly = useReadOnly();
  const name = collection.settings.name;
  const { counts } = collection;
  const building = collection.settings.state === 'building';
  return (
    <>
      <button
        type="button"
        className="btn btn--danger btn--small"
        onClick={() => setOpen(true)}
        disabled={readOnly}
        data-testid={`purge-${name}`}
        aria-label={building ? `Discard ${name}…` : `Purge ${name}…`}
      >
        {building ? `Discard${short ? '' : ` ${name}`}…` : `Purge${short ? '' : ` ${name}`}…`}
      </button>
      {open && (
        <ConfirmDialog
          title={`Purge ${name}?`}
          confirm={purge.isPending ? 'Backing up, then purging…' : `Back up the database, then purge ${name}`}
          busy={purge.isPending}
          onConfirm={() =>
            purge.mutate(
              { name, confirm: true },
              {
                onSuccess: (r) => {
                  setOpen(false);
                  onPurged(r);
                },
              },
            )
          }
          onClose={() => setOpen(false)}
          testId="purge-dialog"
        >
          <ol className="restore__steps">
            <li>
              <strong>A backup of the whole database is taken first</strong> (<span className="mono">backups/embedops-<em>time</em>-before-purge.sqlite</span>), listed on the
              Backups screen: restoring it brings {name} back.
            </li>
            <li>
              <strong>Then {name} is deleted</strong>, with its keyword index and vector table:
            </li>
          </ol>
          <div className="bignums bignums--3" data-testid="purge-counts">
            <BigNumber label="documents" value={counts.documents} testId="purge-documents" />
            <BigNumber label="chunks" value={counts.chunks} testId="purge-chunks" />
            <BigNumber label="vectors" value={counts.vectors} testId="purge-vectors" />
          </div>
          <p>
            Readers are not affected: <strong>{servedBy}</strong>. {building ? `${name} was never swapped in.` : `After this, ${name} can no longer be swapped back to.`}
          </p>
          {purge.isPending && <Loading what="Backing up the database, then deleting" />}
          {purge.isError && <ErrorNotice title="Nothing was purged" error={purge.error} />}
        </ConfirmDialog>
      )}
    </>
  );
}
