import { planBackfill } from '../jobs/plan';
import { getRun, listRuns, runEvents, runFailures } from '../store/runs';
import { findAlias } from '../store/aliases';
import type { HandlerSlice } from './types';

export const runHandlers: HandlerSlice<'plan/create' | 'runs/start' | 'runs/resume' | 'runs/cancel' | 'runs/pause' | 'runs/list' | 'runs/get'> = {
  'plan/create': ({ collection, mode, batchSize, secrets }, { engine }) => planBackfill(engine, collection, mode, batchSize, secrets),
  'runs/start': async ({ collection, ...opts }, { jobs }) => ({ runId: await jobs.start(collection, opts) }),
  'runs/resume': async ({ runId }, { jobs }) => ({ runId: await jobs.resume(runId) }),
  'runs/cancel': ({ runId }, { jobs }) => jobs.cancel(runId),
  'runs/pause': ({ runId }, { jobs }) => jobs.pause(runId),
  // Runs of an alias are the runs of every version behind it (and its swaps); of a version, its own.
  'runs/list': ({ collection, limit }, { engine }) =>
    collection && findAlias(engine.db, collection) ? listRuns(engine.db, { family: collection, limit }) : listRuns(engine.db, { collection, limit }),
  'runs/get': ({ runId }, { engine, jobs }) => ({
    run: getRun(engine.db, runId),
    events: runEvents(engine.db, runId, 200).map((e) => ({ runId, at: e.at, level: e.level as 'info' | 'warn' | 'error', message: e.message })),
    failures: runFailures(engine.db, runId, 500),
    live: jobs.isLive(runId),
  }),
};
