import { useId, useState, type FormEvent } from 'react';
import { useSaveQueries } from '../../api/actions';
import { useQuerySet, useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fmtTime } from '../../lib/format';

const MAX = 5;

/** The saved spot-check queries of an alias (every version shares them), editable in place. */
export function QuerySetEditor({ alias }: { alias: string }) {
  const id = useId();
  const set = useQuerySet(alias);
  const save = useSaveQueries();
  const readOnly = useReadOnly();
  const [edit, setEdit] = useState<string[] | null>(null);
  const saved = set.data?.queries ?? [];
  const shown = edit ?? [...saved, ...Array(Math.max(0, 3 - saved.length)).fill('')];
  const filled = shown.map((q) => q.trim()).filter(Boolean);
  const dirty = edit !== null && JSON.stringify(filled) !== JSON.stringify(saved);
  const put = (i: number, v: string) => setEdit(shown.map((q, j) => (j === i ? v : q)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (filled.length) save.mutate({ collection: alias, queries: filled, k: set.data?.k }, { onSuccess: () => setEdit(null) });
  };

  return (
    <form className="card form queryset" onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="query-set">
      <h4 id={`${id}-h`}>Saved queries of {alias}</h4>
      <p className="muted">
        3–5 questions you trust the answers to. The comparison asks them of both versions; they are kept with {alias}, for every version and the CLI (
        <code>embedops queries set {alias} …</code>).
        {set.data?.updatedAt ? ` Saved ${fmtTime(set.data.updatedAt)}.` : ' None saved yet: the comparison falls back to 3 document titles.'}
      </p>
      <ol className="queries">
        {shown.map((q, i) => (
          <li key={i} className="queries__row">
            <label htmlFor={`${id}-q${i}`} className="visually-hidden">
              Saved query {i + 1}
            </label>
            <input id={`${id}-q${i}`} value={q} onChange={(e) => put(i, e.target.value)} placeholder={`Query ${i + 1}`} maxLength={1000} disabled={readOnly} />
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setEdit(shown.filter((_, j) => j !== i))} disabled={shown.length <= 1 || readOnly} aria-label={`Remove saved query ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="row-gap">
        <button type="button" className="btn" onClick={() => setEdit([...shown, ''])} disabled={shown.length >= MAX || readOnly}>
          Add a query
        </button>
        <button type="submit" className="btn btn--primary" disabled={!filled.length || !dirty || save.isPending || readOnly} data-testid="save-queries">
          {save.isPending ? 'Saving…' : dirty ? `Save ${filled.length} quer${filled.length === 1 ? 'y' : 'ies'}` : 'Saved'}
        </button>
        {filled.length > 0 && filled.length < 3 && <span className="field__help">3 to 5 give a fairer picture.</span>}
      </div>
      {save.isError && <ErrorNotice title="The queries were not saved" error={save.error} />}
    </form>
  );
}
