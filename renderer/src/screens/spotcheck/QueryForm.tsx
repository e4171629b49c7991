import { useId, useState, type FormEvent } from 'react';
import { useSpotcheck } from '../../api/actions';
import { useRuns } from '../../api/queries';

const MAX = 5;

/** The last spot-check's queries, so "check again" is one click. */
function useLastQueries(collection: string): string[] | null {
  const runs = useRuns(collection);
  const last = runs.data?.find((r) => r.kind === 'spotcheck');
  const q = last?.settings.queries;
  return Array.isArray(q) ? q.filter((x): x is string => typeof x === 'string').slice(0, MAX) : null;
}

export function QueryForm({ collection }: { collection: string }) {
  const id = useId();
  const previous = useLastQueries(collection);
  const [queries, setQueries] = useState<string[] | null>(null);
  const [k, setK] = useState('5');
  const spot = useSpotcheck();
  // Until the user edits, show the previous run's queries (or three empty fields).
  const shown = queries ?? (previous && previous.length ? [...previous, ...Array(Math.max(0, 3 - previous.length)).fill('')] : ['', '', '']);
  const filled = shown.map((q) => q.trim()).filter(Boolean);
  const kNum = Number(k);
  const kError = !Number.isInteger(kNum) || kNum < 1 || kNum > 50 ? 'A whole number from 1 to 50.' : null;

  const set = (i: number, v: string) => setQueries(shown.map((q, j) => (j === i ? v : q)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (filled.length && !kError) spot.mutate({ collection, queries: filled, k: kNum });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby={`${id}-h`} data-testid="spotcheck-form">
      <h2 id={`${id}-h`}>Queries</h2>
      <ol className="queries">
        {shown.map((q, i) => (
          <li key={i} className="queries__row">
            <label htmlFor={`${id}-q${i}`} className="visually-hidden">
              Query {i + 1}
            </label>
            <input id={`${id}-q${i}`} value={q} onChange={(e) => set(i, e.target.value)} placeholder={i === 0 ? 'e.g. how often should the chain be oiled?' : `Query ${i + 1}`} maxLength={1000} />
            <button type="button" className="btn btn--small btn--ghost" onClick={() => setQueries(shown.filter((_, j) => j !== i))} disabled={shown.length <= 1} aria-label={`Remove query ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="row-gap row-gap--end">
        <button type="button" className="btn" onClick={() => setQueries([...shown, ''])} disabled={shown.length >= MAX}>
          Add a query
        </button>
        <div className="field field--narrow">
          <label htmlFor={`${id}-k`}>Results per query (k)</label>
          <input id={`${id}-k`} type="number" min={1} max={50} value={k} onChange={(e) => setK(e.target.value)} aria-invalid={!!kError} aria-describedby={`${id}-k-help`} />
          <p id={`${id}-k-help`} className={kError ? 'field__error' : 'field__help'}>
            {kError ?? 'Default 5.'}
          </p>
        </div>
        <button type="submit" className="btn btn--primary" disabled={!filled.length || !!kError || spot.isPending} data-testid="run-spotcheck">
          {spot.isPending ? 'Searching…' : `Run spot-check (${filled.length} quer${filled.length === 1 ? 'y' : 'ies'})`}
        </button>
      </div>
      <p className="muted">Searches this collection only. Up to {MAX} queries; each is also looked up by keyword (BM25) to cross-check the model.</p>
    </form>
  );
}
