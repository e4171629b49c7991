import type { CollectionStatus } from '../../../shared/types';
import { healthParts } from '../lib/health';
import { Badge } from './Badge';

export function HealthBadges({ collection }: { collection: Pick<CollectionStatus, 'counts' | 'health'> }) {
  return (
    <span className="badges" data-testid="health">
      {healthParts(collection).map((p) => (
        <Badge key={p.label} tone={p.tone}>
          {p.label}
        </Badge>
      ))}
    </span>
  );
}
