import { useStatus } from '../api/queries';
import type { ConnectionState } from '../api/transport';
import { fmtInt } from '../lib/format';
import { runHref } from '../lib/route';
import { Badge } from './Badge';

/** The footer: which database, whether it can be changed, what is running, whether events flow. */
export function StatusBar({ connection, transport }: { connection: ConnectionState; transport: 'ipc' | 'http' }) {
  const q = useStatus();
  const s = q.data;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span className="statusbar__item" title={s?.database}>
        <span className="statusbar__label">Database</span>{' '}
        <span className="mono" data-testid="db-path">
          {s ? s.database : q.isError ? 'unavailable' : '…'}
        </span>
      </span>
      {s?.readOnly && (
        <Badge tone="warn" testId="read-only">
          read-only
        </Badge>
      )}
      <span className="statusbar__item" data-testid="active-runs">
        <span className="statusbar__label">Active runs</span>{' '}
        {!s || s.activeRuns.length === 0 ? (
          <span>none</span>
        ) : (
          s.activeRuns.map((r) => (
            <a key={r.id} href={runHref(r.id)} className="statusbar__run">
              #{r.id} {r.collection} {r.status}
              {r.total > 0 && ` ${Math.floor((r.done / r.total) * 100)}%`}
              {r.total > 0 && <span className="visually-hidden"> ({fmtInt(r.done)} of {fmtInt(r.total)})</span>}
            </a>
          ))
        )}
      </span>
      <span className="statusbar__spacer" />
      {q.isError && (
        <Badge tone="bad" testId="status-error">
          {q.error.message}
        </Badge>
      )}
      {transport === 'http' && (
        <Badge tone={connection === 'live' ? 'ok' : 'warn'} testId="connection">
          {connection === 'live' ? 'live updates' : 'server unreachable: reconnecting…'}
        </Badge>
      )}
      {s && <span className="statusbar__item statusbar__version">v{s.version}</span>}
    </footer>
  );
}
