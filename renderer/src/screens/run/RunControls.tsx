import type { RunRecord } from '../../../../shared/types';
import { useResumeRun, useRunControl } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { collectionHref, navigate, runHref } from '../../lib/route';

const RESUMABLE = new Set(['paused', 'interrupted', 'cancelled', 'failed']);

/** Pause, cancel or resume, as the status allows; what each does is said on the button's line. */
export function RunControls({ run, live }: { run: RunRecord; live: boolean }) {
  const pause = useRunControl('runs/pause');
  const cancel = useRunControl('runs/cancel');
  const resume = useResumeRun();
  const readOnly = useReadOnly();
  const busy = pause.isPending || cancel.isPending || resume.isPending;
  const going = run.status === 'running' || run.status === 'queued';
  const error = pause.error ?? cancel.error ?? resume.error;
  return (
    <section className="card controls" aria-label="Run controls">
      <div className="row-gap">
        {going && (
          <>
            <button type="button" className="btn" disabled={busy || readOnly} onClick={() => pause.mutate(run.id)} data-testid="pause">
              {pause.isPending ? 'Pausing…' : 'Pause'}
            </button>
            <button type="button" className="btn btn--danger" disabled={busy || readOnly} onClick={() => cancel.mutate(run.id)} data-testid="cancel">
              {cancel.isPending ? 'Cancelling…' : 'Cancel'}
            </button>
            <span className="muted">{live ? 'Both stop after the batch in flight; everything embedded so far is kept.' : 'Another process runs it; it stops at its next batch.'}</span>
          </>
        )}
        {RESUMABLE.has(run.status) && (
          <>
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy || readOnly}
              onClick={() => resume.mutate({ runId: run.id }, { onSuccess: ({ runId }) => runId !== run.id && navigate(runHref(runId)) })}
              data-testid="resume"
            >
              {resume.isPending ? 'Resuming (loading the model)…' : 'Resume'}
            </button>
            <span className="muted">Continues where it stopped, from its checkpoint: nothing is embedded twice, nothing is lost.</span>
          </>
        )}
        {run.status === 'completed' && (
          <>
            <a className="btn btn--primary" href={collectionHref(run.collection, 'verify')}>
              Next: verify {run.collection}
            </a>
            <span className="muted">{run.failed ? `${run.failed} chunk(s) failed: see below.` : 'Completed without errors.'}</span>
          </>
        )}
        {readOnly && <span className="muted">Read-only: runs cannot be controlled here.</span>}
      </div>
      {error && <ErrorNotice title="The run did not take that" error={error} />}
    </section>
  );
}
