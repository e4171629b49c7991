import type { RunStatus } from '../../../shared/types';
import type { Tone } from '../lib/health';
import { Badge } from './Badge';

const TONE: Record<RunStatus, Tone> = {
  queued: 'info',
  running: 'info',
  paused: 'warn',
  interrupted: 'warn',
  cancelled: 'neutral',
  failed: 'bad',
  completed: 'ok',
};

export function RunStatusBadge({ status, large, testId }: { status: RunStatus; large?: boolean; testId?: string }) {
  return (
    <Badge tone={TONE[status]} large={large} testId={testId}>
      {status}
    </Badge>
  );
}
