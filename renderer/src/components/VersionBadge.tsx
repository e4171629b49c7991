import type { CollectionStatus } from '../../../shared/types';
import { versionState } from '../lib/versions';
import { Badge } from './Badge';

/** live / building / retired / active, with what it means as a tooltip. */
export function VersionBadge({ collection, testId }: { collection: CollectionStatus; testId?: string }) {
  const s = versionState(collection);
  return (
    <span title={s.detail}>
      <Badge tone={s.tone} testId={testId}>
        {s.label}
      </Badge>
    </span>
  );
}
