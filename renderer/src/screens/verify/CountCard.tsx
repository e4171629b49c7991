import type { VerifyCount, VerifyReport } from '../../../../shared/types';
import { CopyButton } from '../../components/CopyButton';
import { fmtInt } from '../../lib/format';
import type { Tone } from '../../lib/health';

const LABEL: Record<string, string> = { wrongDimension: 'wrong dimension', badVectors: 'bad vectors (NaN / zero)' };
/** Counts that must be zero for PASS. */
const ZERO = new Set(['missing', 'stale', 'orphaned', 'wrongDimension', 'badVectors']);

function toneOf(c: VerifyCount, r: VerifyReport): Tone | undefined {
  if (ZERO.has(c.name)) return c.value === 0 ? 'ok' : 'bad';
  if (c.name === 'vectors') return r.vectors === r.chunks ? 'ok' : 'bad';
  return undefined;
}

/** One count, large, with its exact SQL to re-run by hand. */
export function CountCard({ count: c, report }: { count: VerifyCount; report: VerifyReport }) {
  const tone = toneOf(c, report);
  return (
    <article className={`countcard${tone ? ` countcard--${tone}` : ''}`} data-testid={`verify-count-${c.name}`}>
      <div className="countcard__head">
        <span className="countcard__value num">{fmtInt(c.value)}</span>
        <span className="countcard__name">{LABEL[c.name] ?? c.name}</span>
        {tone === 'ok' && <span className="visually-hidden">(as expected)</span>}
        {tone === 'bad' && <span className="countcard__flag">✗ should be {c.name === 'vectors' ? `${fmtInt(report.chunks)} (= chunks)` : '0'}</span>}
      </div>
      <pre className="sql" tabIndex={0} aria-label={`SQL for ${c.name}`}>
        <code>{c.sql}</code>
      </pre>
      <CopyButton text={c.sql} label="Copy SQL" what={`the SQL for ${c.name}`} />
    </article>
  );
}
