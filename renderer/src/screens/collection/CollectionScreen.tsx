import { useCollection } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { HealthBadges } from '../../components/HealthBadges';
import { Loading } from '../../components/Loading';
import type { CollectionTab } from '../../lib/route';
import { HistoryScreen } from '../history/HistoryScreen';
import { ImportTab } from '../import/ImportTab';
import { PlanTab } from '../plan/PlanTab';
import { SpotcheckTab } from '../spotcheck/SpotcheckTab';
import { VerifyTab } from '../verify/VerifyTab';
import { CollectionTabs } from './CollectionTabs';
import { DoneChecklist } from './DoneChecklist';
import { OverviewTab } from './OverviewTab';
import { VersionNote } from './VersionNote';
import { ChangeTab } from '../change/ChangeTab';

/** One collection: its header and DONE checklist on every tab, then the step the user is on. */
export function CollectionScreen({ name, tab }: { name: string; tab: CollectionTab }) {
  const q = useCollection(name);
  if (q.isPending) return <Loading what={`Loading ${name}`} />;
  if (q.isError) {
    return q.error.code === 'not_found' ? (
      <div className="page">
        <h1 tabIndex={-1}>Collection not found</h1>
        <EmptyState title={`There is no collection "${name}".`}>
          <p>{q.error.message}</p>
          <a href="#/">See all collections</a>
        </EmptyState>
      </div>
    ) : (
      <ErrorNotice title={`Could not load ${name}`} error={q.error} onRetry={() => void q.refetch()} />
    );
  }
  const c = q.data;
  return (
    <div className="page">
      <header className="page__header page__header--row">
        <div>
          <h1 tabIndex={-1}>
            <span className="muted">Collection</span> {name}
          </h1>
          <p className="page__lede">
            {c.settings.modelId} · {c.settings.dimension}-d · chunks of {c.settings.chunkSize} tokens, overlap {c.settings.chunkOverlap}
          </p>
          <VersionNote asked={name} collection={c} />
        </div>
        <HealthBadges collection={c} />
      </header>
      <DoneChecklist collection={c} />
      <CollectionTabs name={name} tab={tab} />
      <div className="tabpanel" id="collection-tabpanel">
        {tab === 'overview' && <OverviewTab collection={c} />}
        {tab === 'import' && <ImportTab collection={name} />}
        {tab === 'plan' && <PlanTab collection={c} />}
        {tab === 'verify' && <VerifyTab collection={name} />}
        {tab === 'spotcheck' && <SpotcheckTab collection={name} />}
        {tab === 'change' && <ChangeTab name={name} />}
        {tab === 'history' && <HistoryScreen collection={name} embedded />}
      </div>
    </div>
  );
}
