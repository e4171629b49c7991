import type { CollectionStatus, PurgeResult, RunRecord, SwapGate } from '../../../../shared/types';
import { useSwap } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { Badge } from '../../components/Badge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { fmtInt, fmtTime } from '../../lib/format';
import { collectionHref, runHref } from '../../lib/route';
import type { Family } from '../../lib/versions';
import { ComparisonView } from './ComparisonView';
import { PurgeButton } from './PurgeButton';

/** After a swap: what readers get now, the way back, and the retired versions to purge. */
export function SwappedCard({ family, runs, onPurged }: { family: Family; runs: RunRecord[]; onPurged: (r: PurgeResult) => void }) {
  const { alias, live, base } = family;
  const swap = useSwap();
  const readOnly = useReadOnly();
  if (!alias || !live) return null;
  const last = runs.find((r) => r.kind === 'swap' && r.collection === base && r.status === 'completed');
  const result = (last?.result ?? null) as { from?: string | null; to?: string; back?: boolean; forced?: boolean; gate?: SwapGate } | null;
  const comparison = result?.gate?.comparison ?? null;
  const retired: CollectionStatus[] = family.retired;
  return (
    <section className="card swapped stack" aria-labelledby="swapped-h" data-testid="swapped">
      <h3 id="swapped-h">
        Readers of <span className="mono">{base}</span> get{' '}
        <a href={collectionHref(live.settings.name)} data-testid="serving">
          {live.settings.name}
        </a>{' '}
        <Badge tone="ok">live</Badge>
        {result?.forced && <Badge tone="bad">swapped FORCED</Badge>}
      </h3>
      <p>
        {live.settings.modelId} · chunks of {live.settings.chunkSize} tokens, overlap {live.settings.chunkOverlap} · {fmtInt(live.counts.documents)} documents, {fmtInt(live.counts.vectors)} vectors.
        {last && (
          <>
            {' '}
            Since <a href={runHref(last.id)}>swap #{last.id}</a> at {fmtTime(last.finishedAt)}
            {result?.from ? `, from ${result.from}` : ''}
            {result?.back ? ' (a swap back)' : ''}.
          </>
        )}
      </p>
      {alias.previous && (
        <div className="row-gap">
          <button type="button" className="btn" disabled={readOnly || swap.isPending} onClick={() => swap.mutate({ alias: base, back: true })} data-testid="swap-back">
            {swap.isPending ? 'Swapping back…' : `Swap back to ${alias.previous}`}
          </button>
          <span className="muted">Never gated: it is the way out. Same as: embedops swap {base} --back</span>
        </div>
      )}
      {swap.isError && <ErrorNotice title="The swap back did not happen" error={swap.error} />}
      {retired.length > 0 && (
        <div className="stack">
          {retired.map((c) => (
            <div key={c.settings.name} className="row-gap">
              <PurgeButton collection={c} servedBy={`${base} serves ${live.settings.name}`} onPurged={onPurged} />
              <span className="muted">
                {c.settings.name} is retired: {fmtInt(c.counts.documents)} documents, {fmtInt(c.counts.chunks)} chunks, {fmtInt(c.counts.vectors)} vectors kept untouched until purged.
              </span>
            </div>
          ))}
        </div>
      )}
      {comparison && !result?.back && (
        <details className="cmp-details">
          <summary>The comparison this swap was made on ({comparison.queries.length} queries, mean overlap {Math.round(comparison.meanOverlap * 100)} %)</summary>
          <ComparisonView comparison={comparison} />
        </details>
      )}
    </section>
  );
}
