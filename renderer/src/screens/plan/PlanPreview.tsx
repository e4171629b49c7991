import type { BackfillPlan } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import { BigNumber } from '../../components/BigNumber';
import { CopyButton } from '../../components/CopyButton';
import { fmtDuration, fmtInt, fmtRate, fmtTime } from '../../lib/format';
import { SecretsFound } from './SecretsFound';

/** What the backfill would do and every assumption checked, before anything is written. */
export function PlanPreview({ plan, outdated }: { plan: BackfillPlan; outdated: boolean }) {
  return (
    <section className={`card${outdated ? ' card--dim' : ''}`} aria-labelledby="plan-h" data-testid="plan-preview">
      <h2 id="plan-h">
        Plan #{plan.id}: {plan.mode}, batches of {plan.batchSize}, secrets {plan.secrets.policy}{' '}
        {outdated ? <Badge tone="warn">outdated: plan again</Badge> : plan.ready ? <Badge tone="ok" testId="plan-ready">ready</Badge> : <Badge tone="bad" testId="plan-ready">not ready</Badge>}
      </h2>
      <p className="lead" data-testid="plan-summary">
        Will embed <strong className="num">{fmtInt(plan.toEmbed)}</strong> of <strong className="num">{fmtInt(plan.chunks)}</strong> chunks in{' '}
        <strong className="num">{fmtInt(plan.batches)}</strong> batch(es).
      </p>
      <div className="bignums bignums--small">
        <BigNumber label="to embed" value={plan.toEmbed} />
        <BigNumber label="missing" value={plan.missing} />
        <BigNumber label="stale" value={plan.stale} />
        <BigNumber label="set aside (failed 3×)" value={plan.poisoned} tone={plan.poisoned ? 'warn' : undefined} />
      </div>
      <dl className="deflist deflist--inline">
        <dt>Speed on this machine</dt>
        <dd>{fmtRate(plan.chunksPerSecond)} (measured on this collection's chunks)</dd>
        <dt>Estimated time</dt>
        <dd data-testid="plan-estimate">{plan.toEmbed === 0 ? 'nothing to do' : fmtDuration(plan.estimateSeconds)}</dd>
        <dt>Planned</dt>
        <dd>{fmtTime(plan.createdAt)}</dd>
      </dl>
      <SecretsFound secrets={plan.secrets} />
      <h3>Checks</h3>
      <ul className="checks" data-testid="plan-checks">
        {plan.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'checks__ok' : 'checks__bad'}>
            <Badge tone={c.ok ? 'ok' : 'bad'}>{c.ok ? 'pass' : 'fail'}</Badge>
            <span className="checks__name">{c.name}</span>
            <span className="checks__detail">{c.detail}</span>
          </li>
        ))}
      </ul>
      <p className="row-gap">
        <code className="mono">{plan.command}</code>
        <CopyButton text={plan.command} what="the CLI command" />
      </p>
    </section>
  );
}
