import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { TransportProvider, createTransport } from './api/TransportProvider';
import type { ApiError } from './api/transport';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/data.css';
import './styles/collection.css';
import './styles/plan-run.css';
import './styles/verify.css';
import './styles/spotcheck.css';
import './styles/import-history.css';
import './styles/backups.css';
import './styles/change.css';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Events and explicit invalidation keep data fresh; no refetch storms on window focus.
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // The engine's errors are deliberate (not found, refused): retrying them only delays the message.
      retry: (count, err) => err.code === 'network' && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TransportProvider transport={createTransport()}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </TransportProvider>
  </StrictMode>,
);
