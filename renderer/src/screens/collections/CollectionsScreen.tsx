import { useAliases, useCollections } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { CollectionsTable } from './CollectionsTable';
import { CreateCollectionForm } from './CreateCollectionForm';
import { collectionHref } from '../../lib/route';

/** The names readers use and what each serves now: `docs → docs@v2 (was docs@v1)`. */
function AliasList() {
  const aliases = useAliases().data ?? [];
  if (!aliases.length) return null;
  return (
    <ul className="alias-list" aria-label="Aliases readers use" data-testid="alias-list">
      {aliases.map((a) => (
        <li key={a.name}>
          <span className="muted">alias</span> <strong>{a.name}</strong> <span aria-label="serves">→</span>{' '}
          <a href={collectionHref(a.target)} className="strong-link">
            {a.target}
          </a>
          {a.previous && <span className="muted"> (before: {a.previous})</span>}
        </li>
      ))}
    </ul>
  );
}

export function CollectionsScreen() {
  const q = useCollections();
  return (
    <div className="page">
      <header className="page__header">
        <h1 tabIndex={-1}>Collections</h1>
        <p className="page__lede">Each collection is chunked and embedded by one model. Pick one to import, backfill, verify and spot-check it.</p>
      </header>
      <section aria-labelledby="all-collections">
        <h2 id="all-collections" className="visually-hidden">
          All collections
        </h2>
        <QueryView query={q} what="collections">
          {(list) =>
            list.length ? (
              <>
                <AliasList />
                <CollectionsTable collections={list} />
              </>
            ) : (
              <EmptyState title="No collections yet.">Create the first one below, then import a folder of documents into it.</EmptyState>
            )
          }
        </QueryView>
      </section>
      <CreateCollectionForm />
    </div>
  );
}
