import type { RunRecord } from '../../../../shared/types';
import { RunStatusBadge } from '../../components/RunStatusBadge';
import { fmtInt } from '../../lib/format';
import { runHref } from '../../lib/route';

/** A backfill of this collection is not finished: one writer per collection, so it comes first. */
export function ActiveRunNotice({ run }: { run: RunRecord }) {
  return (
    <div className="notice notice--info" data-testid="active-run">
      <p className="notice__title">
        Run #{run.id} <RunStatusBadge status={run.status} /> — {fmtInt(run.done)} of {fmtInt(run.total)} done
      </p>
      <p className="notice__body">
        {run.status === 'running' ? 'It is running now.' : 'It can be resumed from its checkpoint, with no duplicate and no lost vector.'}{' '}
        <a href={runHref(run.id)}>Open the run monitor →</a>
      </p>
    </div>
  );
}
