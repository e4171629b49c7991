import type { RunRecord, SwapGate } from '../../../../shared/types';
import { ComparisonView } from '../change/ComparisonView';

/** A swap's stored side-by-side comparison, folded under its history row. */
export function SwapComparison({ run }: { run: RunRecord }) {
  const cmp = ((run.result ?? {}) as { gate?: SwapGate }).gate?.comparison;
  if (!cmp) return null;
  return (
    <details className="cmp-details" data-testid="history-comparison">
      <summary>
        Spot-check comparison at the swap: {cmp.live} → {cmp.candidate}, {cmp.queries.length} quer{cmp.queries.length === 1 ? 'y' : 'ies'}, mean overlap{' '}
        {Math.round(cmp.meanOverlap * 100)} %
      </summary>
      <ComparisonView comparison={cmp} compact />
    </details>
  );
}
