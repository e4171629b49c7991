import type { RunRecord, SpotcheckComparison } from '../../shared/types';

function duration(r: RunRecord): string {
  if (!r.startedAt || !r.finishedAt) return '';
  const s = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function outcome(r: RunRecord): string {
  const res = r.result ?? {};
  if (r.kind === 'backfill') return `${r.done}/${r.total} done · ${r.embedded} embedded · ${r.skipped} skipped · ${r.failed} failed`;
  if (r.kind === 'verify') return `${String(res.status)} · ${String(res.chunks)} chunks · ${String(res.vectors)} vectors · ${String(res.missing)} missing · ${String(res.stale)} stale · ${String(res.orphaned)} orphaned`;
  if (r.kind === 'backup' || r.kind === 'restore') {
    const cs = (res.collections as { name: string; documents: number; chunks: number; vectors: number }[] | undefined) ?? [];
    const where = r.kind === 'backup' ? `to ${String(res.file)}` : `from ${String(res.from)}`;
    return r.status === 'completed' ? `${where} · ${cs.map((c) => `${c.name}: ${c.documents} docs, ${c.chunks} chunks, ${c.vectors} vectors`).join('; ') || 'no collections'}` : '';
  }
  if (r.kind === 'derive') return r.status === 'completed' ? `${String(res.from)} → ${String(res.to)} · ${String(res.documents)} documents → ${String(res.chunks)} chunks` : '';
  if (r.kind === 'swap') {
    const gate = res.gate as { verify?: { status: string }; comparison?: { meanOverlap: number; queries: unknown[] } | null } | undefined;
    const cmp = gate?.comparison ? ` · spot-check overlap ${Math.round(gate.comparison.meanOverlap * 100)} % over ${gate.comparison.queries.length} queries` : '';
    return `${r.collection}: ${String(res.from ?? '(new)')} → ${String(res.to)}${res.back ? ' (back)' : ''} · verify ${gate?.verify?.status ?? '?'}${cmp}${res.forced ? ' · FORCED past failing checks' : ''}`;
  }
  if (r.kind === 'purge') {
    const c = res.counts as { documents: number; chunks: number; vectors: number } | undefined;
    return c ? `deleted ${c.documents} documents, ${c.chunks} chunks, ${c.vectors} vectors · backup before: ${String(res.backup)}` : '';
  }
  if (r.kind === 'spotcheck') return `${String(res.queriesWithCitations)}/${String(res.queries)} queries returned citations`;
  const docs = res.documents as { added?: number; updated?: number; unchanged?: number } | undefined;
  const skipped = (res.skipped as unknown[] | undefined)?.length ?? 0;
  return docs ? `${docs.added} added · ${docs.updated} updated · ${docs.unchanged} unchanged · ${skipped} skipped` : '';
}

/** A swap keeps the side-by-side spot-check it was decided on; the log shows it per query. */
function comparisonLines(r: RunRecord): string[] {
  const cmp = (r.result?.gate as { comparison?: SpotcheckComparison | null } | undefined)?.comparison;
  if (r.kind !== 'swap' || !cmp) return [];
  return [
    `- spot-check side by side (${cmp.live} → ${cmp.candidate}, top ${cmp.k} documents, ${cmp.source} queries):`,
    ...cmp.queries.map(
      (q) => `  - "${q.query}": overlap ${Math.round(q.overlap * 100)} % · ${q.appeared} appeared · ${q.disappeared} disappeared · top document ${q.sameTop ? 'unchanged' : 'changed'} · new order: ${q.documents.filter((d) => d.candidateRank !== null).map((d) => `${d.id}${d.liveRank === null ? ' (new)' : d.liveRank === d.candidateRank ? '' : ` (was ${d.liveRank})`}`).join(', ') || '—'}`,
    ),
  ];
}

/** The history as a markdown log, newest first: what ran, with what settings, and how to run it again. */
export function historyMarkdown(runs: RunRecord[], title = 'EmbedOps run history'): string {
  const lines = [`# ${title}`, '', `Generated ${new Date().toISOString()} · ${runs.length} run(s), newest first.`, ''];
  for (const r of runs) {
    lines.push(`## #${r.id} ${r.kind} · ${r.collection} · ${r.status}`, '');
    lines.push(`- started: ${r.startedAt ?? '—'}${r.finishedAt ? ` · finished: ${r.finishedAt}` : ''}${duration(r) ? ` (${duration(r)})` : ''}`);
    if (r.mode) lines.push(`- mode: ${r.mode}`);
    const o = outcome(r);
    if (o) lines.push(`- outcome: ${o}`);
    if (r.error) lines.push(`- error: ${r.error}`);
    lines.push(`- settings: \`${JSON.stringify(r.settings)}\``);
    lines.push(...comparisonLines(r));
    lines.push('- command:', '', '  ```sh', `  ${r.command}`, '  ```', '');
  }
  return lines.join('\n');
}

export { outcome as runOutcome };
