import type { RunRecord } from '../../../../shared/types';
import { collectionHref } from '../../lib/route';
import { settingValue } from './setting-value';
import { GateView } from '../change/GateView';
import type { SwapGate } from '../../../../shared/types';

const TAB: Partial<Record<RunRecord['kind'], 'verify' | 'spotcheck' | 'import'>> = { verify: 'verify', spotcheck: 'spotcheck', import: 'import' };

/** The outcome of a run that is not a backfill (import, verify, spot-check), as recorded. */
export function RunResult({ run }: { run: RunRecord }) {
  const tab = TAB[run.kind];
  const result = run.result ?? {};
  const rows = Object.entries(result).filter(([k]) => k !== 'top' && k !== 'skipped' && k !== 'gate' && k !== 'collection' && k !== 'runId');
  return (
    <section className="card" aria-labelledby="result-h">
      <h2 id="result-h">Result</h2>
      {rows.length === 0 ? (
        <p className="muted">No result was recorded.</p>
      ) : (
        <dl className="deflist" data-testid="run-result">
          {rows.map(([k, v]) => (
            <div key={k} className="deflist__row">
              <dt>{k}</dt>
              <dd className="wrap">{settingValue(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {run.kind === 'swap' && (result as { gate?: SwapGate }).gate && (
        <>
          <h3>Checks and comparison the swap was made on</h3>
          <GateView gate={(result as { gate: SwapGate }).gate} outdated={null} />
        </>
      )}
      {tab && (
        <p>
          <a href={collectionHref(run.collection, tab)}>Open {run.kind} for {run.collection} →</a>
        </p>
      )}
    </section>
  );
}
