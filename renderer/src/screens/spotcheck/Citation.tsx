import type { SpotcheckHit } from '../../../../shared/types';
import { fmtInt } from '../../lib/format';

/** A hit cited down to its characters: document title and id, chunk number, [start, end), snippet, score. */
export function Citation({ hit, rank, scoreLabel, shared, onOpen }: { hit: SpotcheckHit; rank: number; scoreLabel: string; shared: string | null; onOpen: () => void }) {
  return (
    <button type="button" className="citation" onClick={onOpen} data-testid="citation" aria-label={`${rank}. ${hit.document.title}, chunk ${hit.chunk}, characters ${hit.start} to ${hit.end}, ${scoreLabel} score ${hit.score.toFixed(3)}. Open the document.`}>
      <span className="citation__top">
        <span className="citation__rank num">{rank}.</span>
        <span className="citation__title">{hit.document.title}</span>
        <span className="citation__score num">
          <span className="citation__scorelabel">{scoreLabel}</span> {hit.score.toFixed(3)}
        </span>
      </span>
      <span className="citation__meta">
        doc <span className="mono">{hit.document.id}</span> · chunk {hit.chunk} · chars <span className="num">{fmtInt(hit.start)}–{fmtInt(hit.end)}</span>
        {shared && <span className="citation__shared">◆ {shared}</span>}
      </span>
      <span className="citation__snippet">“{hit.snippet}”</span>
    </button>
  );
}
