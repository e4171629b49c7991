import type { RunRecord } from '../../../../shared/types';
import { CopyButton } from '../../components/CopyButton';
import { RunStatusBadge } from '../../components/RunStatusBadge';
import { fmtTime } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';
import { settingValue } from '../run/setting-value';
import { outcomeOf } from './outcome';
import { SwapComparison } from './SwapComparison';

function Settings({ settings }: { settings: Record<string, unknown> }) {
  const entries = Object.entries(settings);
  if (!entries.length) return null;
  return (
    <span className="settings-inline">
      {entries.map(([k, v]) => (
        <span key={k}>
          <span className="muted">{k}</span> <span className={k.toLowerCase().includes('fingerprint') ? 'mono' : undefined}>{settingValue(v)}</span>
        </span>
      ))}
    </span>
  );
}

/**
 * One run per group of two rows: what happened (kind, status, time, outcome), then the exact
 * settings and the command that repeats it, full width so long commands stay readable.
 */
export function HistoryTable({ runs, showCollection }: { runs: RunRecord[]; showCollection: boolean }) {
  const cols = showCollection ? 6 : 5;
  return (
    <div className="table-wrap">
      <table className="table table--history" data-testid="history">
        <thead>
          <tr>
            <th scope="col" className="num">
              Run
            </th>
            <th scope="col">Kind</th>
            {showCollection && <th scope="col">Collection</th>}
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        {runs.map((r) => (
          <tbody key={r.id} className="run-group" data-testid="history-row">
            <tr>
              <th scope="row" className="num">
                <a href={runHref(r.id)} aria-label={`Run ${r.id}`}>
                  #{r.id}
                </a>
              </th>
              <td>
                {r.kind}
                {r.mode && <span className="muted"> ({r.mode})</span>}
              </td>
              {showCollection && (
                <td>
                  <a href={collectionHref(r.collection)}>{r.collection}</a>
                </td>
              )}
              <td>
                <RunStatusBadge status={r.status} />
              </td>
              <td className="nowrap">{fmtTime(r.startedAt ?? r.createdAt)}</td>
              <td className="wrap">{outcomeOf(r)}</td>
            </tr>
            <tr className="run-group__detail">
              <td />
              <td colSpan={cols - 1}>
                <div className="run-detail">
                  <div className="run-detail__cmd">
                    <code className="mono">{r.command}</code>
                    <CopyButton text={r.command} what={`the command of run ${r.id}`} />
                  </div>
                  <div className="small">
                    <Settings settings={r.settings} />
                  </div>
                  {r.kind === 'swap' && <SwapComparison run={r} />}
                </div>
              </td>
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}
