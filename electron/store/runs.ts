import { hostname } from 'node:os';
import { EmbedOpsError } from '../../shared/errors';
import type { BackfillMode, RunKind, RunRecord, RunStatus } from '../../shared/types';
import { type Db, nowIso } from './db';

interface RunRow {
  id: number;
  kind: RunKind;
  collection_name: string;
  status: RunStatus;
  mode: BackfillMode | null;
  settings: string;
  command: string;
  total: number;
  done: number;
  embedded: number;
  skipped: number;
  failed: number;
  checkpoint: number;
  result: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  heartbeat_at: string | null;
  control: 'cancel' | 'pause' | null;
}

function fromRow(r: RunRow): RunRecord {
  return {
    id: r.id,
    kind: r.kind,
    collection: r.collection_name,
    status: r.status,
    mode: r.mode,
    settings: JSON.parse(r.settings) as Record<string, unknown>,
    command: r.command,
    total: r.total,
    done: r.done,
    embedded: r.embedded,
    skipped: r.skipped,
    failed: r.failed,
    checkpoint: r.checkpoint,
    result: r.result ? (JSON.parse(r.result) as Record<string, unknown>) : null,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Statuses that hold a collection's writer slot. */
const ACTIVE: RunStatus[] = ['queued', 'running'];
/** Statuses a run can be resumed from. */
export const RESUMABLE: RunStatus[] = ['paused', 'cancelled', 'failed', 'interrupted'];
/**
 * A run's heartbeat advances with every batch (seconds apart even on slow models); one this old
 * means the owner is gone even if its pid now belongs to another process, or lives on another host.
 */
const HEARTBEAT_TIMEOUT_MS = 15 * 60_000;

function ownerAlive(r: Pick<RunRow, 'owner_pid' | 'owner_host' | 'heartbeat_at'>): boolean {
  if (r.owner_pid === null || r.heartbeat_at === null) return false;
  if (Date.now() - Date.parse(r.heartbeat_at) > HEARTBEAT_TIMEOUT_MS) return false;
  if (r.owner_host !== hostname()) return true;
  try {
    process.kill(r.owner_pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs left `running` by a process that no longer exists become `interrupted` (resumable). */
export function markInterruptedRuns(db: Db): number[] {
  const rows = db.prepare(`SELECT id, owner_pid, owner_host, heartbeat_at FROM runs WHERE status IN ('queued', 'running')`).all() as RunRow[];
  const dead = rows.filter((r) => !ownerAlive(r)).map((r) => r.id);
  const mark = db.prepare(`UPDATE runs SET status = 'interrupted', control = NULL, error = 'the process running it stopped (crash, kill or power loss)' WHERE id = ?`);
  for (const id of dead) {
    mark.run(id);
    addEvent(db, id, 'warn', 'Marked interrupted: its process is gone. Resume it with: embedops resume ' + id);
  }
  return dead;
}

export interface NewRun {
  kind: RunKind;
  collectionId: number | null;
  collectionName: string;
  mode?: BackfillMode | null;
  settings: Record<string, unknown>;
  command: string;
  plan?: unknown;
  total?: number;
}

/** A writer run owns its collection: a second one is refused while the first is alive. */
export function activeWriter(db: Db, collectionId: number): RunRecord | null {
  const row = db
    .prepare(`SELECT * FROM runs WHERE collection_id = ? AND kind IN ('backfill', 'import', 'derive') AND status IN (${ACTIVE.map((s) => `'${s}'`).join(', ')}) ORDER BY id LIMIT 1`)
    .get(collectionId) as RunRow | undefined;
  return row ? fromRow(row) : null;
}

function refuseIfBusy(db: Db, collectionId: number, collectionName: string): void {
  markInterruptedRuns(db);
  const busy = activeWriter(db, collectionId);
  if (busy) {
    throw new EmbedOpsError(
      'refused',
      `Collection "${collectionName}" already has an active ${busy.kind} run (#${busy.id}, ${busy.status}, ${busy.done}/${busy.total}). ` +
        `Only one writer per collection runs at a time: wait for it, or stop it with: embedops cancel ${busy.id}`,
    );
  }
}

/** Creates a run owned by this process. Writer kinds take the collection's writer slot atomically. */
export function createRun(db: Db, r: NewRun): number {
  return db
    .transaction(() => {
      if ((r.kind === 'backfill' || r.kind === 'import' || r.kind === 'derive') && r.collectionId !== null) refuseIfBusy(db, r.collectionId, r.collectionName);
      const now = nowIso();
      const info = db
        .prepare(
          `INSERT INTO runs (kind, collection_id, collection_name, status, mode, settings, plan, command, total, owner_pid, owner_host, heartbeat_at, created_at, started_at)
           VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(r.kind, r.collectionId, r.collectionName, r.mode ?? null, JSON.stringify(r.settings), r.plan === undefined ? null : JSON.stringify(r.plan), r.command, r.total ?? 0, process.pid, hostname(), now, now, now);
      return Number(info.lastInsertRowid);
    })
    .immediate();
}

/** Takes over a stopped run for this process; refuses while another writer is active. */
export function claimRunForResume(db: Db, runId: number): RunRecord {
  return db
    .transaction(() => {
      markInterruptedRuns(db);
      const run = getRun(db, runId);
      if (run.kind !== 'backfill') throw new EmbedOpsError('usage', `Run #${runId} is a ${run.kind} run; only backfill runs can be resumed.`);
      if (run.status === 'completed') throw new EmbedOpsError('refused', `Run #${runId} already completed; nothing to resume. Start a new one with: embedops backfill ${run.collection} --mode missing`);
      if (!RESUMABLE.includes(run.status)) throw new EmbedOpsError('refused', `Run #${runId} is ${run.status} in another process; it cannot be resumed twice. Cancel it first with: embedops cancel ${runId}`);
      const cid = (db.prepare('SELECT collection_id FROM runs WHERE id = ?').get(runId) as { collection_id: number | null }).collection_id;
      if (cid === null) throw new EmbedOpsError('refused', `The collection of run #${runId} no longer exists.`);
      refuseIfBusy(db, cid, run.collection);
      db.prepare(`UPDATE runs SET status = 'running', control = NULL, error = NULL, finished_at = NULL, owner_pid = ?, owner_host = ?, heartbeat_at = ? WHERE id = ?`).run(
        process.pid,
        hostname(),
        nowIso(),
        runId,
      );
      addEvent(db, runId, 'info', `Resumed by process ${process.pid}: ${run.done} of ${run.total} already done, each kept (nothing is embedded twice)`);
      return getRun(db, runId);
    })
    .immediate();
}

export function getRun(db: Db, runId: number): RunRecord {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (!row) throw new EmbedOpsError('not_found', `No run #${runId}. List runs with: embedops history`);
  return fromRow(row);
}

export function runCollectionId(db: Db, runId: number): number | null {
  return (db.prepare('SELECT collection_id FROM runs WHERE id = ?').get(runId) as { collection_id: number | null } | undefined)?.collection_id ?? null;
}

/**
 * Runs newest first. `family` is for a history log: the runs of a name, of every version of it
 * (`tenant_42@v1`, `@v2`, …, and swaps of the alias) and of the whole database (backup, restore).
 */
export function listRuns(db: Db, opts: { collection?: string; family?: string; limit?: number; kinds?: RunKind[] } = {}): RunRecord[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.collection) {
    where.push('collection_name = ?');
    args.push(opts.collection);
  }
  if (opts.family) {
    const base = opts.family.replace(/@v[0-9]+$/, '');
    where.push(`(collection_name IN (?, ?, '*') OR collection_name GLOB ?)`);
    args.push(opts.family, base, `${base}@v[0-9]*`);
  }
  if (opts.kinds?.length) where.push(`kind IN (${opts.kinds.map((k) => `'${k}'`).join(', ')})`);
  const sql = `SELECT * FROM runs ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
  return (db.prepare(sql).all(...args, opts.limit ?? 1000) as RunRow[]).map(fromRow);
}

export function finishRun(db: Db, runId: number, status: RunStatus, fields: { error?: string | null; result?: unknown } = {}): void {
  db.prepare('UPDATE runs SET status = ?, control = NULL, error = ?, result = coalesce(?, result), finished_at = ?, heartbeat_at = ? WHERE id = ?').run(
    status,
    fields.error ?? null,
    fields.result === undefined ? null : JSON.stringify(fields.result),
    nowIso(),
    nowIso(),
    runId,
  );
}

/** Asks the owner of a running run to stop after its batch in flight; a run with no live owner is settled at once. */
export function requestControl(db: Db, runId: number, control: 'cancel' | 'pause'): RunRecord {
  return db
    .transaction(() => {
      markInterruptedRuns(db);
      const run = getRun(db, runId);
      if (run.status === 'running' || run.status === 'queued') {
        db.prepare('UPDATE runs SET control = ? WHERE id = ?').run(control, runId);
        addEvent(db, runId, 'info', `${control} requested`);
      } else if (control === 'cancel' && RESUMABLE.includes(run.status) && run.status !== 'cancelled') {
        finishRun(db, runId, 'cancelled');
        addEvent(db, runId, 'info', 'cancelled while stopped');
      } else {
        throw new EmbedOpsError('refused', `Run #${runId} is ${run.status}; there is nothing to ${control}.`);
      }
      return getRun(db, runId);
    })
    .immediate();
}

export function addEvent(db: Db, runId: number, level: 'info' | 'warn' | 'error', message: string): void {
  db.prepare('INSERT INTO run_events (run_id, at, level, message) VALUES (?, ?, ?, ?)').run(runId, nowIso(), level, message);
}

export function runEvents(db: Db, runId: number, limit = 200, afterId = 0): { id: number; at: string; level: string; message: string }[] {
  return (
    db.prepare('SELECT id, at, level, message FROM run_events WHERE run_id = ? AND id > ? ORDER BY id DESC LIMIT ?').all(runId, afterId, limit) as {
      id: number;
      at: string;
      level: string;
      message: string;
    }[]
  ).reverse();
}

export function runFailures(db: Db, runId: number, limit = 1000): { chunkId: number; error: string; at: string }[] {
  return db.prepare('SELECT chunk_id AS chunkId, error, at FROM run_failures WHERE run_id = ? ORDER BY chunk_id LIMIT ?').all(runId, limit) as {
    chunkId: number;
    error: string;
    at: string;
  }[];
}
