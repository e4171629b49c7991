import { useId, useState, type FormEvent } from 'react';
import type { BackfillMode, CollectionStatus, SecretsPolicy } from '../../../../shared/types';
import { useLastAction, usePlan, useStartRun } from '../../api/actions';
import { usePlanReport, useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { navigate, runHref } from '../../lib/route';
import { useReveal } from '../../lib/use-reveal';
import { ActiveRunNotice } from './ActiveRunNotice';
import { ModePicker } from './ModePicker';
import { PlanPreview } from './PlanPreview';
import { BatchSizeField, batchSizeError } from '../../components/BatchSizeField';

/** Step 2: plan a backfill (nothing is written but the plan), read it, then start it. */
export function PlanTab({ collection }: { collection: CollectionStatus }) {
  const id = useId();
  const name = collection.settings.name;
  const stored = usePlanReport(name);
  const { counts } = collection;
  // Start from the mode that repairs what the counts show.
  const suggested: BackfillMode = counts.orphaned > 0 ? 'rebuild' : counts.stale > 0 ? 'stale' : 'missing';
  const [mode, setMode] = useState<BackfillMode>(stored?.mode ?? suggested);
  const [batch, setBatch] = useState(String(stored?.batchSize ?? 100));
  const [retryFailed, setRetryFailed] = useState(false);
  const [secrets, setSecrets] = useState<SecretsPolicy>(stored?.secrets?.policy ?? 'skip');
  const plan = usePlan();
  const last = useLastAction('plan/create', name);
  const start = useStartRun();
  const readOnly = useReadOnly();
  const reveal = useReveal<HTMLDivElement>(stored?.id);

  const batchSize = Number(batch);
  const batchError = batchSizeError(batchSize);
  // A plan answers for the settings it was made with: change them and it must be made again.
  const current = stored && stored.mode === mode && stored.batchSize === batchSize && stored.secrets?.policy === secrets ? stored : null;
  // The last backfill, when it is still going or can be resumed (a cancelled or failed run that stopped partway).
  const last0 = collection.lastRun;
  const active =
    last0 && (['running', 'paused', 'interrupted', 'queued'].includes(last0.status) || (['cancelled', 'failed'].includes(last0.status) && last0.done < last0.total)) ? last0 : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!batchError) plan.mutate({ collection: name, mode, batchSize, secrets });
  };
  const startRun = () =>
    start.mutate({ collection: name, mode, batchSize, retryFailed: retryFailed || undefined, secrets }, { onSuccess: ({ runId }) => navigate(runHref(runId)) });

  let why: string | null = null;
  if (readOnly) why = 'Read-only: backfills cannot be started here.';
  else if (!current) why = stored ? 'The settings changed since the plan: plan again.' : 'Make a plan first.';
  else if (!current.ready) why = 'A check failed: fix it (see ✗ above) and plan again.';
  else if (current.toEmbed === 0 && !(retryFailed && current.poisoned > 0)) why = 'Nothing to embed: every chunk has a current vector.';
  else if (active) why = `Run #${active.id} is ${active.status}: finish, resume or cancel it first.`;

  return (
    <div className="stack">
      {active && <ActiveRunNotice run={active} />}
      <form className="card form" onSubmit={submit} aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>Plan a backfill</h2>
        <ModePicker value={mode} onChange={setMode} counts={collection.counts} />
        <div className="row-gap row-gap--end">
          <BatchSizeField id={id} value={batch} onChange={setBatch} />
          <div className="field field--narrow">
            <label htmlFor={`${id}-secrets`}>Chunks that look like credentials</label>
            <select id={`${id}-secrets`} value={secrets} onChange={(e) => setSecrets(e.target.value as SecretsPolicy)} aria-describedby={`${id}-secrets-help`} data-testid="secrets-policy">
              <option value="skip">skip: do not embed them</option>
              <option value="redact">redact: embed with credentials replaced</option>
              <option value="allow">allow: embed as they are</option>
            </select>
            <p id={`${id}-secrets-help`} className="field__help">
              Secrets guard. Default skip.
            </p>
          </div>
          <label className="check-label">
            <input type="checkbox" checked={retryFailed} onChange={(e) => setRetryFailed(e.target.checked)} />
            Retry chunks set aside after 3 failures
          </label>
          <button type="submit" className="btn btn--primary" disabled={plan.isPending || !!batchError || readOnly} data-testid="plan">
            {plan.isPending ? 'Planning (loading the model, measuring speed)…' : 'Plan'}
          </button>
          {readOnly && <span className="muted">Read-only: plans are saved in the database, so planning is off here.</span>}
        </div>
      </form>
      {last?.status === 'error' && <ErrorNotice title="The plan could not be made" error={last.error} />}
      <div ref={reveal} className="scroll-target">
        {stored && <PlanPreview plan={stored} outdated={!current} />}
      </div>
      <div className="card startbar">
        <button type="button" className="btn btn--primary btn--large" disabled={!!why || start.isPending} onClick={startRun} data-testid="start" aria-describedby={`${id}-why`}>
          {start.isPending ? 'Starting (loading the model)…' : current ? `Start backfill: ${current.toEmbed.toLocaleString('en-US')} chunk(s)` : 'Start backfill'}
        </button>
        <p id={`${id}-why`} className="muted">
          {why ?? `Runs in the background; you can leave this page. Same as: ${current?.command ?? ''}`}
        </p>
      </div>
      {start.isError && <ErrorNotice title="The backfill did not start" error={start.error} />}
    </div>
  );
}
