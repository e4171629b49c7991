import type { TaskProgress } from '../../shared/types';
import type { JobManager } from '../jobs/manager';

const EVERY_MS = 250;

/**
 * Reports an import's or a derive's progress as `task/progress` events: the first at once, then at
 * most every 250 ms (the services call back per group of documents, far more often on small ones).
 */
export function taskProgress(jobs: JobManager, command: TaskProgress['command'], collection: string): (p: Omit<TaskProgress, 'command' | 'collection'>) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < EVERY_MS) return;
    last = now;
    jobs.emit('task/progress', { command, collection, ...p });
  };
}
