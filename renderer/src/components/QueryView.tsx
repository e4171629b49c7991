import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { Loading } from './Loading';

/** Loading, error (with retry) or the data: every screen handles all three the same way. */
export function QueryView<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading what={`Loading ${what}`} />;
  if (query.isError) return <ErrorNotice title={`Could not load ${what}`} error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
