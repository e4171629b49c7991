import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { EventName, Events, RunDetail, RunLogLine, StatusSnapshot } from '../../../shared/api';
import type { RunProgress, RunRecord, TaskProgress } from '../../../shared/types';
import { keys } from './keys';
import type { ConnectionState } from './transport';
import { useTransport } from './TransportProvider';

/** Subscribes to one contract event for as long as the calling component is mounted. */
export function useEvent<E extends EventName>(name: E, listener: (payload: Events[E]) => void): void {
  const t = useTransport();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => t.subscribe(name, (p) => latest.current(p)), [t, name]);
}

const LOG_TAIL = 200;
/** How often collection counts are refetched while a run reports progress. */
const COUNTS_EVERY_MS = 3000;

function withProgress(d: RunDetail, p: RunProgress): RunDetail {
  // A progress event means this server is running it now, whatever an older snapshot said
  // (it was paused, then resumed from another tab or by the Resume button).
  return { ...d, run: withCounts(d.run, p), live: true };
}

function withLog(d: RunDetail, line: RunLogLine): RunDetail {
  if (d.events.some((e) => e.at === line.at && e.message === line.message)) return d;
  return { ...d, events: [...d.events, line].slice(-LOG_TAIL) };
}

/**
 * Keeps one run's snapshot (`runs/get`) current from its events: progress patches the counters,
 * log lines are appended, and the finished run replaces the row and triggers a refetch (failures
 * and the final log come with it).
 */
export function useRunEvents(runId: number): void {
  const qc = useQueryClient();
  useEvent('run/progress', (p) => {
    if (p.runId !== runId) return;
    qc.setQueryData(keys.progress(runId), p);
    const before = qc.getQueryData<RunDetail>(keys.run(runId));
    qc.setQueryData<RunDetail>(keys.run(runId), (d) => (d ? withProgress(d, p) : d));
    // Failures are listed only in the snapshot; fetch them when the count moves.
    if (before && p.failed !== before.run.failed) void qc.invalidateQueries({ queryKey: keys.run(runId) });
  });
  useEvent('run/log', (line) => {
    if (line.runId === runId) qc.setQueryData<RunDetail>(keys.run(runId), (d) => (d ? withLog(d, line) : d));
  });
  useEvent('run/finished', (run) => {
    if (run.id !== runId) return;
    qc.setQueryData<RunDetail>(keys.run(runId), (d) => (d ? { ...d, run, live: false } : d));
    void qc.invalidateQueries({ queryKey: keys.run(runId) });
  });
}

function withCounts(r: RunRecord, p: RunProgress): RunRecord {
  const { total, done, embedded, skipped, failed } = p;
  return { ...r, total, done, embedded, skipped, failed, status: 'running' };
}

function patchActive(s: StatusSnapshot, p: RunProgress): StatusSnapshot {
  return { ...s, activeRuns: s.activeRuns.map((r) => (r.id === p.runId ? withCounts(r, p) : r)) };
}

let lastProgressAt = 0;

/**
 * True when a run reported progress here in the last few seconds. A run shown as running without
 * that is driven by another process (a CLI backfill), whose progress only the database knows.
 */
export function progressEventsFlowing(): boolean {
  return Date.now() - lastProgressAt < 5000;
}

/**
 * App-wide: finished runs refresh every list that shows counts or runs; progress keeps the status
 * line's active runs moving; after the event link comes back, everything is refetched because
 * events may have been missed meanwhile. Returns the link's state for the status line.
 */
export function useLiveUpdates(): ConnectionState {
  const t = useTransport();
  const qc = useQueryClient();
  const [state, setState] = useState<ConnectionState>('live');
  const countsAt = useRef(0);

  useEvent('run/finished', () => {
    void qc.invalidateQueries({ queryKey: keys.collections });
    void qc.invalidateQueries({ queryKey: ['collection'] });
    void qc.invalidateQueries({ queryKey: keys.runsAll });
    void qc.invalidateQueries({ queryKey: keys.status });
  });
  useEvent('run/progress', (p) => {
    lastProgressAt = Date.now();
    // Run lists (history, the DONE checklist) show done/total: patch them in place, it is cheap.
    qc.setQueriesData<RunRecord[]>({ queryKey: keys.runsAll }, (list) => list?.map((r) => (r.id === p.runId ? withCounts(r, p) : r)));
    // Counts (missing, vectors) move with a run: refresh them now and then, not on every event.
    if (Date.now() - countsAt.current > COUNTS_EVERY_MS) {
      countsAt.current = Date.now();
      void qc.invalidateQueries({ queryKey: keys.collections }, { cancelRefetch: false });
      void qc.invalidateQueries({ queryKey: ['collection'] }, { cancelRefetch: false });
    }
    const s = qc.getQueryData<StatusSnapshot>(keys.status);
    if (!s) return;
    if (s.activeRuns.some((r) => r.id === p.runId)) qc.setQueryData(keys.status, patchActive(s, p));
    else void qc.invalidateQueries({ queryKey: keys.status }, { cancelRefetch: false });
  });
  useEffect(
    () =>
      t.onConnection((next) => {
        setState(next);
        if (next === 'live') void qc.invalidateQueries();
      }),
    [t, qc],
  );
  return state;
}

/**
 * The latest `task/progress` of an import or a derive on `collection`, while `active` (its request
 * is pending); null before the first event and once it is over.
 */
export function useTaskProgress(commands: TaskProgress['command'][], collection: string, active: boolean): TaskProgress | null {
  const [latest, setLatest] = useState<TaskProgress | null>(null);
  useEvent('task/progress', (p) => {
    if (active && p.collection === collection && commands.includes(p.command)) setLatest(p);
  });
  useEffect(() => {
    if (!active) setLatest(null);
  }, [active]);
  return active ? latest : null;
}
