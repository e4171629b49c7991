import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';

/** Copies `text`; says so in words for a moment (announced to screen readers too). */
export function CopyButton({ text, label = 'Copy', what, small = true }: { text: string; label?: string; what?: string; small?: boolean }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 1800);
    return () => window.clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className={small ? 'btn btn--small' : 'btn'}
      aria-label={what ? `Copy ${what}` : undefined}
      onClick={() => void copyText(text).then((ok) => setState(ok ? 'copied' : 'failed'))}
    >
      <span aria-live="polite">{state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed: select and copy by hand' : label}</span>
    </button>
  );
}
