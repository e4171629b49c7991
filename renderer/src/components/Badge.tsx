import type { ReactNode } from 'react';
import type { Tone } from '../lib/health';

const ICON: Record<Tone, string> = { ok: '✓', warn: '!', bad: '✗', info: '•', neutral: '○' };

/** A status word with a colour and an icon: never colour alone. */
export function Badge({ tone, children, large, testId }: { tone: Tone; children: ReactNode; large?: boolean; testId?: string }) {
  return (
    <span className={`badge badge--${tone}${large ? ' badge--large' : ''}`} data-testid={testId}>
      <span aria-hidden="true" className="badge__icon">
        {ICON[tone]}
      </span>
      {children}
    </span>
  );
}
