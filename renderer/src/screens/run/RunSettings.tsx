import type { RunRecord } from '../../../../shared/types';
import { CopyButton } from '../../components/CopyButton';
import { fmtTime, shortFingerprint } from '../../lib/format';
import { settingValue } from './setting-value';

/** The exact settings the run used, as recorded. */
export function RunSettings({ run }: { run: RunRecord }) {
  const entries = Object.entries(run.settings);
  return (
    <section className="card" aria-labelledby="run-settings-h">
      <h2 id="run-settings-h">Settings</h2>
      <dl className="deflist" data-testid="run-settings">
        {entries.map(([k, v]) => (
          <div key={k} className="deflist__row">
            <dt>{k}</dt>
            {typeof v === 'string' && k.toLowerCase().includes('fingerprint') ? (
              <dd className="row-gap">
                <span className="mono" title={v}>
                  {shortFingerprint(v)}
                </span>
                <CopyButton text={v} what={k} />
              </dd>
            ) : (
              <dd className="wrap">{settingValue(v)}</dd>
            )}
          </div>
        ))}
        <div className="deflist__row">
          <dt>started</dt>
          <dd>{fmtTime(run.startedAt)}</dd>
        </div>
        <div className="deflist__row">
          <dt>checkpoint</dt>
          <dd className="num-inline">{run.checkpoint}</dd>
        </div>
      </dl>
    </section>
  );
}
