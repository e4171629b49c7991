import { useState } from 'react';
import type { SpotcheckHit } from '../../../../shared/types';
import { useLastAction } from '../../api/actions';
import { useSpotcheckReport } from '../../api/queries';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useReveal } from '../../lib/use-reveal';
import { DocumentDialog } from './DocumentDialog';
import { QueryForm } from './QueryForm';
import { SpotcheckResults } from './SpotcheckResults';

/** Step 4: a few real questions against this collection only, each answer cited to its exact passage. */
export function SpotcheckTab({ collection }: { collection: string }) {
  const report = useSpotcheckReport(collection);
  const last = useLastAction('spotcheck/run', collection);
  const [open, setOpen] = useState<SpotcheckHit | null>(null);
  const reveal = useReveal<HTMLDivElement>(report);
  return (
    <div className="stack">
      <QueryForm collection={collection} />
      {last?.status === 'pending' && <Loading what="Embedding the queries and searching" />}
      {last?.status === 'error' && <ErrorNotice title="The spot-check did not run" error={last.error} />}
      <div ref={reveal} className="scroll-target">
        {report ? (
          <SpotcheckResults report={report} onOpen={setOpen} />
        ) : (
          last?.status !== 'pending' && (
            <EmptyState title="No spot-check in this session yet.">Type 3 to 5 questions someone would really ask of these documents, then run the spot-check.</EmptyState>
          )
        )}
      </div>
      {open && <DocumentDialog collection={collection} hit={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
