import type { SpotcheckOverlap } from '../../../../shared/types';
import { Badge } from '../../components/Badge';
import type { Tone } from '../../lib/health';

const pct = (share: number) => `${Math.round(share * 100)}%`;

/** How far meaning and keywords agree for one query: no shared document at all is worth a look. */
export function OverlapLine({ overlap, vector, keyword }: { overlap: SpotcheckOverlap; vector: number; keyword: number }) {
  const compared = vector > 0 && keyword > 0;
  const tone: Tone = !compared ? 'neutral' : overlap.documents.count === 0 ? 'warn' : overlap.chunks.count > 0 ? 'ok' : 'info';
  return (
    <p className="overlap" data-testid="overlap">
      <Badge tone={tone}>{!compared ? 'not compared' : overlap.documents.count === 0 ? 'no overlap' : 'overlap'}</Badge>{' '}
      {compared ? (
        <>
          Meaning and keyword results share <strong className="num">{overlap.chunks.count}</strong> chunk(s) ({pct(overlap.chunks.share)}) and{' '}
          <strong className="num">{overlap.documents.count}</strong> document(s) ({pct(overlap.documents.share)}).
        </>
      ) : (
        <>{keyword === 0 ? 'No keyword match for this query’s words.' : 'No vector hit to compare with.'}</>
      )}
    </p>
  );
}
