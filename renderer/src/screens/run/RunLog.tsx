import { useEffect, useRef } from 'react';
import type { RunLogLine } from '../../../../shared/api';
import { fmtTime } from '../../lib/format';

/** The run's log tail, newest at the bottom; follows new lines unless the reader scrolled up. */
export function RunLog({ events }: { events: RunLogLine[] }) {
  const box = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [events.length]);
  return (
    <section className="card" aria-labelledby="log-h">
      <h2 id="log-h">Log</h2>
      {events.length === 0 ? (
        <p className="muted">No log lines yet.</p>
      ) : (
        <ol
          ref={box}
          className="log"
          data-testid="run-log"
          tabIndex={0}
          aria-label="Run log"
          onScroll={(e) => {
            const el = e.currentTarget;
            follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {events.map((e, i) => (
            <li key={`${e.at}-${i}`} className={`log__line log__line--${e.level}`}>
              <time className="log__at">{fmtTime(e.at).slice(11)}</time>
              <span className="log__level">{e.level}</span>
              <span className="log__msg">{e.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
