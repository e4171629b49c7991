import type { CollectionStatus, SwapGate } from '../../../../shared/types';
import { useSwapPreview } from '../../api/actions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { GateView } from './GateView';
import { QuerySetEditor } from './QuerySetEditor';

/**
 * Step 5: the saved queries (editable here) and the swap's checks, with every query answered by
 * the live version and the candidate side by side. Reads only (and records a verify run).
 */
export function CompareStep({ alias, candidate, gate, outdated }: { alias: string; candidate: CollectionStatus; gate: SwapGate | undefined; outdated: string | null }) {
  const preview = useSwapPreview();
  const mine = gate && gate.to === candidate.settings.name ? gate : undefined;
  return (
    <div className="stack">
      <QuerySetEditor alias={alias} />
      <div className="row-gap">
        <button
          type="button"
          className="btn btn--primary"
          disabled={preview.isPending}
          onClick={() => preview.mutate({ alias, to: candidate.settings.name })}
          data-testid="compare"
        >
          {preview.isPending ? 'Comparing…' : mine ? 'Compare again' : `Compare ${alias} (live) with ${candidate.settings.name}`}
        </button>
        <span className="muted">Verifies {candidate.settings.name}, checks it has the live documents, and asks the saved queries of both. Same as: embedops swap {alias} --to {candidate.settings.name} --dry-run</span>
      </div>
      {preview.isPending && <Loading what="Verifying the candidate and searching both versions" />}
      {preview.isError && <ErrorNotice title="The comparison did not run" error={preview.error} />}
      {mine && <GateView gate={mine} outdated={outdated} />}
    </div>
  );
}
