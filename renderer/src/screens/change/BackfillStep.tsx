import { useId, useState } from 'react';
import type { BackfillMode, CollectionStatus, RunRecord } from '../../../../shared/types';
import { useRunEvents } from '../../api/events';
import { useLastAction, usePlan, useStartRun } from '../../api/actions';
import { usePlanReport, useReadOnly, useRunDetail, useRunProgress } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { fmtInt } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';
import { PlanPreview } from '../plan/PlanPreview';
import { RunControls } from '../run/RunControls';
import { RunProgressPanel } from '../run/RunProgressPanel';
import { activeBackfill } from './flow';
import { BatchSizeField, batchSizeError } from '../../components/BatchSizeField';

/** The run in progress, live: the same panel and controls as the run monitor. */
function LiveRun({ run }: { run: Pick<RunRecord, 'id' | 'collection'> }) {
  const q = useRunDetail(run.id);
  useRunEvents(run.id);
  const progress = useRunProgress(run.id);
  if (!q.data) return <Loading what={`Loading run #${run.id}`} />;
  const detail = q.data.run;
  return (
    <div className="stack" data-testid="derive-run">
      <p>
        Backfill <a href={runHref(run.id)}>run #{run.id}</a> of {run.collection}: readers still get the live version meanwhile.
      </p>
      <RunProgressPanel run={detail} progress={progress} live={q.data.live} />
      {detail.status !== 'completed' && <RunControls run={detail} live={q.data.live} />}
    </div>
  );
}

/**
 * Step 3: plan and start the backfill of the new version (the same plan and run as the Plan & run
 * tab), with its progress shown here; the flow moves on when every chunk has a vector.
 */
export function BackfillStep({ candidate }: { candidate: CollectionStatus }) {
  const id = useId();
  const name = candidate.settings.name;
  const plan = usePlan();
  const last = useLastAction('plan/create', name);
  const stored = usePlanReport(name);
  const start = useStartRun();
  const readOnly = useReadOnly();
  const [batch, setBatch] = useState('100');
  const [started, setStarted] = useState<number | null>(null);
  const active = activeBackfill(candidate);
  const { counts } = candidate;
  const mode: BackfillMode = counts.orphaned > 0 ? 'rebuild' : counts.stale > 0 ? 'stale' : 'missing';
  const batchSize = Number(batch);
  const batchError = batchSizeError(batchSize);
  const current = stored && stored.mode === mode && stored.batchSize === batchSize ? stored : null;
  const runId = active?.id ?? started;

  if (candidate.health === 'complete' && !active) {
    return (
      <p data-testid="backfill-done">
        Every chunk of {name} has a current vector: <strong className="num">{fmtInt(counts.vectors)}</strong> vectors for{' '}
        <strong className="num">{fmtInt(counts.chunks)}</strong> chunks
        {candidate.lastRun && (
          <>
            {' '}
            (<a href={runHref(candidate.lastRun.id)}>run #{candidate.lastRun.id}</a>)
          </>
        )}
        .
      </p>
    );
  }
  if (runId) return <LiveRun run={{ id: runId, collection: name }} />;

  let why: string | null = null;
  if (readOnly) why = 'Read-only: backfills cannot be started here.';
  else if (!current) why = stored ? 'The batch size changed since the plan: plan again.' : 'Make a plan first.';
  else if (!current.ready) why = 'A check failed: fix it (see ✗ above) and plan again.';
  else if (current.toEmbed === 0) why = 'Nothing to embed.';

  return (
    <div className="stack">
      <p>
        {name} has <strong className="num">{fmtInt(counts.chunks)}</strong> chunks and <strong className="num">{fmtInt(counts.vectors)}</strong> vectors. Plan a{' '}
        <strong>{mode}</strong> backfill, read it, then start it; it runs in the background. (The same as the{' '}
        <a href={collectionHref(name, 'plan')}>Plan & run tab of {name}</a>.)
      </p>
      <div className="row-gap row-gap--end">
        <BatchSizeField id={id} value={batch} onChange={setBatch} />
        <button type="button" className="btn" disabled={plan.isPending || !!batchError || readOnly} onClick={() => plan.mutate({ collection: name, mode, batchSize })} data-testid="derive-plan">
          {plan.isPending ? 'Planning (loading the model, measuring speed)…' : `Plan the backfill of ${name}`}
        </button>
      </div>
      {last?.status === 'error' && <ErrorNotice title="The plan could not be made" error={last.error} />}
      {stored && <PlanPreview plan={stored} outdated={!current} />}
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--primary"
          disabled={!!why || start.isPending}
          onClick={() => start.mutate({ collection: name, mode, batchSize }, { onSuccess: (r) => setStarted(r.runId) })}
          data-testid="derive-start"
          aria-describedby={`${id}-why`}
        >
          {start.isPending ? 'Starting (loading the model)…' : current ? `Start backfill: ${fmtInt(current.toEmbed)} chunk(s)` : 'Start backfill'}
        </button>
        <span id={`${id}-why`} className="muted">
          {why ?? 'Runs in the background; progress shows here and on the run monitor.'}
        </span>
      </div>
      {start.isError && <ErrorNotice title="The backfill did not start" error={start.error} />}
    </div>
  );
}
