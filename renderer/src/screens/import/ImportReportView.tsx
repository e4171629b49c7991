import type { ImportReport } from '../../../../shared/reports';
import { BigNumber } from '../../components/BigNumber';
import { fmtBytes } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';
import { SkippedTable } from './SkippedTable';

/** What an import did: documents and chunks by outcome, and every file left out with the reason and the fix. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const changed = report.chunks.added + report.chunks.changed;
  return (
    <section className="card" aria-labelledby="import-report-h" data-testid="import-report">
      <h2 id="import-report-h">
        Import report{' '}
        <a href={runHref(report.runId)} className="muted small">
          run #{report.runId}
        </a>
      </h2>
      <p className="muted">
        {report.files} file(s), {fmtBytes(report.bytes)} in {report.seconds.toFixed(1)} s
      </p>
      <div className="report-grid">
        <div>
          <h3>Documents</h3>
          <div className="bignums bignums--small">
            <BigNumber label="added" value={report.documents.added} testId="docs-added" />
            <BigNumber label="updated" value={report.documents.updated} testId="docs-updated" />
            <BigNumber label="unchanged" value={report.documents.unchanged} testId="docs-unchanged" />
          </div>
        </div>
        <div>
          <h3>Chunks</h3>
          <div className="bignums bignums--small">
            <BigNumber label="added" value={report.chunks.added} testId="chunks-added" />
            <BigNumber label="changed (now stale)" value={report.chunks.changed} testId="chunks-changed" />
            <BigNumber label="removed" value={report.chunks.removed} testId="chunks-removed" />
          </div>
        </div>
      </div>
      <SkippedTable skipped={report.skipped} />
      {changed > 0 && (
        <p className="next">
          Next: {changed.toLocaleString('en-US')} new or changed chunk(s) need vectors. <a href={collectionHref(report.collection, 'plan')}>Plan a backfill →</a>
        </p>
      )}
    </section>
  );
}
