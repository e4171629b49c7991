import { useCollections } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { QueryView } from '../../components/QueryView';
import { CollectionsTable } from './CollectionsTable';
import { CreateCollectionForm } from './CreateCollectionForm';

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
              <CollectionsTable collections={list} />
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
