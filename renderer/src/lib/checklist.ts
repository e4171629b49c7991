import type { CollectionCounts, RunRecord } from '../../../shared/types';

/** Where a checklist item stands. Each state has a word, not only a colour. */
export type CheckState = 'done' | 'todo' | 'running' | 'recheck' | 'failed';

export interface CheckItem {
  key: 'backfill' | 'verify' | 'spotcheck';
  title: string;
  state: CheckState;
  detail: string;
  /** The run the detail is about, to link to. */
  run: RunRecord | null;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const fmt = (n: number) => n.toLocaleString('en-US');
const ACTIVE = new Set(['queued', 'running', 'paused', 'interrupted']);

/** Did this run change what a verify or spot-check looked at? (A backfill that embedded nothing did not.) */
function changedData(r: RunRecord): boolean {
  if (r.kind === 'backfill') return r.embedded > 0 || ACTIVE.has(r.status);
  if (r.kind !== 'import' || r.status !== 'completed') return false;
  const res = (r.result ?? {}) as { documents?: Record<string, unknown>; chunks?: Record<string, unknown> };
  return num(res.documents?.added) + num(res.documents?.updated) + num(res.chunks?.added) + num(res.chunks?.changed) + num(res.chunks?.removed) > 0;
}

/**
 * The DONE checklist of a collection, from its runs (newest first) and its current counts:
 * the last backfill completed without errors · vectors == chunks, or every discrepancy explained
 * (last verify) · a sample query returned citations (last spot-check). A check made before the
 * collection last changed (an import or backfill since) asks to be made again.
 */
export function doneChecklist(runs: RunRecord[], counts: CollectionCounts): CheckItem[] {
  const last = (kind: RunRecord['kind']) => runs.find((r) => r.kind === kind) ?? null;
  const backfill = last('backfill');
  const verify = last('verify');
  const spot = last('spotcheck');
  const changed = runs.find(changedData);
  const changedSince = (r: RunRecord) => !!changed && changed.id > r.id;
  // Chunks the secrets guard withholds are missing on purpose: another backfill would withhold them again.
  const pending = counts.missing - (counts.withheld ?? 0) + counts.stale;

  const b: CheckItem = { key: 'backfill', title: 'Backfill without errors', state: 'todo', detail: 'No backfill has run yet.', run: backfill };
  if (backfill) {
    const failed = backfill.failed;
    if (ACTIVE.has(backfill.status)) {
      b.state = 'running';
      b.detail = `Run #${backfill.id} is ${backfill.status}: ${fmt(backfill.done)} of ${fmt(backfill.total)} done.`;
    } else if (backfill.status === 'completed' && failed === 0) {
      b.state = pending > 0 ? 'recheck' : 'done';
      b.detail =
        pending > 0
          ? `${fmt(pending)} chunk(s) need a vector since run #${backfill.id} (${fmt(backfill.embedded)} embedded, 0 failed): run another backfill.`
          : `Run #${backfill.id} completed: ${fmt(backfill.embedded)} embedded, 0 failed.`;
    } else {
      b.state = 'failed';
      b.detail =
        backfill.status === 'completed'
          ? `Run #${backfill.id} completed with ${fmt(failed)} failed chunk(s): see its failures, then retry.`
          : `Run #${backfill.id} ${backfill.status}${backfill.error ? `: ${backfill.error}` : '.'}`;
    }
  }

  const v: CheckItem = { key: 'verify', title: 'Counts match, or explained', state: 'todo', detail: 'Not verified yet.', run: verify };
  if (verify) {
    const r = verify.result ?? {};
    const when = verify.finishedAt ?? verify.createdAt;
    if (r.status === 'PASS') {
      v.state = changedSince(verify) ? 'recheck' : 'done';
      v.detail = changedSince(verify)
        ? `The collection changed after the last PASS (run #${verify.id}): verify again.`
        : `PASS (run #${verify.id}): ${fmt(num(r.vectors))} vectors = ${fmt(num(r.chunks))} chunks.`;
    } else if (r.status === 'FAIL') {
      v.state = changedSince(verify) ? 'recheck' : 'failed';
      const problems = (['missing', 'stale', 'orphaned', 'badVectors'] as const).filter((k) => num(r[k]) > 0).map((k) => `${fmt(num(r[k]))} ${k === 'badVectors' ? 'bad' : k}`);
      v.detail =
        `FAIL (run #${verify.id}): ${problems.join(', ') || 'counts differ'}; ${fmt(num(r.vectors))} vectors for ${fmt(num(r.chunks))} chunks.` +
        (changedSince(verify) ? ' The collection changed since: verify again.' : ' Verify explains each discrepancy and its fix.');
    } else {
      v.detail = `Run #${verify.id} (${verify.status}) at ${when} left no result: verify again.`;
    }
  }

  const s: CheckItem = { key: 'spotcheck', title: 'Queries return citations', state: 'todo', detail: 'No spot-check yet.', run: spot };
  if (spot) {
    const r = spot.result ?? {};
    const cited = num(r.queriesWithCitations);
    const queries = num(r.queries);
    const warnings = Array.isArray(r.warnings) ? r.warnings.filter((w): w is string => typeof w === 'string') : [];
    if (cited > 0) {
      s.state = changedSince(spot) || warnings.length ? 'recheck' : 'done';
      const base = `${cited} of ${queries} quer${queries === 1 ? 'y' : 'ies'} returned citations (run #${spot.id}).`;
      s.detail = warnings.length
        ? `Warning: ${warnings[0]} ${base}`
        : changedSince(spot)
          ? `The collection changed after run #${spot.id}: check again. ${base}`
          : base;
    } else {
      s.state = 'failed';
      s.detail = `None of ${queries} quer${queries === 1 ? 'y' : 'ies'} returned a citation (run #${spot.id}).`;
    }
  }
  return [b, v, s];
}

export const CHECK_LABEL: Record<CheckState, string> = {
  done: 'Done',
  todo: 'To do',
  running: 'In progress',
  recheck: 'Check again',
  failed: 'Not met',
};
