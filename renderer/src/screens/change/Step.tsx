import { useState, type ReactNode } from 'react';
import { Badge } from '../../components/Badge';
import type { StepState } from './flow';

const STATE: Record<StepState, { tone: 'ok' | 'info' | 'neutral'; label: string }> = {
  done: { tone: 'ok', label: 'done' },
  current: { tone: 'info', label: 'now' },
  todo: { tone: 'neutral', label: 'later' },
};

/**
 * One step of the guided flow: number, title, state and a one-line summary; the current step is
 * open, the others open on demand (a done step to look back, a later one to see what it asks).
 */
export function Step({ n, id, title, state, summary, open: initiallyOpen, children }: { n: number; id: string; title: string; state: StepState; summary?: ReactNode; open?: boolean; children?: ReactNode }) {
  const [toggled, setToggled] = useState<boolean | null>(null);
  const open = toggled ?? initiallyOpen ?? state === 'current';
  const s = STATE[state];
  return (
    <li className={`step step--${state}`} data-testid={`step-${id}`} data-state={state}>
      <div className="step__head">
        <span className="step__n" aria-hidden="true">
          {state === 'done' ? '✓' : n}
        </span>
        <h3 className="step__title" id={`step-${id}-h`}>
          <span className="visually-hidden">Step {n}: </span>
          {title}
        </h3>
        <Badge tone={s.tone}>{s.label}</Badge>
        {summary && <span className="step__summary">{summary}</span>}
        {children && (
          <button type="button" className="btn btn--small btn--ghost step__toggle" aria-expanded={open} aria-controls={`step-${id}-body`} onClick={() => setToggled(!open)}>
            {open ? 'Hide' : state === 'todo' ? 'Look ahead' : 'Show'}
          </button>
        )}
      </div>
      {children && open && (
        <div className="step__body" id={`step-${id}-body`} role="region" aria-labelledby={`step-${id}-h`}>
          {children}
        </div>
      )}
    </li>
  );
}
