import type { VerifyReport } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { fileSafe, downloadText, stamp } from '../../lib/download';
import { fmtTime, shortFingerprint } from '../../lib/format';
import { verifyCsv, verifyMarkdown } from '../../lib/verify-export';
import { runHref } from '../../lib/route';
import { CountCard } from './CountCard';
import { DiscrepancyItem } from './DiscrepancyItem';

/** The report a reviewer signs off: verdict, each count with its SQL, warnings, each discrepancy explained. */
export function VerifyReportView({ report: r }: { report: VerifyReport }) {
  const base = `verify-${fileSafe(r.collection)}-${stamp(new Date(r.checkedAt))}`;
  const pass = r.status === 'PASS';
  const modelChanged = r.currentModelFingerprint !== null && r.currentModelFingerprint !== r.modelFingerprint;
  return (
    <section className="stack" aria-labelledby="verdict-h" data-testid="verify-report">
      <div className={`verdict verdict--${pass ? 'pass' : 'fail'}`}>
        <h2 id="verdict-h" className="verdict__status" data-testid="verify-status">
          <span aria-hidden="true">{pass ? '✓ ' : '✗ '}</span>
          {r.status}
        </h2>
        <div className="verdict__detail">
          <p className="verdict__line">
            {pass
              ? `vectors = chunks (${r.vectors.toLocaleString('en-US')}); nothing missing, stale, orphaned or bad.`
              : `${r.discrepancies.length} discrepanc${r.discrepancies.length === 1 ? 'y' : 'ies'}, each explained below with its fix.`}
          </p>
          <p className="muted">
            {r.collection} · {r.modelId} · <span className="mono" title={r.modelFingerprint}>{shortFingerprint(r.modelFingerprint)}</span> · {r.dimension}-d · chunks{' '}
            {r.chunkSize}/{r.chunkOverlap} · checked {fmtTime(r.checkedAt)}
            {r.runId ? (
              <>
                {' '}
                · <a href={runHref(r.runId)}>run #{r.runId}</a>
              </>
            ) : null}
          </p>
          {modelChanged && <p className="text-bad">Model files on disk now: <span className="mono">{shortFingerprint(r.currentModelFingerprint!)}</span> (recorded differs)</p>}
        </div>
        <div className="verdict__actions">
          <button type="button" className="btn" onClick={() => downloadText(`${base}.md`, verifyMarkdown(r), 'text/markdown')} data-testid="export-md">
            Export Markdown
          </button>
          <button type="button" className="btn" onClick={() => downloadText(`${base}.csv`, verifyCsv(r), 'text/csv')} data-testid="export-csv">
            Export CSV
          </button>
          <CopyButton text={r.modelFingerprint} label="Copy fingerprint" what="the model fingerprint" small={false} />
        </div>
      </div>
      {r.warnings.length > 0 && (
        <div className="notice notice--warn" role="note" data-testid="verify-warnings">
          <p className="notice__title">
            <Badge tone="warn">warning</Badge> Worth knowing (does not fail verification)
          </p>
          <ul>
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {r.discrepancies.length > 0 && (
        <section className="card" aria-labelledby="disc-h">
          <h3 id="disc-h">Discrepancies</h3>
          <ul className="discrepancies" data-testid="discrepancies">
            {r.discrepancies.map((d) => (
              <DiscrepancyItem key={d.kind} collection={r.collection} discrepancy={d} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="counts-sql-h">
        <h3 id="counts-sql-h">Counts, with the SQL behind each</h3>
        <div className="countcards" data-testid="verify-counts">
          {r.counts.map((c) => (
            <CountCard key={c.name} count={c} report={r} />
          ))}
        </div>
      </section>
    </section>
  );
}
