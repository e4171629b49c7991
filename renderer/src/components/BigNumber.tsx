import { fmtInt } from '../lib/format';
import type { Tone } from '../lib/health';

/** A count to verify by eye: large, tabular, with its name under it. */
export function BigNumber({ label, value, tone, hint, testId }: { label: string; value: number; tone?: Tone; hint?: string; testId?: string }) {
  return (
    <div className={`bignum${tone ? ` bignum--${tone}` : ''}`} data-testid={testId}>
      <span className="bignum__value">{fmtInt(value)}</span>
      <span className="bignum__label">{label}</span>
      {hint && <span className="bignum__hint">{hint}</span>}
    </div>
  );
}
