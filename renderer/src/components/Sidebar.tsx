import { useCollections } from '../api/queries';
import { collectionHref, href, type Route } from '../lib/route';
import { ErrorNotice } from './ErrorNotice';
import { HealthBadges } from './HealthBadges';
import { Loading } from './Loading';

/** Collections with their health, then the app-wide pages. */
export function Sidebar({ route }: { route: Route }) {
  const q = useCollections();
  const current = route.page === 'collection' ? route.name : null;
  const page = (p: Route['page']) => (route.page === p ? 'page' : undefined);
  return (
    <nav className="sidebar" aria-label="Main">
      <a className="sidebar__brand" href="#/">
        EmbedOps <span>Console</span>
      </a>
      <h2 className="sidebar__heading">
        <a href="#/" aria-current={page('collections')}>
          Collections
        </a>
      </h2>
      {q.isPending && <Loading what="Loading collections" />}
      {q.isError && <ErrorNotice title="Could not load collections" error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && q.data.length === 0 && <p className="sidebar__empty">None yet. Create one on the Collections page.</p>}
      {q.data && q.data.length > 0 && (
        <ul className="sidebar__list" data-testid="sidebar-collections">
          {q.data.map((c) => (
            <li key={c.settings.name}>
              <a className="sidebar__item" href={collectionHref(c.settings.name)} aria-current={current === c.settings.name ? 'page' : undefined}>
                <span className="sidebar__name">
                  {c.settings.name}
                  {(c.aliases.length > 0 || c.settings.state !== 'active') && (
                    <span className={`sidebar__state sidebar__state--${c.aliases.length ? 'live' : c.settings.state}`}>{c.aliases.length ? 'live' : c.settings.state}</span>
                  )}
                </span>
                <HealthBadges collection={c} />
              </a>
            </li>
          ))}
        </ul>
      )}
      <ul className="sidebar__list sidebar__pages">
        <li>
          <a className="sidebar__item" href={href({ page: 'history' })} aria-current={page('history')}>
            History
          </a>
        </li>
        <li>
          <a className="sidebar__item" href={href({ page: 'models' })} aria-current={page('models')}>
            Models
          </a>
        </li>
        <li>
          <a className="sidebar__item" href={href({ page: 'backups' })} aria-current={page('backups')}>
            Backups
          </a>
        </li>
      </ul>
    </nav>
  );
}
