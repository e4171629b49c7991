import type { TaskProgress } from '../../../shared/types';
import { fmtBytes, fmtInt } from '../lib/format';
import { Loading } from './Loading';

/**
 * What a running import or derive has done so far (its `task/progress` events): documents against
 * the total when it is known (derive), else documents, files and bytes read (import). Before the
 * first event, `waiting` as a plain loading line.
 */
export function TaskProgressLine({ progress, verb, waiting }: { progress: TaskProgress | null; verb: string; waiting: string }) {
  if (!progress) return <Loading what={waiting} />;
  const { documents, total, files, bytes } = progress;
  const pct = total ? Math.min(100, (documents / total) * 100) : null;
  const source = files !== undefined ? ` · from ${fmtInt(files)} file(s)${bytes !== undefined ? `, ${fmtBytes(bytes)}` : ''}` : '';
  return (
    <div className="task-progress" role="status" aria-live="polite" data-testid="task-progress">
      <p className="loading">
        <span className="spinner" aria-hidden="true" />
        <span>
          {verb}: <strong className="num">{fmtInt(documents)}</strong>
          {total !== null ? ` of ${fmtInt(total)} documents${pct !== null ? ` (${pct.toFixed(0)}%)` : ''}` : ' documents'}
          {source && <span className="muted">{source}</span>}
        </span>
      </p>
      {pct !== null && (
        <div className="progress progress--running" role="progressbar" aria-label={verb} aria-valuemin={0} aria-valuemax={total ?? 0} aria-valuenow={documents}>
          <div className="progress__fill" style={{ width: `${pct}%` }} />
        </div>
      )}
    </div>
  );
}
