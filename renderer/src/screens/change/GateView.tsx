import type { SwapGate } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { fmtInt } from '../../lib/format';
import { runHref } from '../../lib/route';
import { ComparisonView } from './ComparisonView';

/** What a swap checks (verify PASS, the same documents) and, below, the answers side by side. */
export function GateView({ gate, outdated }: { gate: SwapGate; outdated: string | null }) {
  const d = gate.documents;
  const parity = d.missing === 0 && d.different === 0;
  return (
    <section className={`stack${outdated ? ' card--dim' : ''}`} data-testid="swap-gate" aria-label="Swap checks">
      {outdated && (
        <p className="notice notice--warn" data-testid="gate-outdated">
          This comparison is outdated: {outdated}. Compare again.
        </p>
      )}
      <ul className="checks gate-checks">
        <li className={gate.verify.status === 'PASS' ? 'checks__ok' : 'checks__bad'} data-testid="gate-verify">
          <Badge tone={gate.verify.status === 'PASS' ? 'ok' : 'bad'}>{gate.verify.status === 'PASS' ? 'pass' : 'fail'}</Badge>
          <span className="checks__name">{gate.to} verifies</span>
          <span className="checks__detail">
            {gate.verify.status} · {fmtInt(gate.verify.vectors)} vectors for {fmtInt(gate.verify.chunks)} chunks (<a href={runHref(gate.verify.runId)}>run #{gate.verify.runId}</a>)
            {gate.verify.problems.length > 0 && ` · ${gate.verify.problems.join('; ')}`}
          </span>
        </li>
        <li className={parity ? 'checks__ok' : 'checks__bad'} data-testid="gate-documents">
          <Badge tone={parity ? 'ok' : 'bad'}>{parity ? 'pass' : 'fail'}</Badge>
          <span className="checks__name">same documents</span>
          <span className="checks__detail">
            live {fmtInt(d.live)} · candidate {fmtInt(d.candidate)} · missing {fmtInt(d.missing)} · different {fmtInt(d.different)} · extra {fmtInt(d.extra)}
          </span>
        </li>
      </ul>
      {gate.reasons.length > 0 && (
        <div className="notice notice--bad" data-testid="gate-reasons">
          <p className="notice__title">✗ The swap would be refused:</p>
          <ul className="notice__body">
            {gate.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      {gate.comparison ? (
        <ComparisonView comparison={gate.comparison} />
      ) : (
        <p className="muted" data-testid="no-comparison">
          No side-by-side comparison: {gate.from ? `${gate.to} has no vectors to search yet.` : 'there is no live collection to compare with.'}
        </p>
      )}
    </section>
  );
}
