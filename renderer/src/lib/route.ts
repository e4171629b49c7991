import { useEffect, useState } from 'react';

/** The tabs of a collection's page, in the order of the procedure. */
export const COLLECTION_TABS = ['overview', 'import', 'plan', 'verify', 'spotcheck', 'change', 'history'] as const;
export type CollectionTab = (typeof COLLECTION_TABS)[number];

export type Route =
  | { page: 'collections' }
  | { page: 'collection'; name: string; tab: CollectionTab }
  | { page: 'run'; runId: number }
  | { page: 'history' }
  | { page: 'models' }
  | { page: 'backups' }
  | { page: 'not-found'; hash: string };

/** Hash routes (`#/c/tenant_42/verify`, `#/runs/12`): they work from app:// and file:// alike, and survive reloads. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, a, b] = parts;
  if (!head || head === 'collections') return { page: 'collections' };
  if (head === 'c' && a) {
    const tab = (COLLECTION_TABS as readonly string[]).includes(b ?? '') ? (b as CollectionTab) : 'overview';
    return { page: 'collection', name: a, tab };
  }
  if (head === 'runs' && a && /^\d+$/.test(a)) return { page: 'run', runId: Number(a) };
  if (head === 'history') return { page: 'history' };
  if (head === 'models') return { page: 'models' };
  if (head === 'backups') return { page: 'backups' };
  return { page: 'not-found', hash };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'collections':
      return '#/';
    case 'collection':
      return `#/c/${encodeURIComponent(route.name)}${route.tab === 'overview' ? '' : `/${route.tab}`}`;
    case 'run':
      return `#/runs/${route.runId}`;
    case 'history':
      return '#/history';
    case 'models':
      return '#/models';
    case 'backups':
      return '#/backups';
    case 'not-found':
      return route.hash;
  }
}

export const collectionHref = (name: string, tab: CollectionTab = 'overview') => href({ page: 'collection', name, tab });
export const runHref = (runId: number) => href({ page: 'run', runId });

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
