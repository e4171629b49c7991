import { useState } from 'react';
import type { CollectionStatus, SwapGate } from '../../../../shared/types';
import { useSwap } from '../../api/actions';
import { useReadOnly } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * Step 6: point the alias at the candidate in one transaction. Enabled only when the gate on
 * screen passes and is current; a failing gate can be overridden, separately, behind a confirmation
 * that lists what is overridden (the engine records it in history as FORCED).
 */
export function SwapStep({ alias, live, candidate, gate, outdated }: { alias: string; live: CollectionStatus | null; candidate: CollectionStatus; gate: SwapGate | undefined; outdated: string | null }) {
  const swap = useSwap();
  const readOnly = useReadOnly();
  const [forcing, setForcing] = useState(false);
  const to = candidate.settings.name;
  const mine = gate && gate.to === to ? gate : undefined;

  let why: string | null = null;
  if (readOnly) why = 'Read-only: the alias cannot be swapped here.';
  else if (!mine) why = `Compare first (step 5): the swap is checked against what the comparison shows.`;
  else if (outdated) why = `The comparison is outdated (${outdated}): compare again.`;
  // The engine's full reasons are in the Compare step; here, what fails in a few words.
  else if (!mine.ok) why = `The checks fail: ${mine.reasons.map((r) => r.split(' (')[0]).join('; ')}. See Compare (step 5) for why and the fix.`;

  const run = (force: boolean) => swap.mutate({ alias, to, force: force || undefined }, { onSuccess: () => setForcing(false) });

  return (
    <div className="stack">
      <p>
        Readers of <strong>{alias}</strong> get <strong>{live?.settings.name ?? '—'}</strong> now. The swap points {alias} at <strong>{to}</strong> in one transaction;{' '}
        {live?.settings.name ?? 'the old version'} is then retired, kept untouched, and <strong>Swap back</strong> returns to it at once.
      </p>
      <div className="row-gap">
        <button type="button" className="btn btn--primary btn--large" disabled={!!why || swap.isPending} onClick={() => run(false)} data-testid="swap" aria-describedby="swap-why">
          {swap.isPending && !forcing ? 'Swapping…' : `Swap: readers of ${alias} get ${to}`}
        </button>
        <span id="swap-why" className={why && mine && !mine.ok ? 'field__error' : 'muted'} data-testid="swap-why">
          {why ?? `Every check passes. Same as: embedops swap ${alias} --to ${to}`}
        </span>
      </div>
      {mine && !mine.ok && !readOnly && (
        <div className="danger-zone" data-testid="override">
          <p>
            <strong>Override.</strong> Swapping although a check fails puts readers on a collection that is not proven complete. It is recorded in history as
            FORCED, with the checks it overrode.
          </p>
          <button type="button" className="btn btn--danger btn--small" onClick={() => setForcing(true)} disabled={swap.isPending} data-testid="swap-anyway">
            Swap anyway (recorded in history)…
          </button>
        </div>
      )}
      {swap.isPending && <Loading what="Checking again and swapping" />}
      {swap.isError && !forcing && <ErrorNotice title="The swap was refused; nothing changed" error={swap.error} />}
      {forcing && mine && (
        <ConfirmDialog
          title={`Swap ${alias} to ${to} although the checks fail?`}
          confirm={swap.isPending ? 'Swapping…' : `Swap anyway to ${to}`}
          busy={swap.isPending}
          onConfirm={() => run(true)}
          onClose={() => setForcing(false)}
          testId="force-dialog"
        >
          <p>Readers of {alias} will get {to} immediately. These checks fail and are overridden:</p>
          <ul>
            {mine.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <p>The swap is recorded in history as FORCED with these reasons. Swap back returns readers to {live?.settings.name ?? 'the previous version'}.</p>
          {swap.isError && <ErrorNotice title="The swap did not happen" error={swap.error} />}
        </ConfirmDialog>
      )}
    </div>
  );
}
