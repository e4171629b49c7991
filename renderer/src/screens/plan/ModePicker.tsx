import type { BackfillMode, CollectionCounts } from '../../../../shared/types';
import { fmtInt } from '../../lib/format';

const MODES: { mode: BackfillMode; title: string; explain: (c: CollectionCounts) => string }[] = [
  { mode: 'missing', title: 'Missing', explain: (c) => `Embed chunks that have no vector (${fmtInt(c.missing)} now). The usual repair after an import.` },
  { mode: 'stale', title: 'Stale', explain: (c) => `Make everything current: out-of-date vectors (${fmtInt(c.stale)}) plus missing ones (${fmtInt(c.missing)}).` },
  { mode: 'rebuild', title: 'Rebuild', explain: (c) => `Embed every chunk again (${fmtInt(c.chunks)}), whatever its state. For damaged or orphaned vectors.` },
];

export function ModePicker({ value, onChange, counts }: { value: BackfillMode; onChange: (m: BackfillMode) => void; counts: CollectionCounts }) {
  return (
    <fieldset className="modes">
      <legend>Mode</legend>
      {MODES.map((m) => (
        <label key={m.mode} className={`mode${value === m.mode ? ' mode--on' : ''}`}>
          <input type="radio" name="mode" value={m.mode} checked={value === m.mode} onChange={() => onChange(m.mode)} />
          <span className="mode__title">{m.title}</span>
          <span className="mode__explain">{m.explain(counts)}</span>
        </label>
      ))}
    </fieldset>
  );
}
