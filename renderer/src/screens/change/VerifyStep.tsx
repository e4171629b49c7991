import type { CollectionStatus, RunRecord } from '../../../../shared/types';
import { useLastAction, useVerify } from '../../api/actions';
import { Badge } from '../../components/Badge';
import { useVerifyReport } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { fmtInt } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';
import { lastVerify } from './flow';

/** Step 4: the new version must verify PASS (vectors == chunks, nothing missing, stale, orphaned or bad). */
export function VerifyStep({ candidate, runs }: { candidate: CollectionStatus; runs: RunRecord[] }) {
  const name = candidate.settings.name;
  const verify = useVerify();
  const last = useLastAction('verify/run', name);
  const v = lastVerify(runs, candidate);
  const running = last?.status === 'pending';
  // The history keeps the counts; the discrepancies' explanations come with a verify run in this session.
  const report = useVerifyReport(name);
  const problems = report && v && report.runId === v.runId ? report.discrepancies.filter((d) => d.count > 0) : [];
  return (
    <div className="stack">
      <div className="row-gap">
        <button type="button" className="btn btn--primary" disabled={running} onClick={() => verify.mutate({ collection: name })} data-testid="derive-verify">
          {running ? 'Verifying…' : v ? `Verify ${name} again` : `Verify ${name}`}
        </button>
        <span className="muted">Counts every chunk and vector of {name}, with the SQL on its Verify tab. Changes nothing but the history.</span>
      </div>
      {running && <Loading what="Counting and reading every vector" />}
      {last?.status === 'error' && <ErrorNotice title="Verification did not run" error={last.error} />}
      {v && (
        <div className={`notice notice--${v.status === 'PASS' ? 'ok' : 'bad'} notice--big`} data-testid="derive-verify-result">
          <p className="notice__title">
            <Badge tone={v.status === 'PASS' ? 'ok' : 'bad'} large testId="derive-verify-status">
              {v.status}
            </Badge>{' '}
            {fmtInt(v.report.vectors ?? 0)} vectors for {fmtInt(v.report.chunks ?? 0)} chunks · {fmtInt(v.report.missing ?? 0)} missing · {fmtInt(v.report.stale ?? 0)} stale ·{' '}
            {fmtInt(v.report.orphaned ?? 0)} orphaned (<a href={runHref(v.runId)}>run #{v.runId}</a>)
          </p>
          {problems.length > 0 && (
            <ul className="notice__body">
              {problems.map((d) => (
                <li key={d.kind}>
                  {fmtInt(d.count)} {d.kind}: {d.explanation}
                </li>
              ))}
            </ul>
          )}
          <p className="notice__body">
            <a href={collectionHref(name, 'verify')}>Every count with its SQL, and the chunks behind a discrepancy: Verify tab of {name} →</a>
          </p>
        </div>
      )}
    </div>
  );
}
