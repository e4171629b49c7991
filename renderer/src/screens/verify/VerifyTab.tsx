import { useLastAction, useVerify } from '../../api/actions';
import { useVerifyReport } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { VerifyReportView } from './VerifyReportView';

/** Step 3: count everything, PASS only when vectors == chunks and nothing is missing, stale, orphaned or bad. */
export function VerifyTab({ collection }: { collection: string }) {
  const verify = useVerify();
  const last = useLastAction('verify/run', collection);
  const report = useVerifyReport(collection);
  const running = last?.status === 'pending';
  return (
    <div className="stack">
      <div className="row-gap">
        <button type="button" className="btn btn--primary" disabled={running} onClick={() => verify.mutate({ collection })} data-testid="verify">
          {running ? 'Verifying…' : report ? 'Verify again' : 'Verify now'}
        </button>
        <span className="muted">Reads every count with the SQL shown, and every vector for NaN or zero length. Changes nothing but the history.</span>
      </div>
      {running && <Loading what="Counting and reading every vector" />}
      {last?.status === 'error' && <ErrorNotice title="Verification did not run" error={last.error} />}
      {report ? (
        <VerifyReportView report={report} />
      ) : (
        !running && (
          <EmptyState title="Not verified in this session yet.">
            Verify to see PASS or FAIL, each count with the exact SQL behind it, and every discrepancy with its explanation and fix. The DONE checklist above shows the last verification on record.
          </EmptyState>
        )
      )}
    </div>
  );
}
