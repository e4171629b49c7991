import type { RunProgress, RunRecord } from '../../../../shared/types';
import { fmtDuration, fmtInt, fmtRate } from '../../lib/format';

const PHASE: Record<RunProgress['phase'], string> = { 'loading-model': 'loading the model', embedding: 'embedding', finishing: 'finishing' };

function elapsedSeconds(run: RunRecord): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : Date.now();
  return (end - Date.parse(run.startedAt)) / 1000;
}

/** done/total as a bar and as numbers, with rate, ETA and phase from the latest progress event. */
export function RunProgressPanel({ run, progress, live }: { run: RunRecord; progress: RunProgress | undefined; live: boolean }) {
  const pct = run.total > 0 ? Math.min(100, (run.done / run.total) * 100) : run.status === 'completed' ? 100 : 0;
  const moving = run.status === 'running' && live;
  const p = moving ? progress : undefined;
  const elapsed = elapsedSeconds(run);
  const elsewhere = run.status === 'running' && !live;
  const phase = p ? PHASE[p.phase] : elsewhere ? 'running elsewhere' : run.status;
  const avg = !moving && elapsed && run.embedded ? run.embedded / elapsed : null;
  const etaElsewhere = elsewhere && avg ? (run.total - run.done) / avg : null;
  return (
    <section className="card" aria-labelledby="progress-h">
      <h2 id="progress-h" className="visually-hidden">
        Progress
      </h2>
      <div className="progress-head">
        <span className="progress-done" data-testid="run-done">
          <strong className="num">{fmtInt(run.done)}</strong> / <span className="num">{fmtInt(run.total)}</span> chunks
        </span>
        <span className="progress-pct num">{pct.toFixed(pct >= 10 || pct === 0 ? 0 : 1)}%</span>
      </div>
      <div
        className={`progress${moving ? ' progress--moving' : ''} progress--${run.status}`}
        role="progressbar"
        aria-label={`Run #${run.id} progress`}
        aria-valuemin={0}
        aria-valuemax={run.total}
        aria-valuenow={run.done}
        aria-valuetext={`${fmtInt(run.done)} of ${fmtInt(run.total)} chunks`}
        data-testid="progress"
      >
        <div className="progress__fill" style={{ width: `${pct}%` }} />
      </div>
      <dl className="stats">
        <div>
          <dt>Phase</dt>
          <dd data-testid="run-phase">{phase}</dd>
        </div>
        <div>
          <dt>{moving ? 'Rate' : 'Average rate'}</dt>
          <dd className="num" data-testid="run-rate">
            {fmtRate(p ? p.rate : avg)}
          </dd>
        </div>
        <div>
          <dt>{moving || elsewhere ? 'Time left' : 'Elapsed'}</dt>
          <dd className="num" data-testid="run-eta">
            {moving ? (p?.etaSeconds != null ? fmtDuration(p.etaSeconds) : 'measuring…') : elsewhere ? `about ${fmtDuration(etaElsewhere)}` : fmtDuration(elapsed)}
          </dd>
        </div>
        <div>
          <dt>Embedded</dt>
          <dd className="num">{fmtInt(run.embedded)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd className="num">{fmtInt(run.skipped)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={`num${run.failed ? ' text-bad' : ''}`}>{fmtInt(run.failed)}</dd>
        </div>
      </dl>
      {elsewhere && (
        <p className="muted run-note">
          Another process runs this backfill (a CLI, or another console): its progress is read from the database every 2 s, and pause or cancel take
          effect at its next batch.
        </p>
      )}
    </section>
  );
}
