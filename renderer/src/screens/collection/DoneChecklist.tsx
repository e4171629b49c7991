import { useVerify } from '../../api/actions';
import { useRuns } from '../../api/queries';
import { Badge } from '../../components/Badge';
import type { CollectionStatus } from '../../../../shared/types';
import { CHECK_LABEL, doneChecklist, type CheckItem, type CheckState } from '../../lib/checklist';
import type { Tone } from '../../lib/health';
import { collectionHref, navigate, runHref } from '../../lib/route';

const TONE: Record<CheckState, Tone> = { done: 'ok', todo: 'neutral', running: 'info', recheck: 'warn', failed: 'bad' };
const ICON: Record<CheckState, string> = { done: '✓', todo: '○', running: '…', recheck: '!', failed: '✗' };

function Action({ item, collection }: { item: CheckItem; collection: string }) {
  const verify = useVerify();
  if (item.key === 'backfill') {
    if (item.state === 'running' && item.run) return <a className="btn btn--small" href={runHref(item.run.id)}>Open run #{item.run.id}</a>;
    return (
      <a className="btn btn--small" href={collectionHref(collection, 'plan')}>
        {item.state === 'failed' && item.run ? 'Plan a retry' : 'Plan a backfill'}
      </a>
    );
  }
  if (item.key === 'verify') {
    return (
      <button
        type="button"
        className="btn btn--small"
        disabled={verify.isPending}
        onClick={() => {
          verify.mutate({ collection });
          navigate(collectionHref(collection, 'verify'));
        }}
      >
        {verify.isPending ? 'Verifying…' : item.state === 'todo' ? 'Verify now' : 'Verify again'}
      </button>
    );
  }
  return (
    <a className="btn btn--small" href={collectionHref(collection, 'spotcheck')}>
      {item.state === 'todo' ? 'Run a spot-check' : 'Spot-check again'}
    </a>
  );
}

/** The three things that make a collection DONE, from its history, each with the button that does it. */
export function DoneChecklist({ collection }: { collection: CollectionStatus }) {
  const name = collection.settings.name;
  const runs = useRuns(name);
  const items = runs.data ? doneChecklist(runs.data, collection.counts) : null;
  const done = items?.every((i) => i.state === 'done');
  return (
    <section className="checklist" aria-labelledby="done-h" data-testid="done-checklist">
      <h2 id="done-h" className="checklist__title">
        DONE checklist{' '}
        {items && (
          <Badge tone={done ? 'ok' : 'neutral'} testId="done-overall">
            {done ? 'all met' : `${items.filter((i) => i.state === 'done').length} of 3 met`}
          </Badge>
        )}
      </h2>
      {runs.isPending && <p className="muted">Reading the history…</p>}
      {runs.isError && <p className="field__error">Could not read the history: {runs.error.message}</p>}
      {items && (
        <ol className="checklist__items">
          {items.map((item) => (
            <li key={item.key} className={`check check--${item.state}`} data-testid={`check-${item.key}`}>
              <div className="check__head">
                <span className={`check__icon check__icon--${TONE[item.state]}`} aria-hidden="true">
                  {ICON[item.state]}
                </span>
                <span className="check__title">{item.title}</span>
              </div>
              <div className="check__body">
                <p className="check__detail" title={item.detail}>
                  <strong className={`check__state check__state--${TONE[item.state]}`}>{CHECK_LABEL[item.state]}.</strong> {item.detail}
                </p>
                <Action item={item} collection={name} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
