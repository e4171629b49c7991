import { useState } from 'react';
import { useHistoryMarkdown } from '../../api/actions';
import { useCollections, useRuns } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { QueryView } from '../../components/QueryView';
import { downloadText, fileSafe, stamp } from '../../lib/download';
import { HistoryTable } from './HistoryTable';

/** Every run, newest first, with its exact settings and the equivalent CLI command. */
export function HistoryScreen({ collection, embedded }: { collection?: string; embedded?: boolean }) {
  const [filter, setFilter] = useState(collection ?? '');
  const scope = collection ?? (filter || undefined);
  const runs = useRuns(scope);
  const collections = useCollections();
  const md = useHistoryMarkdown();
  const exportMd = () =>
    md.mutate(scope ? { collection: scope } : {}, {
      onSuccess: ({ markdown }) => downloadText(`embedops-history-${scope ? fileSafe(scope) + '-' : ''}${stamp()}.md`, markdown, 'text/markdown'),
    });

  const body = (
    <>
      <div className="row-gap row-gap--end toolbar">
        {!collection && (
          <div className="field field--narrow">
            <label htmlFor="history-filter">Collection</label>
            <select id="history-filter" value={filter} onChange={(e) => setFilter(e.target.value)}>
              <option value="">All collections</option>
              {collections.data?.map((c) => (
                <option key={c.settings.name} value={c.settings.name}>
                  {c.settings.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="button" className="btn" onClick={exportMd} disabled={md.isPending} data-testid="export-history">
          {md.isPending ? 'Exporting…' : 'Export markdown'}
        </button>
      </div>
      {md.isError && <ErrorNotice title="The history was not exported" error={md.error} />}
      <QueryView query={runs} what="the history">
        {(list) => (list.length ? <HistoryTable runs={list} showCollection={!scope} /> : <EmptyState title="No runs yet.">Imports, backfills, verifications and spot-checks appear here as they happen.</EmptyState>)}
      </QueryView>
    </>
  );
  if (embedded) return <div className="stack">{body}</div>;
  return (
    <div className="page">
      <header className="page__header">
        <h1 tabIndex={-1}>History</h1>
        <p className="page__lede">Every run, newest first, with the exact settings it used and the command that repeats it.</p>
      </header>
      {body}
    </div>
  );
}
