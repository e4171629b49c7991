import { collectionHref, type CollectionTab } from '../../lib/route';

const LABELS: Record<CollectionTab, string> = {
  overview: 'Overview',
  import: '1 · Import',
  plan: '2 · Plan & run',
  verify: '3 · Verify',
  spotcheck: '4 · Spot-check',
  change: 'Derive & swap',
  history: 'History',
};

/** The procedure's steps as links (they are addresses: reload, back and forward keep them). */
export function CollectionTabs({ name, tab }: { name: string; tab: CollectionTab }) {
  return (
    <nav className="tabs" aria-label={`${name} sections`}>
      {(Object.keys(LABELS) as CollectionTab[]).map((t) => (
        <a key={t} className="tabs__tab" href={collectionHref(name, t)} aria-current={t === tab ? 'page' : undefined} data-testid={`tab-${t}`}>
          {LABELS[t]}
        </a>
      ))}
    </nav>
  );
}
