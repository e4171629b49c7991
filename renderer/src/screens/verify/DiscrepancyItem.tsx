import { useState } from 'react';
import type { Discrepancy } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { fmtInt } from '../../lib/format';
import { collectionHref } from '../../lib/route';
import { ChunkTable } from './ChunkTable';

type DrillKind = 'missing' | 'stale' | 'orphaned' | 'failed';

/** Which `verify/chunks` list shows the chunks behind a discrepancy (others only have sample ids). */
const DRILL: Partial<Record<Discrepancy['kind'], DrillKind[]>> = {
  missing: ['missing', 'failed'],
  stale: ['stale'],
  'model-changed': ['stale'],
  orphaned: ['orphaned'],
};

const DRILL_LABEL: Record<DrillKind, string> = {
  missing: 'Show the missing chunks',
  stale: 'Show the stale chunks',
  orphaned: 'Show the orphaned vectors',
  failed: 'Show the chunks that failed to embed',
};

export function DiscrepancyItem({ collection, discrepancy: d }: { collection: string; discrepancy: Discrepancy }) {
  const [open, setOpen] = useState<DrillKind | null>(null);
  // Failed chunks are only worth a list when the explanation says some failed.
  const drills = (DRILL[d.kind] ?? []).filter((k) => k !== 'failed' || /failed to embed/.test(d.explanation));
  const fixable = d.kind === 'missing' || d.kind === 'stale' || d.kind === 'orphaned' || d.kind === 'wrong-dimension' || d.kind === 'bad-vector';
  return (
    <li className="discrepancy" data-testid={`discrepancy-${d.kind}`}>
      <p className="discrepancy__head">
        <Badge tone="bad">{d.kind}</Badge> <strong className="num">{fmtInt(d.count)}</strong>
      </p>
      <p className="discrepancy__text">{d.explanation}</p>
      {drills.length === 0 && d.sampleChunkIds.length > 0 && (
        <p className="muted">
          Sample chunk ids: <span className="mono">{d.sampleChunkIds.join(', ')}</span>
        </p>
      )}
      {(drills.length > 0 || fixable) && (
        <div className="row-gap">
          {fixable && (
            <a className="btn btn--small btn--primary" href={collectionHref(collection, 'plan')}>
              Fix: plan a backfill
            </a>
          )}
          {drills.map((k) => (
            <button key={k} type="button" className="btn btn--small" aria-expanded={open === k} onClick={() => setOpen(open === k ? null : k)} data-testid={`drill-${k}`}>
              {open === k ? 'Hide' : DRILL_LABEL[k]}
            </button>
          ))}
        </div>
      )}
      {open && <ChunkTable collection={collection} kind={open} />}
    </li>
  );
}
