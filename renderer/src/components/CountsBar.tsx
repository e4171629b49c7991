import type { CollectionCounts } from '../../../shared/types';
import { fmtInt } from '../lib/format';

interface Segment {
  key: 'embedded' | 'missing' | 'stale' | 'orphaned';
  value: number;
  explain: string;
}

/**
 * Every chunk, and every orphaned vector, as one horizontal stacked bar: embedded (current) ·
 * missing · stale · orphaned. The legend carries the numbers and each segment has its own pattern,
 * so the chart reads without colour.
 */
export function CountsBar({ counts }: { counts: CollectionCounts }) {
  const segments: Segment[] = [
    { key: 'embedded', value: Math.max(0, counts.chunks - counts.missing - counts.stale), explain: 'chunks with a current vector' },
    { key: 'missing', value: counts.missing, explain: 'chunks without a vector' },
    { key: 'stale', value: counts.stale, explain: 'vectors made from older text or other model files' },
    { key: 'orphaned', value: counts.orphaned, explain: 'vectors without a chunk' },
  ];
  const total = segments.reduce((s, x) => s + x.value, 0);
  const summary = segments.map((s) => `${s.key} ${fmtInt(s.value)}`).join(', ');
  return (
    <figure className="countsbar" data-testid="counts-bar">
      <div className="countsbar__bar" role="img" aria-label={total ? `Chunks and vectors: ${summary}` : 'No chunks yet'}>
        {segments
          .filter((s) => s.value > 0)
          .map((s) => (
            // A minimum width keeps one missing chunk in a million visible.
            <span key={s.key} className={`countsbar__seg seg--${s.key}`} style={{ flex: `${s.value} 0 0`, minWidth: 6 }} title={`${s.key}: ${fmtInt(s.value)} — ${s.explain}`} />
          ))}
      </div>
      <figcaption className="countsbar__legend">
        {segments.map((s) => (
          <span key={s.key} className="legend" title={s.explain}>
            <span className={`legend__swatch seg--${s.key}`} aria-hidden="true" />
            {s.key} <strong className="num">{fmtInt(s.value)}</strong>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
