import type { SpotcheckReport, VerifyReport } from '../../../shared/types';
import { spotcheck } from '../../services/spotcheck';
import { verifyCollection } from '../../services/verify';
import { keywordMatchExpression } from '../../store/keyword-index';
import { type Command, intOption, requireArgs } from '../context';
import { fmtInt, truncate } from '../format';

function verifyText(r: VerifyReport): string {
  const lines = [`${r.status}  ${r.collection}  (${r.modelId}, ${r.dimension}-d, ${r.modelFingerprint.slice(0, 19)}…)`, ''];
  const width = Math.max(...r.counts.map((c) => fmtInt(c.value).length));
  for (const c of r.counts) lines.push(`  ${c.name.padEnd(15)} ${fmtInt(c.value).padStart(width)}   ${c.sql}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  if (r.discrepancies.length) {
    lines.push('', 'Discrepancies:');
    for (const d of r.discrepancies) {
      lines.push(`  - ${d.kind}: ${d.explanation}`);
      if (d.sampleChunkIds.length) lines.push(`    chunk ids: ${d.sampleChunkIds.join(', ')}${d.count > d.sampleChunkIds.length ? ', …' : ''}`);
    }
  } else {
    lines.push(
      '',
      r.withheld
        ? `vectors (${fmtInt(r.vectors)}) + withheld by the secrets guard (${fmtInt(r.withheld)}) == chunks (${fmtInt(r.chunks)}); nothing else missing, stale, orphaned or bad.`
        : `vectors == chunks (${fmtInt(r.chunks)}); nothing missing, stale, orphaned or bad.`,
    );
  }
  return lines.join('\n');
}

function overlapLine(r: SpotcheckReport['results'][number], k: number): string {
  if (!r.hits.length) return '  keyword cross-check: nothing to compare (no vector hits)';
  if (!r.keywordHits.length) {
    return keywordMatchExpression(r.query) === null
      ? '  keyword cross-check: the query has no words to look up'
      : "  keyword cross-check: none of the query's words occur in the collection";
  }
  const { chunks, documents } = r.overlap;
  const docsOf = (hits: { document: { id: string } }[]) => new Set(hits.map((h) => h.document.id)).size;
  const of = (o: { count: number; share: number }, out: number, what: string) => `${o.count} of ${out} ${what} (${Math.round(o.share * 100)}%)`;
  return (
    `  keyword cross-check, shared with the BM25 top ${k}: ${of(chunks, Math.min(r.hits.length, r.keywordHits.length), 'chunks')}, ` +
    of(documents, Math.min(docsOf(r.hits), docsOf(r.keywordHits)), 'documents')
  );
}

function spotcheckText(r: SpotcheckReport): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(`WARNING: ${w}`, '');
  for (const result of r.results) {
    const { query, hits } = result;
    lines.push(`Query: ${query}`);
    if (!hits.length) lines.push('  (no results: the collection has no vectors yet?)');
    hits.forEach((h, i) => {
      lines.push(`  ${i + 1}. [${h.score.toFixed(3)}] ${h.document.title || h.document.id}  — doc ${h.document.id}, chunk ${h.chunk}, chars ${h.start}–${h.end}`);
      lines.push(`     "${truncate(h.snippet, 160)}"`);
    });
    lines.push(overlapLine(result, r.k));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

export const verifyCommands: Record<string, Command> = {
  verify: {
    usage: 'embedops verify COLLECTION',
    summary: 'count documents, chunks, vectors, missing, stale, orphaned and bad vectors; PASS or FAIL (exit 1)',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 1, this.usage);
      const report = await verifyCollection(ctx.engine(), ctx.args[0]!);
      return { data: report, text: verifyText(report), exitCode: report.status === 'PASS' ? 0 : 1 };
    },
  },
  spotcheck: {
    usage: 'embedops spotcheck COLLECTION "query" ["query" …] [-k 5]',
    summary: 'top-k results with citations (document, chunk, character offsets, snippet, score), cross-checked against keyword (BM25) search',
    readsOnly: true,
    async run(ctx) {
      requireArgs(ctx, 2, this.usage);
      const [name, ...queries] = ctx.args as [string, ...string[]];
      const report = await spotcheck(ctx.engine(), name, queries, intOption(ctx, 'k', 5));
      return { data: report, text: spotcheckText(report) };
    },
  },
};
