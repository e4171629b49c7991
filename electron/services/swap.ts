import { EmbedOpsError } from '../../shared/errors';
import type { SpotcheckComparison, SwapGate, SwapResult } from '../../shared/types';
import type { Engine } from '../engine';
import { ALIAS_NAME, baseName, findAlias, pointAlias } from '../store/aliases';
import { type Collection, findCollection, getCollection, getCollectionById, setCollectionState } from '../store/collections';
import { addEvent, createRun, finishRun } from '../store/runs';
import { getQuerySet } from '../store/query-sets';
import { compareCollections } from './compare';
import { deriveCommand } from './derive';
import { verifyCollection } from './verify';

/** Stand-in queries when none are saved: this many document titles, spread over the collection. */
const TITLE_QUERIES = 3;

export interface SwapInput {
  alias: string;
  /** The collection to serve; omitted with `back`. */
  to?: string;
  /** Point the alias back at what it served before. */
  back?: boolean;
  /** Swap even though a check fails; recorded in history. */
  force?: boolean;
  /** Queries to compare on instead of the saved set. */
  queries?: string[];
}

function resolveTarget(engine: Engine, input: SwapInput): { live: Collection | null; target: Collection } {
  const { db } = engine;
  if (!ALIAS_NAME.test(input.alias)) {
    throw new EmbedOpsError('usage', `Swap an alias, not a version: "${input.alias}" names one collection. Use the name readers use, e.g. embedops swap ${baseName(input.alias)} --to ${input.alias}`);
  }
  const alias = findAlias(db, input.alias);
  if (!alias && findCollection(db, input.alias)) {
    throw new EmbedOpsError('refused', `"${input.alias}" is a collection, not an alias yet. Create its next version with: embedops collections derive ${input.alias} --chunk-size N (it becomes ${input.alias}@v1 behind the alias ${input.alias}).`);
  }
  const live = alias ? getCollectionById(db, alias.targetId) : null;
  if (input.back) {
    if (!alias) throw new EmbedOpsError('not_found', `No alias named "${input.alias}", so there is nothing to go back to.`);
    if (alias.previousId === null) throw new EmbedOpsError('refused', `Alias ${input.alias} has no previous target to go back to (it was never swapped, or the previous collection was purged).`);
    return { live, target: getCollectionById(db, alias.previousId)! };
  }
  if (!input.to) throw new EmbedOpsError('usage', `Name the collection to serve: embedops swap ${input.alias} --to ${input.alias}@v2 (or --back).`);
  const target = getCollection(db, input.to);
  if (baseName(target.name) !== input.alias) {
    throw new EmbedOpsError('usage', `Alias ${input.alias} can only serve versions of itself (${input.alias}@vN), not ${target.name}.`);
  }
  if (live && live.id === target.id) throw new EmbedOpsError('refused', `Alias ${input.alias} already serves ${target.name}; nothing to swap.`);
  return { live, target };
}

function documentParity(engine: Engine, live: Collection | null, target: Collection): SwapGate['documents'] {
  const { db } = engine;
  const count = (id: number) => db.prepare('SELECT count(*) FROM documents WHERE collection_id = ?').pluck().get(id) as number;
  if (!live) return { live: 0, candidate: count(target.id), missing: 0, different: 0, extra: 0 };
  const row = db
    .prepare(
      `SELECT
         (SELECT count(*) FROM documents l WHERE l.collection_id = :live AND NOT EXISTS (SELECT 1 FROM documents c WHERE c.collection_id = :cand AND c.external_id = l.external_id)) AS missing,
         (SELECT count(*) FROM documents l JOIN documents c ON c.collection_id = :cand AND c.external_id = l.external_id WHERE l.collection_id = :live AND c.content_hash <> l.content_hash) AS different,
         (SELECT count(*) FROM documents c WHERE c.collection_id = :cand AND NOT EXISTS (SELECT 1 FROM documents l WHERE l.collection_id = :live AND l.external_id = c.external_id)) AS extra`,
    )
    .get({ live: live.id, cand: target.id }) as { missing: number; different: number; extra: number };
  return { live: count(live.id), candidate: count(target.id), ...row };
}

function titleQueries(engine: Engine, c: Collection): string[] {
  const n = engine.db.prepare('SELECT count(*) FROM documents WHERE collection_id = ?').pluck().get(c.id) as number;
  const at = engine.db.prepare('SELECT title FROM documents WHERE collection_id = ? ORDER BY id LIMIT 1 OFFSET ?').pluck();
  const step = Math.max(1, Math.floor(n / TITLE_QUERIES));
  return Array.from({ length: Math.min(TITLE_QUERIES, n) }, (_, i) => at.get(c.id, i * step) as string);
}

/**
 * Everything a swap checks, without swapping: the candidate verifies PASS, it holds the live
 * collection's documents with the same content, and the saved queries answered side by side.
 */
export async function swapGate(engine: Engine, input: SwapInput): Promise<SwapGate> {
  const { live, target } = resolveTarget(engine, input);
  const report = await verifyCollection(engine, target.name);
  const problems = report.discrepancies.map((d) => `${d.count} ${d.kind}: ${d.explanation}`);
  const documents = documentParity(engine, live, target);
  const reasons: string[] = [];
  if (report.status !== 'PASS') {
    const what = report.discrepancies.map((d) => `${d.count} ${d.kind}`).join(', ') || `see embedops verify ${target.name}`;
    reasons.push(`${target.name} does not verify (FAIL: ${what}). Finish it first: embedops backfill ${target.name} --mode stale`);
  }
  if (documents.missing || documents.different) {
    reasons.push(
      `${target.name} lacks ${documents.missing} document(s) of ${live!.name} and has ${documents.different} with other content (imported after the derive?). Bring them over with the same derive command again, then backfill: ${deriveCommand(input.alias, target)}`,
    );
  }
  let comparison: SpotcheckComparison | null = null;
  if (live && !input.back) {
    const saved = getQuerySet(engine.db, input.alias);
    const given = input.queries?.map((q) => q.trim()).filter(Boolean) ?? [];
    const [queries, source]: [string[], SpotcheckComparison['source']] = given.length ? [given, 'given'] : saved.queries.length ? [saved.queries, 'saved'] : [titleQueries(engine, live), 'document-titles'];
    if (queries.length && report.vectors > 0) comparison = await compareCollections(engine, live.name, target.name, queries, saved.k, source);
  }
  return {
    alias: input.alias,
    from: live?.name ?? null,
    to: target.name,
    verify: { status: report.status, runId: report.runId, chunks: report.chunks, vectors: report.vectors, problems },
    documents,
    comparison,
    ok: reasons.length === 0,
    reasons,
  };
}

export function swapCommand(input: SwapInput): string {
  return `embedops swap ${input.alias}${input.back ? ' --back' : ` --to ${input.to}`}${input.force ? ' --force' : ''}`;
}

/**
 * Points the alias at the candidate in one transaction (states follow: the new one active, the old
 * one retired, kept until purged), after the gate. A failing gate refuses unless `force`, which is
 * recorded with the reasons it overrode. Going back (`back`) is never gated: it is the way out.
 */
export async function swapAlias(engine: Engine, input: SwapInput, checked?: SwapGate): Promise<SwapResult> {
  const { db } = engine;
  // A gate the caller just showed the user is the one enforced (no second verify run).
  const gate = checked ?? (await swapGate(engine, input));
  const gated = !input.back;
  if (gated && !gate.ok && !input.force) {
    throw new EmbedOpsError('refused', `Swap of ${input.alias} to ${gate.to} refused; nothing changed:\n- ${gate.reasons.join('\n- ')}\nTo swap anyway (recorded in history): ${swapCommand({ ...input, force: true })}`);
  }
  const forced = gated && !gate.ok && input.force === true;
  const { live, target } = resolveTarget(engine, input);
  if (target.name !== gate.to || (live?.name ?? null) !== gate.from) throw new EmbedOpsError('refused', `Alias ${input.alias} changed while its swap was being checked; nothing changed. Run the swap again.`);
  const settings = { alias: input.alias, from: live?.name ?? null, to: target.name, back: input.back === true, force: input.force === true };
  const runId = db
    .transaction(() => {
      pointAlias(db, input.alias, target.id);
      setCollectionState(db, target.id, 'active');
      if (live) setCollectionState(db, live.id, 'retired');
      const id = createRun(db, { kind: 'swap', collectionId: target.id, collectionName: input.alias, settings, command: swapCommand(input) });
      const what = `${input.alias} now serves ${target.name}${live ? ` (was ${live.name}; swap back with: embedops swap ${input.alias} --back)` : ''}`;
      addEvent(db, id, forced ? 'warn' : 'info', forced ? `FORCED: ${what}. Checks overridden: ${gate.reasons.join(' | ')}` : what);
      finishRun(db, id, 'completed', { result: { ...settings, forced, gate } });
      return id;
    })
    .immediate();
  return { runId, alias: input.alias, from: live?.name ?? null, to: target.name, forced, back: input.back === true, gate };
}
