import type { CollectionStatus } from '../../../../shared/types';
import { BigNumber } from '../../components/BigNumber';
import { CountsBar } from '../../components/CountsBar';
import { SettingsList } from './SettingsList';

/** Settings and counts: what produced the vectors, and how many are current. */
export function OverviewTab({ collection }: { collection: CollectionStatus }) {
  const { counts } = collection;
  return (
    <div className="split">
      <section className="card" aria-labelledby="counts-h">
        <h2 id="counts-h">Counts</h2>
        <div className="bignums bignums--3" data-testid="counts">
          <BigNumber label="documents" value={counts.documents} testId="count-documents" />
          <BigNumber label="chunks" value={counts.chunks} testId="count-chunks" />
          <BigNumber label="vectors" value={counts.vectors} testId="count-vectors" tone={counts.vectors === counts.chunks ? undefined : 'warn'} />
          <BigNumber label="missing" value={counts.missing} testId="count-missing" tone={counts.missing ? 'bad' : 'ok'} hint="chunks without a vector" />
          <BigNumber label="stale" value={counts.stale} testId="count-stale" tone={counts.stale ? 'warn' : 'ok'} hint="out-of-date vectors" />
          <BigNumber label="orphaned" value={counts.orphaned} testId="count-orphaned" tone={counts.orphaned ? 'bad' : 'ok'} hint="vectors without a chunk" />
        </div>
        <CountsBar counts={counts} />
      </section>
      <SettingsList collection={collection} />
    </div>
  );
}
