import type { PurgeResult } from '../../../../shared/types';
import { HealthBadges } from '../../components/HealthBadges';
import { VersionBadge } from '../../components/VersionBadge';
import { fmtInt } from '../../lib/format';
import { collectionHref } from '../../lib/route';
import type { Family } from '../../lib/versions';
import { PurgeButton } from './PurgeButton';

/** Every version of the collection with its state, settings and counts: `docs` → `docs@v2` (live), `docs@v1` retired, `docs@v3` building. */
export function VersionsTable({ family, actions, onPurged }: { family: Family; actions: boolean; onPurged: (r: PurgeResult) => void }) {
  const served = family.live ? `${family.base} serves ${family.live.settings.name}` : 'no alias serves it';
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="versions">
        <caption className="caption">
          {family.alias ? (
            <>
              Alias <strong>{family.base}</strong> → <strong>{family.alias.target}</strong>
              {family.alias.previous && <span className="muted"> (before: {family.alias.previous})</span>}
            </>
          ) : (
            <>
              <strong>{family.base}</strong> has no other version yet: readers use it by its name.
            </>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">State</th>
            <th scope="col">Model</th>
            <th scope="col" className="num" title="chunk size / overlap, in tokens">
              Chunking
            </th>
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
            {actions && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {family.versions.map((c) => (
            <tr key={c.settings.name} data-testid="version-row" data-state={c.aliases.length ? 'live' : c.settings.state}>
              <th scope="row">
                <a href={collectionHref(c.settings.name)} className="strong-link">
                  {c.settings.name}
                </a>
              </th>
              <td className="nowrap">
                <VersionBadge collection={c} />
              </td>
              <td>
                {c.settings.modelId} <span className="muted small">{c.settings.modelDtype}</span>
              </td>
              <td className="num nowrap">
                {c.settings.chunkSize} / {c.settings.chunkOverlap}
              </td>
              <td className="num">{fmtInt(c.counts.documents)}</td>
              <td className="num">{fmtInt(c.counts.chunks)}</td>
              <td className="num">{fmtInt(c.counts.vectors)}</td>
              <td>
                <HealthBadges collection={c} />
              </td>
              {actions && (
                <td className="nowrap">{!c.aliases.length && c.settings.state !== 'active' && <PurgeButton collection={c} servedBy={served} onPurged={onPurged} short />}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
