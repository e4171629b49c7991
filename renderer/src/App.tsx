import { useEffect, useRef } from 'react';
import { useLiveUpdates } from './api/events';
import { useTransport } from './api/TransportProvider';
import { EmptyState } from './components/EmptyState';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { useRoute, type Route } from './lib/route';
import { BackupsScreen } from './screens/backups/BackupsScreen';
import { CollectionScreen } from './screens/collection/CollectionScreen';
import { CollectionsScreen } from './screens/collections/CollectionsScreen';
import { HistoryScreen } from './screens/history/HistoryScreen';
import { ModelsScreen } from './screens/models/ModelsScreen';
import { RunScreen } from './screens/run/RunScreen';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'collections':
      return <CollectionsScreen />;
    case 'collection':
      return <CollectionScreen key={route.name} name={route.name} tab={route.tab} />;
    case 'run':
      return <RunScreen key={route.runId} runId={route.runId} />;
    case 'history':
      return <HistoryScreen />;
    case 'models':
      return <ModelsScreen />;
    case 'backups':
      return <BackupsScreen />;
    case 'not-found':
      return (
        <EmptyState title="There is no page at this address.">
          <a href="#/">Go to the collections</a>
        </EmptyState>
      );
  }
}

export function App() {
  const route = useRoute();
  const transport = useTransport();
  const connection = useLiveUpdates();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After navigating, keyboard and screen-reader users land on the new page's heading.
  const pageKey = route.page === 'collection' ? `${route.page}:${route.name}` : route.page === 'run' ? `run:${route.runId}` : route.page;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [pageKey]);

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.querySelector<HTMLElement>('h1')?.focus())}>
        Skip to the page
      </a>
      <Sidebar route={route} />
      <main className="main" ref={main} id="main">
        <Page route={route} />
      </main>
      <StatusBar connection={connection} transport={transport.kind} />
    </div>
  );
}
