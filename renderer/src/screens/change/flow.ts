import type { CollectionStatus, RunRecord, SwapGate, VerifyReport } from '../../../../shared/types';
import type { Family } from '../../lib/versions';

/** The guided steps of a model or chunking change, in order. */
export const STEPS = [
  { key: 'settings', title: 'Settings' },
  { key: 'derive', title: 'Derive' },
  { key: 'backfill', title: 'Plan & backfill' },
  { key: 'verify', title: 'Verify' },
  { key: 'compare', title: 'Compare' },
  { key: 'swap', title: 'Swap' },
] as const;
export type StepKey = (typeof STEPS)[number]['key'];
export type StepState = 'done' | 'current' | 'todo';

const ACTIVE = new Set(['running', 'paused', 'interrupted', 'queued']);

/** The candidate's backfill that is still going (or stopped part-way and can be resumed). */
export function activeBackfill(c: CollectionStatus): RunRecord | null {
  const r = c.lastRun;
  return r && (ACTIVE.has(r.status) || (['cancelled', 'failed'].includes(r.status) && r.done < r.total)) ? r : null;
}

/** The newest verification of a collection recorded after its newest backfill (an older one says nothing about the vectors now). */
export function lastVerify(runs: RunRecord[], c: CollectionStatus): { runId: number; status: 'PASS' | 'FAIL'; report: Partial<VerifyReport> } | null {
  const name = c.settings.name;
  const backfill = c.lastRun?.id ?? 0;
  const v = runs.find((r) => r.kind === 'verify' && r.collection === name && r.status === 'completed' && r.id > backfill);
  const status = (v?.result as { status?: string } | null)?.status;
  return v && (status === 'PASS' || status === 'FAIL') ? { runId: v.id, status, report: v.result as Partial<VerifyReport> } : null;
}

/**
 * Whether the gate on screen still describes the candidate: same target, same counts, the same
 * saved queries. Otherwise it must be made again before the swap relies on it.
 */
export function gateOutdated(gate: SwapGate | undefined, candidate: CollectionStatus, savedQueries: string[] | undefined): string | null {
  if (!gate || gate.to !== candidate.settings.name) return 'not compared yet';
  if (gate.verify.chunks !== candidate.counts.chunks || gate.verify.vectors !== candidate.counts.vectors) return `${candidate.settings.name} changed since (now ${candidate.counts.vectors} vectors of ${candidate.counts.chunks} chunks)`;
  // A gate without a comparison (no vectors yet) asked no queries, so saving others changes nothing in it.
  const asked = gate.comparison ? (gate.comparison.source === 'saved' ? gate.comparison.queries.map((q) => q.query) : []) : null;
  if (asked && savedQueries && savedQueries.length && JSON.stringify(asked) !== JSON.stringify(savedQueries)) return 'the saved queries changed since';
  return null;
}

/** Where the flow stands, read from the database (so a reload resumes at the same step). */
export function currentStep(f: Family, runs: RunRecord[], gate: SwapGate | undefined, savedQueries: string[] | undefined): StepKey {
  const c = f.candidate;
  if (!c) return 'settings';
  if (c.health !== 'complete' || activeBackfill(c)) return 'backfill';
  if (lastVerify(runs, c)?.status !== 'PASS') return 'verify';
  if (gateOutdated(gate, c, savedQueries)) return 'compare';
  return 'swap';
}

export function stepState(step: StepKey, current: StepKey): StepState {
  const i = STEPS.findIndex((s) => s.key === step);
  const j = STEPS.findIndex((s) => s.key === current);
  return i < j ? 'done' : i === j ? 'current' : 'todo';
}

/** "chunk size 200 → 100" for each setting that differs. */
export function settingChanges(from: CollectionStatus['settings'], to: { modelId: string; modelDtype: string; chunkSize: number; chunkOverlap: number }): string[] {
  const out: string[] = [];
  if (to.modelId !== from.modelId) out.push(`model ${from.modelId} → ${to.modelId}`);
  if (to.modelDtype !== from.modelDtype) out.push(`weights ${from.modelDtype} → ${to.modelDtype}`);
  if (to.chunkSize !== from.chunkSize) out.push(`chunk size ${from.chunkSize} → ${to.chunkSize} tokens`);
  if (to.chunkOverlap !== from.chunkOverlap) out.push(`overlap ${from.chunkOverlap} → ${to.chunkOverlap} tokens`);
  return out;
}
