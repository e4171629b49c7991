import { EventEmitter } from 'node:events';
import type { RunLogLine } from '../../shared/api';
import type { BackfillMode, RunProgress, RunRecord, SecretsPolicy, TaskProgress } from '../../shared/types';
import type { Engine } from '../engine';
import { getRun, requestControl, runEvents } from '../store/runs';
import { resumeBackfill, startBackfill } from './backfill';

interface ManagerEvents {
  'run/progress': [RunProgress];
  'run/finished': [RunRecord];
  'run/log': [RunLogLine];
  'task/progress': [TaskProgress];
}

/**
 * Runs backfills in the background of a long-lived process (the desktop app, serve mode) and
 * turns their progress into events. The run row stays the source of truth: cancel and pause go
 * through it, so they work the same on a run started here or by a CLI in another process.
 */
export class JobManager extends EventEmitter<ManagerEvents> {
  private readonly live = new Map<number, Promise<void>>();

  constructor(private readonly engine: Engine) {
    super();
  }

  /** Starts a backfill; resolves with its id once the model is loaded and the run exists. */
  start(collection: string, opts: { mode: BackfillMode; batchSize?: number; retryFailed?: boolean; secrets?: SecretsPolicy }): Promise<number> {
    return this.launch((hooks) => startBackfill(this.engine, collection, { ...opts, ...hooks }));
  }

  resume(runId: number): Promise<number> {
    return this.launch((hooks) => resumeBackfill(this.engine, runId, hooks));
  }

  cancel(runId: number): RunRecord {
    return requestControl(this.engine.db, runId, 'cancel');
  }

  pause(runId: number): RunRecord {
    return requestControl(this.engine.db, runId, 'pause');
  }

  isLive(runId: number): boolean {
    return this.live.has(runId);
  }

  liveRuns(): number[] {
    return [...this.live.keys()];
  }

  /** Waits for every run this process started (shutdown, tests). */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.live.values()]);
  }

  private launch(go: (hooks: { onStart: (id: number) => void; onProgress: (p: RunProgress) => void }) => Promise<RunRecord>): Promise<number> {
    let markFinished!: () => void;
    const finished = new Promise<void>((r) => (markFinished = r));
    return new Promise<number>((resolve, reject) => {
      let id: number | null = null;
      let lastLogged = 0;
      // Forward log lines written since the last look (events are hints; the table is the truth).
      const forwardLog = () => {
        if (id === null) return;
        for (const e of runEvents(this.engine.db, id, 50, lastLogged)) {
          lastLogged = e.id;
          this.emit('run/log', { runId: id, at: e.at, level: e.level as RunLogLine['level'], message: e.message });
        }
      };
      go({
        onStart: (runId) => {
          id = runId;
          this.live.set(runId, finished);
          forwardLog();
          resolve(runId);
        },
        onProgress: (p) => this.emit('run/progress', p),
      })
        .then(
          (run) => {
            forwardLog();
            this.emit('run/finished', run);
          },
          (err: unknown) => {
            // Before the run exists (model refused, collection busy) the caller gets the error;
            // after, the run row carries it and listeners get the finished run.
            if (id === null) return reject(err);
            forwardLog();
            this.emit('run/finished', getRun(this.engine.db, id));
          },
        )
        .finally(() => {
          if (id !== null) this.live.delete(id);
          markFinished();
        });
    });
  }
}
