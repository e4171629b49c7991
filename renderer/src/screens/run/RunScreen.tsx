import { useRunEvents } from '../../api/events';
import { useRunDetail, useRunProgress } from '../../api/queries';
import { CopyButton } from '../../components/CopyButton';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { RunStatusBadge } from '../../components/RunStatusBadge';
import { fmtTime } from '../../lib/format';
import { collectionHref } from '../../lib/route';
import { RunControls } from './RunControls';
import { RunFailures } from './RunFailures';
import { RunLog } from './RunLog';
import { RunProgressPanel } from './RunProgressPanel';
import { RunResult } from './RunResult';
import { RunSettings } from './RunSettings';

/**
 * The run monitor: the `runs/get` snapshot kept current by events, so leaving, coming back or
 * reloading shows the same live run (its address is #/runs/<id>).
 */
export function RunScreen({ runId }: { runId: number }) {
  const q = useRunDetail(runId);
  useRunEvents(runId);
  const progress = useRunProgress(runId);
  if (q.isPending) return <Loading what={`Loading run #${runId}`} />;
  if (q.isError) {
    return q.error.code === 'not_found' ? (
      <div className="page">
        <h1 tabIndex={-1}>Run not found</h1>
        <EmptyState title={`There is no run #${runId}.`}>
          <p>{q.error.message}</p>
          <a href="#/history">See the history</a>
        </EmptyState>
      </div>
    ) : (
      <ErrorNotice title={`Could not load run #${runId}`} error={q.error} onRetry={() => void q.refetch()} />
    );
  }
  const { run, events, failures, live } = q.data;
  return (
    <div className="page">
      <header className="page__header page__header--row">
        <div>
          <h1 tabIndex={-1}>
            Run #{run.id} <span className="muted">· {run.kind}{run.mode ? ` (${run.mode})` : ''}</span>
          </h1>
          <p className="page__lede">
            Collection <a href={collectionHref(run.collection)}>{run.collection}</a> · created {fmtTime(run.createdAt)}
            {run.finishedAt && ` · ${run.status === 'completed' ? 'finished' : 'stopped'} ${fmtTime(run.finishedAt)}`}
            {live ? ' · running in this app' : ''}
          </p>
        </div>
        <RunStatusBadge status={run.status} large testId="run-status" />
      </header>
      {run.error && <ErrorNotice title={`Run #${run.id} stopped with an error`} error={new Error(run.error)} />}
      {run.kind === 'backfill' ? (
        <>
          <RunProgressPanel run={run} progress={progress} live={live} />
          <RunControls run={run} live={live} />
        </>
      ) : (
        <RunResult run={run} />
      )}
      <div className="split">
        <RunLog events={events} />
        <RunSettings run={run} />
      </div>
      {run.kind === 'backfill' && <RunFailures failures={failures} failed={run.failed} />}
      <p className="row-gap">
        <span className="muted">Same as:</span> <code className="mono">{run.command}</code> <CopyButton text={run.command} what="the CLI command" />
      </p>
    </div>
  );
}
