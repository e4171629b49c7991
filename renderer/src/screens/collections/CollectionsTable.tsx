import type { CollectionStatus } from '../../../../shared/types';
import { HealthBadges } from '../../components/HealthBadges';
import { VersionBadge } from '../../components/VersionBadge';
import { RunStatusBadge } from '../../components/RunStatusBadge';
import { fmtInt, fmtTime } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';

export function CollectionsTable({ collections }: { collections: CollectionStatus[] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="collections-table">
        <thead>
          <tr>
            <th scope="col">Collection</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Documents
            </th>
            <th scope="col" className="num">
              Chunks
            </th>
            <th scope="col" className="num">
              Vectors
            </th>
            <th scope="col">Health</th>
            <th scope="col">Last backfill</th>
          </tr>
        </thead>
        <tbody>
          {collections.map((c) => (
            <tr key={c.settings.name} data-testid="collection-row">
              <th scope="row">
                <a href={collectionHref(c.settings.name)} className="strong-link">
                  {c.settings.name}
                </a>
                {/* A plain collection says nothing; versions say live (and as which alias), building or retired. */}
                {(c.aliases.length > 0 || c.settings.state !== 'active') && (
                  <span className="collection-state" data-testid="collection-state">
                    <VersionBadge collection={c} />
                    {c.aliases.length > 0 && <span className="muted small"> as {c.aliases.join(', ')}</span>}
                  </span>
                )}
              </th>
              <td>
                {c.settings.modelId} <span className="muted">· {c.settings.dimension}-d</span>
              </td>
              <td className="num">{fmtInt(c.counts.documents)}</td>
              <td className="num">{fmtInt(c.counts.chunks)}</td>
              <td className="num">{fmtInt(c.counts.vectors)}</td>
              <td>
                <HealthBadges collection={c} />
              </td>
              <td>
                {c.lastRun ? (
                  <a href={runHref(c.lastRun.id)} className="inline-run">
                    #{c.lastRun.id} <RunStatusBadge status={c.lastRun.status} /> <span className="muted">{fmtTime(c.lastRun.finishedAt ?? c.lastRun.startedAt)}</span>
                  </a>
                ) : (
                  <span className="muted">never</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
