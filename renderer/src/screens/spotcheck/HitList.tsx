import type { SpotcheckHit } from '../../../../shared/types';
import { Citation } from './Citation';

/** One ranked list of hits, each a citation that opens its document. */
export function HitList({
  title,
  scoreLabel,
  hits,
  otherIds,
  otherLabel,
  onOpen,
}: {
  title: string;
  scoreLabel: string;
  hits: SpotcheckHit[];
  otherIds: Set<number>;
  otherLabel: string;
  onOpen: (h: SpotcheckHit) => void;
}) {
  return (
    <div className="hitlist">
      <h4 className="hitlist__title">{title}</h4>
      {hits.length === 0 ? (
        <p className="muted">No result.</p>
      ) : (
        <ol className="hits">
          {hits.map((h, i) => (
            <li key={h.chunkId}>
              <Citation hit={h} rank={i + 1} scoreLabel={scoreLabel} shared={otherIds.has(h.chunkId) ? otherLabel : null} onOpen={() => onOpen(h)} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
